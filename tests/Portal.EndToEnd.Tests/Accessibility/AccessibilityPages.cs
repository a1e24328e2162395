using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Reviews.Initiatives;

namespace Portal.EndToEnd.Tests.Accessibility;

/// <summary>
/// Every page the accessibility test scans, on the demo data, signed in as an admin, in the light and the dark
/// theme. <b>A new page goes here</b>: add one line with its address and, if it draws or loads after the circuit
/// is up, the <c>data-testid</c> of an element that only appears once it is complete.
/// </summary>
public static class AccessibilityPages
{
    /// <summary>The demo's closed review: the quarter before today's.</summary>
    private static string DemoReviewQuarter => Portal.Domain.Debt.Quarter.Of(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime)).Previous.ToString();

    /// <summary>The demo's initiative (grown from last quarter's review); its id is known only once the app runs, see <see cref="Resolve"/>.</summary>
    public const string DemoInitiative = "/initiatives/{demo-initiative}";

    /// <summary>The address to open for <paramref name="path"/>: the demo initiative's placeholder becomes its page.</summary>
    public static async Task<string> Resolve(string path, IServiceProvider services)
    {
        if (path != DemoInitiative)
        {
            return path;
        }

        var page = await services.GetRequiredService<InitiativeQueries>().ListAsync(new InitiativeFilter(PageSize: 1));
        return $"/initiatives/{page.Items.Single().Id}";
    }

    /// <summary>The pages, by address. Keep them in the order of the navigation menu.</summary>
    public static IReadOnlyList<AccessibilityPage> All { get; } =
    [
        new("/", Ready: "dashboard"),
        new("/catalog", Ready: "services-grid"),
        new("/catalog/payments", Ready: "blast-radius"),
        new("/catalog/payments/edit", Ready: "edit-save"),
        new("/catalog/payments/dependencies"),
        new("/catalog/import"),
        new("/teams", Ready: "teams-grid"),
        new("/teams/payments-core", Ready: "oncall-calendar"),
        new("/teams/payments-core/on-call", Ready: "rotation-primary"),
        new("/people/ada.okafor"),
        new("/search?q=payments", Ready: "search-group"),
        new("/search?q=pay&kind=service", Ready: "search-hits"),
        new("/ownership", Ready: "ownership-findings"),
        new("/graph?focus=payments&depth=2", Ready: "graph-canvas"),
        new("/graph?focus=payments&depth=2&color=debt", Ready: "graph-debt-legend"),
        new("/graph/analysis", Ready: "graph-findings"),
        new("/debt", Ready: "debt-grid"),
        new("/debt/scoring", Ready: "scoring-formula"),
        new("/debt/candidates", Ready: "candidate-list"),
        new("/debt/capacity", Ready: "capacity-quarter"),
        new("/scorecards", Ready: "scorecard-list"),
        new("/scorecards/checkout", Ready: "next-steps"),
        new("/scorecards/framework"),
        new("/reviews", Ready: "review-list"),
        new($"/reviews/{DemoReviewQuarter}", Ready: "review-radar"),
        new("/reviews/compare", Ready: "compare-radar"),
        new($"/reviews/{DemoReviewQuarter}/report", Ready: "report-summary", LightOnly: true, Static: true),
        new("/initiatives", Ready: "initiative-list"),
        new(DemoInitiative, Ready: "burnup-chart"),
        new("/initiatives/new", Ready: "initiative-form"),
        new("/admin"),
        new("/admin/audit"),
        new("/admin/sync"),
        new("/admin/records?kind=component&ref=payments", Ready: "record-origin"),
        new("/settings", Ready: "settings-contact"),
        new("/signin", SignedIn: false),
    ];

    /// <summary>The addresses as test cases, so each page passes or fails on its own line.</summary>
    public static TheoryData<string> Paths => [.. All.Select(p => p.Path)];
}

/// <summary>
/// A page to scan: its address, the test id of an element that shows it has finished loading, and whether it is
/// scanned signed in (as an admin, who sees every control) or as a visitor who has not signed in yet. A page made for
/// paper (<paramref name="LightOnly"/>) is always light, whatever the viewer chose, and is scanned once. A page rendered
/// statically on the server (<paramref name="Static"/>, no circuit) is ready at the browser's load event.
/// </summary>
public sealed record AccessibilityPage(string Path, string? Ready = null, bool SignedIn = true, bool LightOnly = false, bool Static = false);
