using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Persistence;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Commands;
using Portal.Domain.Sync.Queries;
using Portal.Ingest.Catalog;
using Portal.Ingest.GitHub;
using Portal.Testing.FakeGitHub;

namespace Portal.Ingest.Tests.GitHub;

/// <summary>
/// One "portal instance" syncing from a fake GitHub: its own cache, connector and sync (so two
/// harnesses on one database behave like two hosts).
/// </summary>
internal sealed class GitHubSyncHarness
{
    public GitHubSyncHarness(IDbContextFactory<PortalDbContext> db, FakeGitHubServer server, Action<GitHubOptions>? configure = null, TimeProvider? clock = null, SourceRules? rules = null)
    {
        clock ??= TimeProvider.System;
        Options = new GitHubOptions
        {
            ApiUrl = server.BaseUrl,
            Organizations = ["acme"],
            Token = "fake-token",
            RequestTimeout = TimeSpan.FromSeconds(2),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetries = 2,
            RateLimitReserve = 0,
            MaxRateLimitWait = TimeSpan.FromSeconds(10),
            BatchSize = 3,
        };
        configure?.Invoke(Options);
        var cache = new DatabaseResponseCache(db, NullLogger<DatabaseResponseCache>.Instance);
        var connector = new GitHubConnector(Microsoft.Extensions.Options.Options.Create(Options), cache, clock, NullLoggerFactory.Instance);
        var debt = new DebtMirrorCommands(db, new DebtScores(db, new GraphService(db), clock), clock);
        Sync = new GitHubSync(connector, db, new CatalogReconciler(db), new SyncLeases(db, TimeProvider.System), debt, clock, NullLogger<GitHubSync>.Instance, rules);
        Queries = new SyncQueries(db);
    }

    public GitHubOptions Options { get; }

    public GitHubSync Sync { get; }

    public SyncQueries Queries { get; }

    public async Task<SyncRunSummary> RunAsync(CancellationToken ct)
    {
        var outcome = await Sync.RunAsync(SyncTrigger.Manual, ct);
        Assert.False(outcome.Skipped, outcome.Message);
        return (await Queries.RunAsync(outcome.RunId!.Value, ct))!;
    }

    public async Task<IReadOnlyList<SyncRunErrorItem>> ErrorsAsync(SyncRunSummary run, CancellationToken ct) =>
        (await Queries.ErrorsAsync(run.Id, 1, 200, ct)).Items;
}

/// <summary>A clock tests move by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A small organisation: two teams, four repositories covering each way a repository becomes a service.</summary>
internal static class SmallOrg
{
    public const string BillingCatalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: billing
          description: Sends invoices
        spec:
          type: service
          lifecycle: production
          owner: payments
        """;

    public static FakeGitHubState Create()
    {
        var state = new FakeGitHubState();
        state.ValidTokens.Add("fake-token");
        var org = state.AddOrg("acme");
        var platform = org.AddTeam("platform", name: "Platform", description: "Runs the platform");
        platform.AddMember("alice", "maintainer");
        platform.AddMember("bob");
        var payments = org.AddTeam("payments", parentSlug: "platform", name: "Payments");
        payments.AddMember("carol", "maintainer");
        org.AddRepo("billing", r =>
        {
            r.Description = "Billing service";
            r.SetFile("catalog-info.yaml", BillingCatalog);
            r.SetFile(".github/workflows/ci.yml", "on: push\n");
        });
        org.AddRepo("ledger", r =>
        {
            r.Description = "Double-entry ledger";
            r.Topics.AddRange(["payments", "core"]);
            r.Language = "Go";
            r.SetFile(".github/CODEOWNERS", "* @acme/payments\n");
        });
        org.AddRepo("website", r => r.SetFile("README.md", "# Website\n"));
        org.AddRepo("old-tool", r =>
        {
            r.SetFile("README.md", "old\n");
            r.Archived = true;
        });
        return state;
    }
}
