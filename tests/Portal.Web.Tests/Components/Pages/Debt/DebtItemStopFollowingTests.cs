using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

/// <summary>The item page of an item following a GitHub issue: who opened the issue, and an admin's "Stop following" behind a confirmation.</summary>
public sealed class DebtItemStopFollowingTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_AdminConfirmsStopFollowing_ItemIsPortalsOwnAndSaysSo()
    {
        SignIn("local-admin", PortalRole.Admin);
        var id = await MirrorAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<DebtItemPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Contains("Opened on GitHub by @mallory (outside the organisation", page.Find("[data-testid=debt-item-author]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Stop following the GitHub issue acme/payments#7", page.Find("[data-testid=debt-stop-following]").GetAttribute("aria-label"));
        page.Find("[data-testid=debt-stop-following]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("will no longer follow acme/payments#7", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Stop following").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=debt-item-stopped]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=debt-stop-following]"));
        await using var db = Db.CreateContext();
        Assert.Equal(DataSource.Manual, (await db.DebtItems.SingleAsync(i => i.Id == id, Ct)).Source);
    }

    [Fact]
    public async Task Page_AdminCancels_StillFollowing()
    {
        SignIn("local-admin", PortalRole.Admin);
        var id = await MirrorAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<DebtItemPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=debt-stop-following]"), Wait);
        page.Find("[data-testid=debt-stop-following]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("will no longer follow", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("will no longer follow", dialogs.Markup, StringComparison.Ordinal), Wait);
        await using var db = Db.CreateContext();
        Assert.Equal(DataSource.GitHub, (await db.DebtItems.SingleAsync(i => i.Id == id, Ct)).Source);
        Assert.NotEmpty(page.FindAll("[data-testid=debt-stop-following]"));
    }

    [Theory]
    [InlineData(PortalRole.Editor)]
    [InlineData(PortalRole.Viewer)]
    public async Task Page_NotAnAdmin_NoStopFollowing(PortalRole role)
    {
        SignIn("lina.haddad", role);
        var id = await MirrorAsync();

        var page = Render<DebtItemPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=debt-item-mirror]"), Wait);
        Assert.Empty(page.FindAll("[data-testid=debt-stop-following]"));
    }

    /// <summary>The demo catalog with its payments repository, and an outsider's issue mirrored into an item.</summary>
    private async Task<Guid> MirrorAsync()
    {
        await SeedDemoAsync();
        await using (var db = Db.CreateContext())
        {
            var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
            var repository = new GitHubRepository(1, "acme", "payments");
            repository.Describe("acme", "payments", "R_1", null, null, [], "main", "https://github.com/acme/payments", false, false, null);
            repository.LinkService(payments.Id);
            db.GitHubRepositories.Add(repository);
            await db.SaveChangesAsync(Ct);
        }

        var issue = new MirroredIssue("https://github.com/acme/payments/issues/7", "acme", "payments", 7, "Retry storm in invoices", "Body", false, false, null, ["tech-debt"])
        {
            Id = 707,
            UpdatedAt = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc),
            AuthorLogin = "mallory",
            AuthorAssociation = "NONE",
        };
        var sync = new Actor("github:acme/payments", "GitHub acme/payments", PortalRole.Admin, new HashSet<Guid>());
        return (await Services.GetRequiredService<DebtMirrorCommands>().MirrorAsync(sync, issue, Ct, outsidersMirrored: true)).ItemId!.Value;
    }
}
