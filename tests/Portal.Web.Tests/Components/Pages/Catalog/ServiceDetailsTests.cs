using Bunit;
using Portal.Domain.Catalog;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;

namespace Portal.Web.Tests.Components.Pages.Catalog;

public sealed class ServiceDetailsTests : ComponentTest
{
    [Fact]
    public async Task ServiceDetails_DescriptionWithScript_RendersMarkdownWithoutActiveContent()
    {
        await using (var db = Db.CreateContext())
        {
            var service = new Service("payments", "Payments");
            service.Describe("Payments", "**Moves money.** <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>");
            db.Services.Add(service);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "payments"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=service-description] strong")));
        var description = page.Find("[data-testid=service-description]");
        Assert.Equal("Moves money.", description.QuerySelector("strong")!.TextContent);
        Assert.Empty(description.QuerySelectorAll("script"));
        Assert.DoesNotContain("javascript:", description.InnerHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(description.QuerySelectorAll("[onerror], img"));
    }

    [Fact]
    public async Task ServiceDetails_ReferencesNotInTheCatalogYet_ShownAsWrittenWithTheWaitingOwner()
    {
        await using (var db = Db.CreateContext())
        {
            var service = new Service("billing", "Billing");
            service.AssignUnresolvedOwner("payments-team");
            db.Services.Add(service);
            db.PendingReferences.Add(new PendingReference(service.Id, "Component", "system", "system:default/payments"));
            db.PendingReferences.Add(new PendingReference(service.Id, "Component", "consumesApis", "api:default/ledger-api"));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "billing"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=service-waiting]")));
        Assert.Contains("the source names 'payments-team', which is not in the catalog yet", page.Find("[data-testid=owner-waiting]").TextContent, StringComparison.Ordinal);
        var rows = page.FindAll("[data-testid=service-waiting] tbody tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("consumesApis", rows[0], StringComparison.Ordinal);
        Assert.Contains("api:default/ledger-api", rows[0], StringComparison.Ordinal);
        Assert.Contains("system:default/payments", rows[1], StringComparison.Ordinal);
        // The System row names the waiting system instead of a dash.
        Assert.Equal("payments not in the catalog yet", Squeeze(page.Find("[data-testid=service-system]").TextContent));
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task ServiceDetails_OwnedByAPerson_SaysSoInsteadOfNoOwner()
    {
        await using (var db = Db.CreateContext())
        {
            var service = new Service("side-project");
            service.AssignUnresolvedOwner("user:frank.tiernan");
            db.Services.Add(service);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "side-project"));

        page.WaitForAssertion(() => Assert.Contains("Owned by a person (frank.tiernan), not a team", page.Find("[data-testid=owner-waiting]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=service-waiting]"));
    }

    [Fact]
    public async Task ServiceDetails_Demo_ShowsOwnerContactAndDependents()
    {
        await SeedDemoAsync();
        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "payments"));

        page.WaitForAssertion(() => Assert.Contains("Payments Core", page.Find("[data-testid=service-owner]").TextContent, StringComparison.Ordinal));
        Assert.Contains("#payments-core", page.Find("[data-testid=service-owner]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Used by", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceDetails_EditorOfAnotherTeam_ShowsEditDisabledWithOwnerAndChannel()
    {
        await SeedDemoAsync();
        SignIn("yusuf.demir", PortalRole.Editor);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "invoices"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=service-edit]")));
        Assert.True(page.Find("[data-testid=service-edit]").HasAttribute("disabled"));
        Assert.Equal("Owned by Billing — ask #billing-squad. Only its team, the teams it is part of, and admins may edit it.",
            page.Find("[data-testid=service-edit-reason]").TextContent);
    }

    [Fact]
    public async Task ServiceDetails_LeadOfParentTeam_MayEditAndIsToldWhy()
    {
        await SeedDemoAsync();
        SignIn("claire.dubois", PortalRole.Editor);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "invoices"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=service-edit-reason]")));
        Assert.False(page.Find("[data-testid=service-edit]").HasAttribute("disabled"));
        Assert.Equal("You may edit this as a member of Customer Experience, which Billing is part of.", page.Find("[data-testid=service-edit-reason]").TextContent);
    }

    [Fact]
    public async Task ServiceDetails_Demo_LinksTheChannelAndOffersToPage()
    {
        await SeedDemoAsync();
        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "payments"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=service-owner] [data-testid=contact-link]")));
        Assert.Equal("https://acme.slack.com/app_redirect?channel=payments-core",
            page.Find("[data-testid=service-owner] [data-testid=contact-link]").GetAttribute("href"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=page-oncall]")));
        Assert.StartsWith("https://", page.FindAll("[data-testid=page-oncall]")[0].GetAttribute("href"), StringComparison.Ordinal);
        var phone = page.FindAll("[data-testid=oncall-phone]")[0];
        Assert.Matches(@"^tel:\+4420\d+$", phone.GetAttribute("href"));
        Assert.StartsWith("Call ", phone.GetAttribute("aria-label"), StringComparison.Ordinal);
        // Who takes over next, and when: the name and "from" are separate words.
        Assert.Contains(page.FindAll("[data-testid=oncall-now] p"), p => p.TextContent.Trim().StartsWith("Next:", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(p.TextContent, @"\S from \S"));
    }

    [Fact]
    public async Task ServiceDetails_RepositoryFromGitHub_ShowsDeliveryEvidence()
    {
        await using (var db = Db.CreateContext())
        {
            var service = new Service("ledger");
            db.Services.Add(service);
            var repo = new Portal.Domain.Sync.GitHubRepository(42, "acme", "ledger");
            repo.Describe("acme", "ledger", "R_42", null, "Go", [], "main", "https://github.com/acme/ledger", false, false, null);
            repo.RecordContents(new Dictionary<string, string>(), new Dictionary<string, string>(), "payments", "abc", 2);
            repo.RecordEvidence(3, 17, false, DateTime.UtcNow);
            repo.LinkService(service.Id);
            db.GitHubRepositories.Add(repo);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "ledger"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=github-evidence]")));
        var text = page.Find("[data-testid=github-evidence]").TextContent;
        Assert.Contains("acme/ledger", text, StringComparison.Ordinal);
        Assert.Contains("2 in .github/workflows", text, StringComparison.Ordinal);
        Assert.Contains("17", text, StringComparison.Ordinal);
        Assert.Contains("main protected", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceDetails_UnknownService_SaysSo()
    {
        SignIn("someone", PortalRole.Viewer);
        var page = Render<ServiceDetails>(p => p.Add(x => x.Name, "ghost"));
        page.WaitForAssertion(() => Assert.Contains("No service called 'ghost'", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal));
    }
}
