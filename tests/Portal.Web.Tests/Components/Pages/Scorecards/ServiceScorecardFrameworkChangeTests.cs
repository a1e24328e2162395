using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Scorecards;

namespace Portal.Web.Tests.Components.Pages.Scorecards;

/// <summary>A criterion whose changed definition is not effective yet: counted as before, with what will change shown on it.</summary>
public sealed class ServiceScorecardFrameworkChangeTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
    }

    [Fact]
    public async Task ServiceScorecard_ChangedCriterionNotYetEffective_ShowsOldLevelAndWhatChanges()
    {
        SignIn("lina.haddad", PortalRole.Viewer);
        var frameworks = Services.GetRequiredService<Portal.Domain.Scorecards.FrameworkStore>();
        var yaml = await frameworks.CurrentYamlAsync(Ct);
        const string bronze = "  - key: no-foreign-writers\n    signal: data-model\n    level: bronze\n";
        Assert.Contains(bronze, yaml, StringComparison.Ordinal);
        await frameworks.SaveAsync(Actor.System, yaml.Replace(bronze, "  - key: no-foreign-writers\n    signal: data-model\n    level: gold\n    effectiveFrom: 2099-01-01\n", StringComparison.Ordinal), null, Ct);
        Render<MudPopoverProvider>();

        var page = Render<ServiceScorecard>(p => p.Add(x => x.Name, "payments"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=changes-no-foreign-writers]")), TimeSpan.FromSeconds(30));
        Assert.Contains("changes 2099-01-01: Gold, would fail", page.Find("[data-testid=changes-no-foreign-writers]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Bronze", page.Find("[data-testid=criterion-no-foreign-writers] .mud-typography-caption").TextContent, StringComparison.Ordinal);
        Assert.Equal("None", page.Find("[data-testid=level-data-model]").TextContent.Trim());
    }
}
