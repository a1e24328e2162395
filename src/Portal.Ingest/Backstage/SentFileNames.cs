using Portal.Domain.Common;

namespace Portal.Ingest.Backstage;

/// <summary>
/// The names of files a person sends (upload page, API). Each name becomes part of an origin
/// (<c>upload/{sender}/{file}</c>), so it must be a plain file name: no folders, nothing that reads like another
/// location, and each name once per send (a second file of the same name would otherwise be dropped unseen).
/// </summary>
public static class SentFileNames
{
    /// <summary>Longest file name accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> cannot be a sent file's name, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a file needs a name";
        }

        if (name.Length > MaxLength)
        {
            return $"'{Shorten(name)}' is longer than {MaxLength} characters";
        }

        if (name.IndexOfAny(['/', '\\', '#']) >= 0 || name.Any(char.IsControl))
        {
            return $"'{Shorten(name)}' may not contain '/', '\\\\', '#' or control characters: send a plain file name";
        }

        return name.StartsWith('.') || name.Trim() != name
            ? $"'{Shorten(name)}' may not start with '.' or start or end with a space"
            : null;
    }

    /// <summary>Throws <see cref="DomainValidationException"/> (field <c>file</c>) naming the first bad or repeated name.</summary>
    public static void Demand(IReadOnlyList<CatalogFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (Problem(file.Path) is { } problem)
            {
                throw new DomainValidationException("file", problem);
            }

            if (!seen.Add(file.Path))
            {
                throw new DomainValidationException("file", $"'{file.Path}' was sent twice; each file name may appear once (nothing was imported)");
            }
        }
    }

    private static string Shorten(string name) => name.Length <= 60 ? name : TextCut.Prefix(name, 57) + "…";
}
