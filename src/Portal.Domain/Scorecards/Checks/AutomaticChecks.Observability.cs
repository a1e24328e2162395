using Portal.Domain.Catalog;

namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>The service page links a runbook.</summary>
    public static AutomaticCheck RunbookLink { get; } = Check(
        "runbook-link",
        "The service page links a runbook (a link of type 'runbook', or titled or addressed as one).",
        c => LinkCheck(c, "runbook", "runbook", "playbook"));

    /// <summary>The service page links a dashboard.</summary>
    public static AutomaticCheck DashboardLink { get; } = Check(
        "dashboard-link",
        "The service page links a dashboard of its health (a link of type 'dashboard', or titled or addressed as one).",
        c => LinkCheck(c, "dashboard", "dashboard", "grafana", "datadog"));

    private static CheckOutcome LinkCheck(CheckContext c, string what, params string[] words)
    {
        var found = c.Service.Links.FirstOrDefault(l => IsLink(l, words));
        return found is not null
            ? CheckOutcome.Pass($"Links a {what}: {found.Title ?? found.Url} ({found.Url}).", c.Service.CatalogAsOf)
            : CheckOutcome.Fail(
                c.Service.Links.Count == 0
                    ? $"The service page has no links at all, so no {what}."
                    : $"None of its {Plural(c.Service.Links.Count, "link", "links")} is a {what} ({Names([.. c.Service.Links.Select(l => l.Title ?? l.Url)])}).",
                c.Service.CatalogAsOf);
    }

    private static bool IsLink(ServiceLink link, string[] words) =>
        words.Any(w => (link.Type?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)
            || (link.Title?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)
            || link.Url.Contains(w, StringComparison.OrdinalIgnoreCase));
}
