namespace Portal.Ingest.Backstage;

/// <summary>Paths inside a catalog: forward slashes, relative to the import root, <c>.</c> and <c>..</c> resolved.</summary>
internal static class CatalogPaths
{
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The folder of <paramref name="file"/>, "" for a file at the root.</summary>
    public static string DirectoryOf(string file)
    {
        var slash = file.LastIndexOf('/');
        return slash < 0 ? "" : file[..slash];
    }

    public static string Combine(string directory, string relative) =>
        Normalize(directory.Length == 0 ? relative : directory + "/" + relative);

    /// <summary>True for targets that are not a relative path on the same machine (URLs, absolute paths).</summary>
    public static bool IsRooted(string target) =>
        target.StartsWith('/') || target.StartsWith('\\') || (target.Length > 1 && target[1] == ':');
}
