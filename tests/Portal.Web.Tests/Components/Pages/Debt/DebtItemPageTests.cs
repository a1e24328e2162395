using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

/// <summary>The item page names what each link points at in words.</summary>
public sealed class DebtItemPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Page_Links_ShowTheirKindInWords()
    {
        SignIn("lina.haddad", PortalRole.Viewer);
        await SeedDemoAsync();
        var edit = new DebtItemEdit(
            "Payments calls itself through the gateway", null, ["payments"], null, ScalingSignal.CascadingFailures, DebtKind.Architecture, DebtQuadrant.InadvertentPrudent,
            3, 3, 2, null, null, DebtStatus.Proposed, null, null, null, null,
            [new DebtLink(DebtLinkKind.GraphFinding, "/graph/analysis?kind=cycle", "The cycle"), new DebtLink(DebtLinkKind.GitHubIssue, "https://github.com/acme/payments/issues/7", null)]);
        var (id, _) = await Services.GetRequiredService<DebtCommands>().CreateAsync(Actor.System, edit, ct: Xunit.TestContext.Current.CancellationToken);

        var page = Render<DebtItemPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=debt-link-kind]").Count), Wait);
        Assert.Equal(["(GitHub issue)", "(graph finding)"], page.FindAll("[data-testid=debt-link-kind]").Select(k => k.TextContent.Trim()).Order(StringComparer.Ordinal));
    }
}
