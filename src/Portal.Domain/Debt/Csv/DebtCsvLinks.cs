using Portal.Domain.Common;

namespace Portal.Domain.Debt.Csv;

/// <summary>
/// A link in the CSV's links cell: <c>kind url title</c> on one line (the title optional), for example
/// <c>git-hub-issue https://github.com/acme/pay/issues/12 Flaky deploy</c>. The kind may be left out when the URL comes
/// first (it is then <see cref="DebtLinkKind.Other"/>).
/// </summary>
public static class DebtCsvLinks
{
    public static string Format(DebtLink link) =>
        string.IsNullOrWhiteSpace(link.Title)
            ? $"{DebtEnums.Kebab(link.Kind.ToString())} {link.Url}"
            : $"{DebtEnums.Kebab(link.Kind.ToString())} {link.Url} {link.Title}";

    /// <summary>Reads the links cell, one link a line; throws <see cref="DomainValidationException"/> naming <c>links</c>.</summary>
    public static IReadOnlyList<DebtLink> Parse(string? cell)
    {
        var links = new List<DebtLink>();
        foreach (var raw in (cell ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            DebtLink link;
            if (parts[0].Contains('/', StringComparison.Ordinal))
            {
                link = new DebtLink(DebtLinkKind.Other, parts[0], parts.Length > 1 ? string.Join(' ', parts[1..]) : null);
            }
            else if (!DebtEnums.TryParse<DebtLinkKind>(parts[0], out var kind))
            {
                throw new DomainValidationException("links", $"'{parts[0]}' is not a kind of link ({string.Join(", ", Enum.GetNames<DebtLinkKind>().Select(DebtEnums.Kebab))}); write 'kind url title', one link a line");
            }
            else if (parts.Length < 2)
            {
                throw new DomainValidationException("links", $"the link '{line}' has no URL; write 'kind url title', one link a line");
            }
            else
            {
                link = new DebtLink(kind, parts[1], parts.Length > 2 ? parts[2] : null);
            }

            links.Add(link.Validated());
        }

        return links.Count > DebtItem.MaxLinks
            ? throw new DomainValidationException("links", $"at most {DebtItem.MaxLinks} links")
            : links;
    }
}
