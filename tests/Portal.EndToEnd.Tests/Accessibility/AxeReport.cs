using System.Text;
using Deque.AxeCore.Commons;

namespace Portal.EndToEnd.Tests.Accessibility;

/// <summary>Turns axe-core's violations into a list a person can act on: rule, impact, help link, and where.</summary>
public static class AxeReport
{
    /// <summary>The impacts that fail the test.</summary>
    public static readonly IReadOnlySet<string> BlockingImpacts = new HashSet<string>(StringComparer.Ordinal) { "critical", "serious" };

    /// <summary>
    /// Rules axe rates moderate that fail the test all the same, because they are how a screen-reader user finds their way:
    /// one <c>main</c> landmark, all content inside landmarks, one <c>h1</c>, no skipped heading levels.
    /// </summary>
    public static readonly IReadOnlySet<string> BlockingRules = new HashSet<string>(StringComparer.Ordinal)
    {
        "landmark-one-main", "landmark-no-duplicate-main", "landmark-unique", "region", "page-has-heading-one", "heading-order", "empty-heading",
    };

    private const int NodesPerRule = 8;

    public static IReadOnlyList<AxeResultItem> BlockingViolations(AxeResult result) =>
        [.. result.Violations.Where(v => (v.Impact is not null && BlockingImpacts.Contains(v.Impact)) || BlockingRules.Contains(v.Id))];

    /// <summary>
    /// One block per rule: <c>[serious] color-contrast — Elements must meet … (help url)</c>, then each element
    /// as its CSS selector, its HTML (shortened) and what axe says is wrong with it.
    /// </summary>
    public static string Describe(string heading, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        text.AppendLine(heading);
        foreach (var v in violations.OrderBy(v => v.Impact == "critical" ? 0 : 1).ThenBy(v => v.Id, StringComparer.Ordinal))
        {
            text.AppendLine($"  [{v.Impact}] {v.Id} — {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes.Take(NodesPerRule))
            {
                text.AppendLine($"      at {node.Target}");
                text.AppendLine($"         {Shorten(node.Html, 200)}");
                foreach (var line in FailureSummary(node))
                {
                    text.AppendLine($"         {line}");
                }
            }

            if (v.Nodes.Length > NodesPerRule)
            {
                text.AppendLine($"      … and {v.Nodes.Length - NodesPerRule} more elements");
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> FailureSummary(AxeResultNode node) =>
        (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
        .Select(c => c.Message)
        .Where(m => !string.IsNullOrWhiteSpace(m))
        .Distinct(StringComparer.Ordinal)
        .Take(3);

    private static string Shorten(string? html, int max)
    {
        var flat = (html ?? "").ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
