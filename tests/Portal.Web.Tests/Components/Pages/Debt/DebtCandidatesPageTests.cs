using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

/// <summary>The suggestions page over the demo company: accept a finding into a filled-in form, or dismiss it with a reason.</summary>
public sealed class DebtCandidatesPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<DebtCandidatesPage> Page) RenderPage(string address = "/debt/candidates")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<DebtCandidatesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=candidate]")), Wait);
        return (dialogs, page);
    }

    [Fact]
    public void Page_Viewer_SeesSuggestionsButCannotDecide()
    {
        SignIn("lina.haddad", PortalRole.Viewer);

        var (_, page) = RenderPage();

        Assert.Contains("suggestion(s)", page.Find("[data-testid=candidate-count]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("h1"));
        Assert.Empty(page.FindAll("button[data-testid=candidate-accept]"));
        Assert.Empty(page.FindAll("button[data-testid=candidate-dismiss]"));
    }

    [Fact]
    public void Page_Cards_NameServicesAsPeopleKnowThemWithTheReferenceBeside()
    {
        SignIn("lina.haddad", PortalRole.Viewer);

        var (_, page) = RenderPage();

        var links = page.FindAll("[data-testid=candidate-service-link]");
        Assert.NotEmpty(links);
        var named = links.Where(l => l.NextElementSibling?.GetAttribute("data-testid") == "candidate-service-ref").ToList();
        Assert.NotEmpty(named);
        Assert.All(named, l =>
        {
            var reference = l.NextElementSibling!.TextContent.Trim().Trim('(', ')');
            Assert.EndsWith("/catalog/" + reference, l.GetAttribute("href"), StringComparison.Ordinal);
            Assert.NotEqual(reference, l.TextContent.Trim());
        });
    }

    [Fact]
    public async Task Page_ServiceInTheAddress_ShowsOnlyItsSuggestions()
    {
        SignIn("lina.haddad", PortalRole.Viewer);

        var (_, page) = RenderPage("/debt/candidates?service=payments");

        var expected = await Services.GetRequiredService<Portal.Domain.Debt.Queries.DebtCandidateQueries>()
            .ListAsync(new Portal.Domain.Debt.Queries.DebtCandidateQuery(Service: "payments", PageSize: 20), Xunit.TestContext.Current.CancellationToken);
        Assert.All(expected.Items, c => Assert.Contains("payments", c.Services));
        Assert.Equal(expected.Items.Select(c => c.Key), page.FindAll("[data-testid=candidate]").Select(c => c.GetAttribute("data-key")));
    }

    [Fact]
    public void Page_KindInTheAddress_ShowsOnlyThatKind()
    {
        SignIn("lina.haddad", PortalRole.Viewer);

        var (_, page) = RenderPage("/debt/candidates?kind=cycle");

        Assert.All(page.FindAll("[data-testid=candidate]"), c => Assert.StartsWith("graph:cycle:", c.GetAttribute("data-key"), StringComparison.Ordinal));
        Assert.All(page.FindAll("[data-testid=candidate]"), c => Assert.Contains("Dependency cycle", c.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_GraphFinding_OpensTheFilledInFormAndSavesAnItemLinkedToTheFinding()
    {
        SignIn("local-admin", PortalRole.Admin);
        var (dialogs, page) = RenderPage("/debt/candidates?kind=cycle");
        var card = page.FindAll("[data-testid=candidate]")[0];
        var key = card.GetAttribute("data-key")!;
        var title = card.QuerySelector("h2")!.TextContent.Trim();

        await page.InvokeAsync(() => card.QuerySelector("button[data-testid=candidate-accept]")!.Click());

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button[data-testid=debt-save]")));
        Assert.Equal(title, dialogs.Find("input[data-testid=debt-title]").GetAttribute("value"));
        Assert.NotEmpty(dialogs.Find("[data-testid=debt-service-chips]").TextContent.Trim());
        dialogs.Find("input[data-testid=debt-effort]").Change("4");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=debt-save]").Click());

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/debt/[0-9a-f-]{36}$", navigation.Uri), Wait);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.AsNoTracking().SingleAsync(d => d.FindingKey == key, Ct);
        Assert.Equal(title, item.Title);
        Assert.Equal("/graph/analysis?kind=cycle", Assert.Single(item.Links).Url);
        Assert.EndsWith($"/debt/{item.Id}", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismiss_WithoutThenWithAReason_AsksWhyThenMovesItToDismissed()
    {
        SignIn("local-admin", PortalRole.Admin);
        var (dialogs, page) = RenderPage();
        var card = page.FindAll("[data-testid=candidate]")[0];
        var key = card.GetAttribute("data-key")!;

        await page.InvokeAsync(() => card.QuerySelector("button[data-testid=candidate-dismiss]")!.Click());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button[data-testid=dismiss-save]")));
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=dismiss-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("say why", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find("textarea[data-testid=dismiss-reason]").Change("A nightly batch path; nobody waits on it");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=dismiss-save]").Click());

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=candidate]"), c => c.GetAttribute("data-key") == key), Wait);
        Assert.Contains("Dismissed (1)", page.Find("[data-testid=dismissed-panel]").TextContent, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.Equal(key, (await db.DebtCandidateDismissals.SingleAsync(Ct)).FindingKey);
    }
}
