using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Web.Components.Pages.Admin;

namespace Portal.Web.Tests.Components.Pages.Admin;

/// <summary>The API tokens on the Admin page: expiry, last use and status shown; a name in use refused under the field.</summary>
public sealed class AdminHomeTests : ComponentTest
{
    private static readonly Actor Root = new("root", "Root", PortalRole.Admin, new HashSet<Guid>());

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<TimeProvider>(_clock);
        SignIn("local-admin", PortalRole.Admin);
    }

    [Fact]
    public async Task Tokens_ShowExpiryLastUseAndStatus()
    {
        var tokens = Services.GetRequiredService<ApiTokenService>();
        var (_, secret) = await tokens.CreateAsync(Root, "ci", PortalRole.Viewer, TimeSpan.FromDays(30), Ct);
        await tokens.CreateAsync(Root, "nightly", PortalRole.Viewer, TimeSpan.FromDays(1), Ct);
        await tokens.CreateAsync(Root, "forever", PortalRole.Viewer, lifetime: null, Ct);
        _clock.Advance(TimeSpan.FromDays(2));
        await tokens.AuthenticateAsync(secret, Ct);
        Render<MudBlazor.MudPopoverProvider>();

        var page = Render<AdminHome>();

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=token-table] tbody tr").ToDictionary(r => r.QuerySelector("td")!.TextContent.Trim(), r => r.TextContent);
            Assert.Contains("2027-01-05", rows["ci"], StringComparison.Ordinal);
            Assert.Contains("2026-12-08", rows["ci"], StringComparison.Ordinal);
            Assert.EndsWith("active", rows["ci"].Replace("Revoke", string.Empty, StringComparison.Ordinal).TrimEnd(), StringComparison.Ordinal);
            Assert.Contains("expired", rows["nightly"], StringComparison.Ordinal);
            Assert.Contains("never", rows["forever"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Create_NameOfATokenInUse_SaysSoUnderTheName()
    {
        await Services.GetRequiredService<ApiTokenService>().CreateAsync(Root, "ci", PortalRole.Viewer, Ct);
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<AdminHome>();

        page.Find("input[data-testid=token-name], [data-testid=token-name] input").Change("CI");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("already the name of a token in use", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=token-secret]"));
    }

    [Fact]
    public void Create_DefaultExpiry_IsOneYear()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<AdminHome>();

        page.Find("input[data-testid=token-name], [data-testid=token-name] input").Change("deploys");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=token-secret]")));
        var row = page.FindAll("[data-testid=token-table] tbody tr").Single(r => r.TextContent.Contains("deploys", StringComparison.Ordinal));
        Assert.Contains("2027-12-06", row.TextContent, StringComparison.Ordinal);
    }
}
