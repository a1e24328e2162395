using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using CriterionDebtDraft = Portal.Domain.Scorecards.Commands.CriterionDebtDraft;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Scorecards;

namespace Portal.Web.Tests.Components.Pages.Scorecards;

/// <summary>A failing criterion on a service's scorecard becomes a debt item in one step, shown on the criterion afterwards.</summary>
public sealed class ServiceScorecardDebtTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ServiceScorecard> Page) RenderPage()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ServiceScorecard>(p => p.Add(x => x.Name, "payments"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=scorecard-title]")), TimeSpan.FromSeconds(30));
        return (dialogs, page);
    }

    [Fact]
    public async Task LogAsDebt_FailingCriterion_PrefilledFormSavesLinkedItem()
    {
        SignIn("ada.okafor", PortalRole.Editor);
        var (dialogs, page) = RenderPage();
        var button = page.FindAll("button[data-testid^=log-debt-]").First();
        var criterion = button.GetAttribute("data-testid")!["log-debt-".Length..];

        await page.InvokeAsync(() => button.Click());

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button[data-testid=debt-save]")));
        var title = dialogs.Find("input[data-testid=debt-title]").GetAttribute("value");
        Assert.EndsWith("(not met)", title, StringComparison.Ordinal);
        Assert.Contains("payments", dialogs.Find("[data-testid=debt-service-chips]").TextContent, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=debt-save]").Click());

        page.WaitForAssertion(() => Assert.Contains(title!, page.Find($"[data-testid=debt-{criterion}]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll($"button[data-testid=log-debt-{criterion}]"));
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.SingleAsync(Ct);
        Assert.Equal(CriterionDebtDraft.FindingKey("payments", criterion), item.FindingKey);
        Assert.Equal($"/scorecards/payments#criterion-{criterion}", Assert.Single(item.Links).Url);
    }

    [Fact]
    public void LogAsDebt_Viewer_NotOffered()
    {
        SignIn("lina.haddad", PortalRole.Viewer);

        var (_, page) = RenderPage();

        Assert.Empty(page.FindAll("button[data-testid^=log-debt-]"));
    }
}
