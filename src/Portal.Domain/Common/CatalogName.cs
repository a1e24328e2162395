using System.Text.RegularExpressions;

namespace Portal.Domain.Common;

/// <summary>
/// Names follow Backstage's rules so catalogs interoperate: runs of <c>[a-zA-Z0-9]</c> separated by
/// single <c>-</c>, <c>_</c> or <c>.</c>, at most 63 characters.
/// </summary>
public static partial class CatalogName
{
    public const int MaxLength = 63;
    public const string DefaultNamespace = "default";

    [GeneratedRegex("^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise the reason it is not.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a name is required";
        }

        if (name.Length > MaxLength)
        {
            return $"'{name}' is {name.Length} characters long; at most {MaxLength} are allowed";
        }

        return Pattern().IsMatch(name)
            ? null
            : $"'{name}' may contain only letters, digits and single '-', '_' or '.' between them";
    }

    public static bool IsValid(string? name) => Validate(name) is null;

    /// <summary>Throws <see cref="DomainValidationException"/> naming <paramref name="field"/> when invalid.</summary>
    public static string Require(string? name, string field = "name")
    {
        var problem = Validate(name);
        return problem is null ? name! : throw new DomainValidationException(field, problem);
    }

    /// <summary>Namespaces use the same rules; empty means <see cref="DefaultNamespace"/>.</summary>
    public static string RequireNamespace(string? ns) =>
        string.IsNullOrWhiteSpace(ns) ? DefaultNamespace : Require(ns, "namespace");
}
