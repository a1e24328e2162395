using System.Globalization;
using Portal.Testing.FakeGitHub;

namespace Portal.Benchmarks;

/// <summary>
/// The GitHub sync's cost in requests (issue 5): a local fake GitHub of 1,000 generated repositories (in this
/// process, speaking GitHub's REST shapes, ETags and rate-limit headers), a fresh migrated database, then
/// <c>sync github</c> run twice as its own process. Requests are counted <em>at the fake</em>, not taken from
/// Portal's report: a full first sync must cost at most 4 counted requests per repository on average, and the
/// second sync, with nothing changed on GitHub, must get at least 90% of its answers as 304 and change nothing.
/// The second run is a new process, so its ETags come from the database (as after a restart).
/// </summary>
internal sealed class GitHubSyncWorkload : IWorkload
{
    public const string FirstRequests = "first-requests-per-repo";
    public const string FirstWall = "first-wall";
    public const string SecondShare = "second-304-share";
    public const string SecondWall = "second-wall";
    public const int Repositories = 1_000;

    public string Name => "github";

    /// <summary>The fake organisation's size is fixed by the target, not by <c>--sizes</c>.</summary>
    public IReadOnlyList<int> Sizes(BenchOptions options) => [Repositories];

    public async Task<RunResult> RunAsync(RunContext context, CancellationToken ct)
    {
        var (app, options, provider, size) = context;
        await LoadGuard.WaitForQuietAsync(options.MaxLoad, options.LoadRetries, options.LoadWait, ct);
        var state = FakeGitHubState.Generate("acme", size, seed: 20261126);
        state.Update(() =>
        {
            // Generous, so the figures are the sync's own and not a wait for a reset.
            state.RateLimit.Limit = 100_000;
            state.RateLimit.Remaining = 100_000;
        });
        var teams = state.Org("acme").Teams.Count;
        var withCatalog = state.Org("acme").Repos.Count(r => r.Files.ContainsKey("catalog-info.yaml"));
        await using var github = await FakeGitHubServer.StartAsync(state, ct);
        await using var db = await BenchDatabase.CreateAsync(provider, options.PostgresAdmin, ct);
        var port = PortalApp.FreePort();
        await app.RunVerbAsync(db, port, ["migrate"], ct);
        var settings = new Dictionary<string, string>
        {
            ["GitHub__ApiUrl"] = github.BaseUrl.ToString(),
            ["GitHub__Organizations__0"] = "acme",
            ["GitHub__Token"] = "fake-token",
        };

        Console.WriteLine($"  sync github: {size:N0} repositories ({withCatalog:N0} with catalog-info.yaml), {teams} teams…");
        github.ClearRequests();
        var first = await app.RunVerbAsync(db, port, ["sync", "github"], ct, settings);
        var firstCounted = github.CountedRequests;
        var firstNotModified = github.NotModifiedResponses;
        var perRepo = (double)firstCounted / size;
        Expect(first.Stdout.Any(l => l.StartsWith("GitHub sync Succeeded", StringComparison.Ordinal)), "first sync did not succeed:\n" + string.Join('\n', first.Stdout));
        Console.WriteLine($"    first: {first.Elapsed.TotalSeconds:0.0} s, {firstCounted:N0} counted requests ({perRepo:0.00} per repository), {firstNotModified} answered 304");

        github.ClearRequests();
        var second = await app.RunVerbAsync(db, port, ["sync", "github"], ct, settings);
        var counted = github.CountedRequests;
        var notModified = github.NotModifiedResponses;
        var share = counted + notModified == 0 ? 0 : (double)notModified / (counted + notModified);
        var unchanged = second.Stdout.Any(l => l.Trim() == "nothing changed");
        Expect(unchanged, "the second sync changed something:\n" + string.Join('\n', second.Stdout));
        Console.WriteLine($"    second: {second.Elapsed.TotalSeconds:0.0} s, {counted:N0} counted, {notModified:N0} answered 304 ({share:P1}), nothing changed");

        var load = LoadGuard.Read().One;
        var c = CultureInfo.InvariantCulture;
        return new RunResult(
            Name,
            provider,
            size,
            [],
            null,
            string.Create(c, $"fake GitHub: {size:N0} repositories, {withCatalog:N0} with catalog-info.yaml, {teams} teams"),
            Math.Max(first.PeakRssBytes, second.PeakRssBytes),
            load,
            load,
            Quiet: true,
            Measures:
            [
                new Measure(FirstRequests, "first sync: counted requests (every answer but 304, counted at the fake) per repository", perRepo, "requests",
                    string.Create(c, $"{firstCounted:N0} counted, {firstNotModified:N0} answered 304; {Summary(first)}"), 0, 1),
                new Measure(FirstWall, "first sync: wall time of the `sync github` process", first.Elapsed.TotalSeconds, "s",
                    string.Create(c, $"peak RSS {first.PeakRssBytes / (1024.0 * 1024):0} MiB, CPU {first.CpuSeconds:0.0} s"), 0, 1),
                new Measure(SecondShare, "second sync, nothing changed on GitHub: share of answers that were 304", share * 100, "%",
                    string.Create(c, $"{notModified:N0} of {counted + notModified:N0} answers were 304; the run reported nothing changed"), 0, 1),
                new Measure(SecondWall, "second sync: wall time of the `sync github` process", second.Elapsed.TotalSeconds, "s",
                    string.Create(c, $"peak RSS {second.PeakRssBytes / (1024.0 * 1024):0} MiB, CPU {second.CpuSeconds:0.0} s"), 0, 1),
            ]);
    }

    /// <summary>The CLI's own count line, e.g. "requests: 1,986 counted, …".</summary>
    private static string Summary(VerbResult result) =>
        result.Stdout.FirstOrDefault(l => l.StartsWith("requests:", StringComparison.Ordinal)) ?? "";

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
