namespace Portal.Ingest.GitHub;

/// <summary>Reads the team that owns a whole repository from a CODEOWNERS file.</summary>
public static class CodeOwners
{
    private static readonly HashSet<string> WholeTree = new(StringComparer.Ordinal) { "*", "/*", "/**", "**", "/" };

    /// <summary>
    /// The first team (<c>@org/slug</c>, same organisation) of the last rule that covers every file,
    /// as in GitHub the last matching rule wins; without such a rule, the team named most often.
    /// Returns the slug, or null when only people (or nobody) are named.
    /// </summary>
    public static string? TeamForWholeRepository(string content, string organization)
    {
        string? wholeTree = null;
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash].Trim();
            }

            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            var teams = parts.Skip(1)
                .Where(o => o.StartsWith('@') && o.Contains('/', StringComparison.Ordinal))
                .Select(o => o[1..].Split('/', 2))
                .Where(p => string.Equals(p[0], organization, StringComparison.OrdinalIgnoreCase) && p[1].Length > 0)
                .Select(p => p[1].ToLowerInvariant())
                .ToList();
            foreach (var team in teams)
            {
                counts[team] = counts.GetValueOrDefault(team) + 1;
            }

            if (WholeTree.Contains(parts[0]))
            {
                wholeTree = teams.FirstOrDefault();
            }
        }

        return wholeTree ?? counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).FirstOrDefault();
    }
}
