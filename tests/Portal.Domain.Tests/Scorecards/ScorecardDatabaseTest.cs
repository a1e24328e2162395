using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Ingest.Demo;
using Portal.Testing;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards;

/// <summary>The demo company on a real database with the scorecard services wired as the app wires them.</summary>
public abstract class ScorecardDatabaseTest(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    /// <summary>An external criterion added to the default framework, for pushed results.</summary>
    protected const string ExternalKey = "dependency-scan-clean";

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected GraphService Graphs { get; private set; } = null!;

    protected FrameworkStore Frameworks { get; private set; } = null!;

    protected ScorecardEvaluation Evaluation { get; private set; } = null!;

    protected ScorecardQueries Queries { get; private set; } = null!;

    protected ScorecardCommands Commands { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, Clock).SeedAsync(Ct);
        Graphs = new GraphService(Db.Factory);
        Frameworks = new FrameworkStore(Db.Factory, Clock);
        Evaluation = NewEvaluation();
        Queries = new ScorecardQueries(Db.Factory, Evaluation, Frameworks, Graphs, Clock);
        Commands = new ScorecardCommands(Db.Factory, Frameworks, Evaluation, Clock);
    }

    /// <summary>Another evaluation service on the same database: what a second app instance would run.</summary>
    protected ScorecardEvaluation NewEvaluation()
    {
        var debt = new DebtQueries(Db.Factory, new DebtScores(Db.Factory, Graphs, Clock), Clock);
        return new ScorecardEvaluation(Db.Factory, Graphs, Frameworks, new ScorecardFactsLoader(Db.Factory, debt), Clock);
    }

    protected async Task<Actor> PersonAsync(string name) => (await new ActorDirectory(Db.Factory).ForPersonAsync(name, ct: Ct))!;

    protected async Task<ServiceScorecardView> CardAsync(string service) => (await Queries.ServiceAsync(service, Ct))!;

    protected static CriterionResult Result(ServiceScorecardView card, string key) => card.Results.Single(r => r.Criterion == key);

    /// <summary>Saves framework version 2: the default plus one external criterion (results pushed by CI).</summary>
    protected async Task AddExternalCriterionAsync()
    {
        var yaml = await Frameworks.CurrentYamlAsync(Ct);
        const string external = """
            criteria:
              - key: dependency-scan-clean
                signal: compounding-shortcuts
                level: gold
                mode: external
                title: The dependency scan is clean
                why: Known-vulnerable libraries are shortcuts someone else took for us; they compound like our own.
                good: The nightly scan reports no high or critical finding.
                fix: Upgrade the flagged libraries, or record each one you accept as debt with an owner.
                effortDays: 2

            """;
        var index = yaml.IndexOf("criteria:\n", StringComparison.Ordinal);
        Assert.True(index >= 0);
        var withExternal = yaml[..index] + external.Replace("\r\n", "\n", StringComparison.Ordinal) + yaml[(index + "criteria:\n".Length)..];
        await Frameworks.SaveAsync(Actor.System, withExternal, null, Ct);
    }
}
