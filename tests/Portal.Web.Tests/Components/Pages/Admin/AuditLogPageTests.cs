using Bunit;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Admin;

namespace Portal.Web.Tests.Components.Pages.Admin;

/// <summary>The audit log page: filters by who, kind, record and time, refusals only, and a CSV export of the same selection.</summary>
public sealed class AuditLogPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Db.Clock = _clock;
        SignIn("local-admin", PortalRole.Admin);

        // 08:00 a token edits a service; 10:00 a person creates a debt item; 12:00 a refusal by the API's policy.
        await RecordAsync(new Actor("token:ci", "ci", PortalRole.Editor, new HashSet<Guid>()), "service.update", "Service", "billing", true);
        _clock.Advance(TimeSpan.FromHours(2));
        await RecordAsync(new Actor("ada", "Ada", PortalRole.Editor, new HashSet<Guid>()), "debt.create", "DebtItem", "retry storms", true);
        _clock.Advance(TimeSpan.FromHours(2));
        await RecordAsync(new Actor("bob", "Bob", PortalRole.Viewer, new HashSet<Guid>()), "authorization.refused", "endpoint", "PUT /api/v1/services/{name}", false);
        Render<MudBlazor.MudPopoverProvider>();
    }

    private async Task RecordAsync(Actor actor, string action, string type, string key, bool succeeded)
    {
        await using var db = Db.CreateContext();
        Portal.Domain.Auditing.AuditLog.Record(db, actor, action, type, key, null, new { key }, succeeded);
        await db.SaveChangesAsync(Ct);
    }

    private static IReadOnlyList<string> Rows(IRenderedComponent<AuditLog> page) =>
        [.. page.FindAll("[data-testid=audit-grid] tbody tr").Select(r => r.TextContent)];

    private static void Shows(IRenderedComponent<AuditLog> page, params string[] actions) =>
        page.WaitForAssertion(
            () =>
            {
                var rows = Rows(page);
                Assert.Equal(actions.Length, rows.Count);
                Assert.All(actions.Zip(rows), p => Assert.Contains(p.First, p.Second, StringComparison.Ordinal));
            },
            Wait);

    [Fact]
    public void AuditLog_NoFilter_ShowsEverythingNewestFirst()
    {
        var page = Render<AuditLog>();

        Shows(page, "authorization.refused", "debt.create", "service.update");
    }

    [Theory]
    [InlineData("audit-actor", "token:ci", "service.update")]
    [InlineData("audit-kind", "debt.", "debt.create")]
    [InlineData("audit-record", "billing", "service.update")]
    [InlineData("audit-record", "endpoint", "authorization.refused")]
    public void AuditLog_FilterByWhoKindOrRecord_ShowsOnlyMatches(string field, string value, string expected)
    {
        var page = Render<AuditLog>();
        Shows(page, "authorization.refused", "debt.create", "service.update");

        page.Find($"input[data-testid={field}]").Input(value);

        Shows(page, expected);
    }

    [Fact]
    public void AuditLog_TimeRangeInTheViewersZone_ShowsOnlyThatWindow()
    {
        var page = Render<AuditLog>();
        Shows(page, "authorization.refused", "debt.create", "service.update");

        page.Find("input[data-testid=audit-from]").Change("2026-12-07T09:00");
        page.Find("input[data-testid=audit-to]").Change("2026-12-07T11:00");

        Shows(page, "debt.create");
        Assert.Contains("From (UTC)", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditLog_RefusedOnly_ShowsOnlyRefusals()
    {
        var page = Render<AuditLog>();
        Shows(page, "authorization.refused", "debt.create", "service.update");

        page.Find("input[data-testid=audit-refused], [data-testid=audit-refused] input").Change(true);

        Shows(page, "authorization.refused");
    }

    [Fact]
    public void AuditLog_ExportLink_CarriesTheFiltersWithTimesInUtc()
    {
        var page = Render<AuditLog>();
        Shows(page, "authorization.refused", "debt.create", "service.update");

        page.Find("input[data-testid=audit-actor]").Input("token:ci");
        page.Find("input[data-testid=audit-from]").Change("2026-12-07T09:00");

        page.WaitForAssertion(
            () => Assert.Equal("/api/v1/audit.csv?actor=token%3Aci&from=2026-12-07T09%3A00%3A00Z", page.Find("[data-testid=audit-export]").GetAttribute("href")),
            Wait);
    }

    [Fact]
    public void AuditLog_TimeThatIsNotOne_IsNamed()
    {
        var page = Render<AuditLog>();

        page.Find("input[data-testid=audit-from]").Change("yesterday-ish");

        page.WaitForAssertion(() => Assert.Contains("From: 'yesterday-ish' is not a date and time.", page.Find("[data-testid=audit-time-error]").TextContent, StringComparison.Ordinal), Wait);
    }
}
