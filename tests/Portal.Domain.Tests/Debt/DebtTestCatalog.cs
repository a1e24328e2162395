using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Catalog;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Security;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt;

/// <summary>
/// A small catalog for debt tests: payments (tier 1, team payments-core, called synchronously by checkout) and
/// web-app (tier 3, team web). Ada edits for payments-core, Wes for web, Val only views, Root is an admin.
/// </summary>
public abstract class DebtTestCatalog(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected DateOnly Today => DateOnly.FromDateTime(Now);

    protected Guid PaymentsTeam { get; private set; }

    protected Guid WebTeam { get; private set; }

    protected Actor Ada => new("ada", "Ada", PortalRole.Editor, new HashSet<Guid> { PaymentsTeam });

    protected Actor Wes => new("wes", "Wes", PortalRole.Editor, new HashSet<Guid> { WebTeam });

    protected static Actor Val => new("val", "Val", PortalRole.Viewer, new HashSet<Guid>());

    protected static Actor Root => new("root", "Root", PortalRole.Admin, new HashSet<Guid>());

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var paymentsTeam = new Team("payments-core", "Payments Core");
        var webTeam = new Team("web", "Web");
        var payments = new Service("payments", "Payments");
        payments.SetTier(1);
        payments.AssignOwner(paymentsTeam);
        var checkout = new Service("checkout");
        checkout.SetTier(2);
        checkout.AssignOwner(paymentsTeam);
        var webApp = new Service("web-app", "Web App");
        webApp.AssignOwner(webTeam);
        db.AddRange(paymentsTeam, webTeam, payments, checkout, webApp, Dependency.ToService(checkout, payments, InteractionKind.SyncHttp));
        await db.SaveChangesAsync(Ct);
        (PaymentsTeam, WebTeam) = (paymentsTeam.Id, webTeam.Id);
    }

    protected DebtScores Scores() => new(Db.Factory, new GraphService(Db.Factory), Clock);

    protected DebtCommands Commands() => new(Db.Factory, Scores(), Clock);

    protected DebtQueries Queries() => new(Db.Factory, Scores(), Clock);

    protected static DebtItemEdit Edit(
        string title = "Ledger writes lack idempotency keys",
        string[]? services = null,
        DebtStatus status = DebtStatus.Proposed,
        string? quarter = null,
        int likelihood = 3,
        double effort = 5,
        string? owner = null,
        ScalingSignal signal = ScalingSignal.CascadingFailures) =>
        new(title, "Retries can **double-charge**.", services ?? ["payments"], owner, signal, DebtKind.Code, DebtQuadrant.DeliberatePrudent,
            likelihood, 4, effort, null, null, status, quarter, null, null, "Card payments never double-charge", []);
}
