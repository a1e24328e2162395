using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Persistence.Infrastructure;
using Portal.Domain.Sync;
using Portal.Migrations.Postgres;
using Portal.Testing.FakeGitHub;

namespace Portal.Web.Tests.Faults;

/// <summary>
/// PostgreSQL stopped for 15 s under a serving portal while a sync is mid-run, on a cluster of the test's own: the
/// portal answers 503 on <c>/healthz</c> for the whole outage, answers 200 again once the database is back without
/// being restarted; the sync fails cleanly (exit 1, one line naming the problem) or finishes; nothing of the
/// sync reached the catalog half-way, and a later sync (once the lease it could not release has expired) resumes and
/// finishes the run.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresStoppedFor15Seconds_Healthz503ThenRecoversWithoutRestart_SyncFailsCleanlyAndResumesLater()
    {
        await using var pg = await ThrowawayPostgres.StartAsync("portal", Ct);
        var state = new FakeGitHubState();
        state.ValidTokens.Add("fake-token");
        var org = state.AddOrg("acme");
        for (var i = 1; i <= 6; i++)
        {
            org.AddRepo($"repo-{i:D2}", r => r.SetFile("README.md", $"# repo {i}\n"));
        }

        await using var github = await FakeGitHubServer.StartAsync(state, Ct);
        var database = new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] = pg.ConnectionString("portal"),
            ["Database__Provider"] = "Postgres",
            ["Database__MigrateOnStartup"] = "true",
        };
        var port = FreePort();
        await using var portal = ChildPortal.Start(database, "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await HealthAsync(http, portal, HttpStatusCode.OK, TimeSpan.FromSeconds(90));

        var held = github.Faults.Hold("^/repos/acme/repo-03/");
        var syncSettings = new Dictionary<string, string>(database)
        {
            ["GitHub__ApiUrl"] = github.BaseUrl.ToString(),
            ["GitHub__Organizations__0"] = "acme",
            ["GitHub__Token"] = "fake-token",
        };
        await using var sync = ChildPortal.Start(syncSettings, "sync", "github");
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(90), Ct);

        await pg.StopAsync(Ct);
        var down = Stopwatch.StartNew();
        held.Release();
        await HealthAsync(http, portal, HttpStatusCode.ServiceUnavailable, Outage);
        while (down.Elapsed < Outage)
        {
            // Polled for the rest of the outage: unhealthy throughout, and still serving.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz", Ct)).StatusCode);
            await Task.Delay(500, Ct);
        }

        await pg.StartAgainAsync();
        await HealthAsync(http, portal, HttpStatusCode.OK, TimeSpan.FromSeconds(45));
        Assert.False(portal.HasExited);

        var exit = await sync.WaitForExitAsync(TimeSpan.FromSeconds(90), Ct);
        Assert.True(exit is 0 or 1, sync.Tail());
        if (exit == 1)
        {
            // One line naming the problem, from the command line's own handling (not an unhandled exception).
            Assert.Contains(sync.LinesFrom(0), l => l.StartsWith("sync failed:", StringComparison.Ordinal) || l.StartsWith("sync github:", StringComparison.Ordinal));
        }

        // Nothing half-written: the catalog is applied in one transaction after every repository was read.
        var services = await ServicesAsync(pg);
        Assert.True(services.Count is 0 or 6, string.Join(", ", services));

        if (exit == 1)
        {
            // The dead database kept the sync from releasing its lease and closing its run: as minutes would, expire both.
            await using var db = Context(pg);
            var past = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10);
            await db.SyncLeases.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, SyncLease.Free), Ct);
            await db.SyncRuns.Where(r => r.Status == SyncRunStatus.Running).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, past), Ct);
        }

        await using var again = ChildPortal.Start(syncSettings, "sync", "github");
        Assert.True(await again.WaitForExitAsync(TimeSpan.FromSeconds(90), Ct) == 0, again.Tail());
        Assert.Equal(6, (await ServicesAsync(pg)).Count);
        await using (var db = Context(pg))
        {
            Assert.DoesNotContain(await db.SyncRuns.Select(r => r.Status).ToListAsync(Ct), s => s == SyncRunStatus.Running);
        }
    }

    private static async Task HealthAsync(HttpClient http, ChildPortal portal, HttpStatusCode expected, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (waited.Elapsed < within)
        {
            Assert.False(portal.HasExited, "The portal exited:\n" + portal.Tail());
            try
            {
                last = (await http.GetAsync("/healthz", Ct)).StatusCode;
                if (last == expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail($"/healthz did not answer {(int)expected} within {within.TotalSeconds:0} s (last: {(int?)last}). Portal output:\n{portal.Tail()}");
    }

    private static PortalDbContext Context(ThrowawayPostgres pg) =>
        new(PostgresProvider.Configure(new DbContextOptionsBuilder<PortalDbContext>().UseClock(TimeProvider.System), pg.ConnectionString("portal")).Options);

    private static async Task<List<string>> ServicesAsync(ThrowawayPostgres pg)
    {
        await using var db = Context(pg);
        return await db.Services.Select(s => s.Name).ToListAsync(Ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
