using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Graph.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Domain.Signals;
using Portal.Ingest.Demo;
using Portal.Testing;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards;

/// <summary>Evaluation, answers, exemptions and the framework store on a real database, with the demo company.</summary>
public abstract class ScorecardStoreTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private FrameworkStore _frameworks = null!;
    private ScorecardEvaluation _evaluation = null!;
    private ScorecardQueries _queries = null!;
    private ScorecardCommands _commands = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, _clock).SeedAsync(Ct);
        var graphs = new GraphService(Db.Factory);
        _frameworks = new FrameworkStore(Db.Factory, _clock);
        var debt = new DebtQueries(Db.Factory, new DebtScores(Db.Factory, graphs, _clock), _clock);
        _evaluation = new ScorecardEvaluation(Db.Factory, graphs, _frameworks, new ScorecardFactsLoader(Db.Factory, debt), _clock);
        _queries = new ScorecardQueries(Db.Factory, _evaluation, _frameworks, graphs, _clock);
        _commands = new ScorecardCommands(Db.Factory, _frameworks, _evaluation, _clock);
    }

    private async Task<Actor> PersonAsync(string name) => (await new ActorDirectory(Db.Factory).ForPersonAsync(name, ct: Ct))!;

    private async Task<ServiceScorecardView> CardAsync(string service) => (await _queries.ServiceAsync(service, Ct))!;

    private static CriterionResult Result(ServiceScorecardView card, string key) => card.Results.Single(r => r.Criterion == key);

    [Fact]
    public async Task EvaluateAll_SecondPassWithoutChange_WritesNothing()
    {
        var first = await _evaluation.EvaluateAllAsync(Ct);
        var second = await _evaluation.EvaluateAllAsync(Ct);

        Assert.Equal(first.Services, first.Changed);
        Assert.True(first.Services > 30);
        Assert.Equal(0, second.Changed);
    }

    [Fact]
    public async Task ServiceAsync_DemoCheckout_ShowsEvidenceFromTheGraph()
    {
        var card = await CardAsync("checkout");

        Assert.Equal(1, card.Framework.Version);
        Assert.Equal(CriterionStatus.Fail, Result(card, "sync-chain-depth").Status);
        Assert.Contains("4 hops, more than 3: checkout → ", Result(card, "sync-chain-depth").Evidence);
        Assert.Equal(CriterionStatus.Pass, Result(card, "owner-with-members").Status);
        Assert.Equal(CriterionStatus.Unknown, Result(card, "ci-workflow").Status);
        Assert.Equal(CriterionStatus.Pass, Result(card, "debt-cost-of-delay").Status);
        Assert.NotEmpty(card.NextSteps);
    }

    [Fact]
    public async Task ServiceAsync_UnownedService_FailsOwnership()
    {
        var card = await CardAsync("csv-importer");

        Assert.Equal(CriterionStatus.Fail, Result(card, "owner-with-members").Status);
        Assert.Equal(ScoreLevel.None, card.Levels[ScalingSignal.TeamTopology]);
    }

    [Fact]
    public async Task AnswerAsync_ContradictedAnswer_IsFlaggedAndAudited()
    {
        var ada = await PersonAsync("ada.okafor");

        // Other teams' services write payments-db, so the catalog contradicts "others get its data through contracts".
        await _commands.AnswerAsync(ada, "payments", "data-shared-by-contract", 4, "Every consumer is on the payments API.", null, ct: Ct);

        var result = Result(await CardAsync("payments"), "data-shared-by-contract");
        Assert.Equal(CriterionStatus.Pass, result.Status);
        Assert.True(result.Flagged);
        Assert.Contains("Answered 4, but", result.FlagReason);
        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.answer.create" && a.EntityKey == "payments/data-shared-by-contract", Ct));
    }

    [Fact]
    public async Task AnswerAsync_EditorOfAnotherTeam_RefusedAndAudited()
    {
        var nikhil = await PersonAsync("nikhil.batra");

        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.AnswerAsync(nikhil, "payments", "idempotent-writes", 4, "Not mine.", null, ct: Ct));

        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.answer.denied" && !a.Succeeded, Ct));
        Assert.False(await db.ScorecardAnswers.AnyAsync(a => a.Note == "Not mine.", Ct));
    }

    [Fact]
    public async Task AnswerAsync_WithoutNote_RefusedNamingField()
    {
        var ada = await PersonAsync("ada.okafor");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => _commands.AnswerAsync(ada, "payments", "idempotent-writes", 3, " ", null, ct: Ct));

        Assert.Equal("note", ex.Field);
    }

    [Fact]
    public async Task AnswerAsync_StaleVersion_Conflict()
    {
        var ada = await PersonAsync("ada.okafor");
        var seen = (await CardAsync("payments")).Answers.Single(a => a.Criterion == "idempotent-writes");
        var first = await _commands.AnswerAsync(ada, "payments", "idempotent-writes", 2, "Some endpoints only.", null, seen.Version, Ct);
        await _commands.AnswerAsync(ada, "payments", "idempotent-writes", 3, "Most endpoints now.", null, first.Version, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _commands.AnswerAsync(ada, "payments", "idempotent-writes", 4, "All.", null, first.Version, Ct));
    }

    [Fact]
    public async Task Answer_AfterValidityDays_ExpiresToUnknown()
    {
        var ada = await PersonAsync("ada.okafor");
        await _commands.AnswerAsync(ada, "payments", "contention-measured", 3, "Lock waits on the dashboard.", null, ct: Ct);
        Assert.Equal(CriterionStatus.Pass, Result(await CardAsync("payments"), "contention-measured").Status);

        _clock.Advance(TimeSpan.FromDays(181));

        var result = Result(await CardAsync("payments"), "contention-measured");
        Assert.Equal(CriterionStatus.Unknown, result.Status);
        Assert.Contains("expired", result.Evidence);
    }

    [Fact]
    public async Task Exemption_RequestedThenApproved_RaisesLevelUntilItEnds()
    {
        var yusuf = await PersonAsync("yusuf.demir");
        var erik = await PersonAsync("erik.johansson");
        var before = await CardAsync("disputes");
        Assert.Equal(CriterionStatus.Fail, Result(before, "no-foreign-writers").Status);
        Assert.Equal(ScoreLevel.None, before.Levels[ScalingSignal.DataModel]);

        var request = await _commands.RequestExemptionAsync(yusuf, "disputes", "no-foreign-writers", "Chargeback marks move to the payments API in Q1.", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(30), Ct);
        Assert.Equal(CriterionStatus.Fail, Result(await CardAsync("disputes"), "no-foreign-writers").Status);
        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.DecideExemptionAsync(yusuf, request.Id, true, null, request.Version, Ct));
        await _commands.DecideExemptionAsync(erik, request.Id, true, "Agreed with the ledger team.", request.Version, Ct);

        var during = await CardAsync("disputes");
        Assert.Equal(CriterionStatus.Exempt, Result(during, "no-foreign-writers").Status);
        Assert.True(during.Levels[ScalingSignal.DataModel] > ScoreLevel.None);

        _clock.Advance(TimeSpan.FromDays(32));
        Assert.Equal(CriterionStatus.Fail, Result(await CardAsync("disputes"), "no-foreign-writers").Status);
    }

    [Fact]
    public async Task RequestExemption_PermanentByEditor_Refused()
    {
        var kwame = await PersonAsync("kwame.mensah");

        await Assert.ThrowsAsync<ForbiddenException>(() => _commands.RequestExemptionAsync(kwame, "reconciliation", "no-foreign-writers", "Forever.", null, Ct));
    }

    [Fact]
    public async Task Demo_HasAFlaggedAnswerAnExpiredOneAndAnExemption()
    {
        Assert.True(Result(await CardAsync("statements"), "failure-rehearsed").Flagged);
        Assert.Contains("expired", Result(await CardAsync("invoices"), "zero-downtime-migrations").Evidence);
        Assert.Equal(CriterionStatus.Exempt, Result(await CardAsync("reconciliation"), "no-foreign-writers").Status);
    }

    [Fact]
    public async Task SaveFramework_NewVersion_ResultsRecordIt()
    {
        var erik = await PersonAsync("erik.johansson");
        var yaml = await _frameworks.CurrentYamlAsync(Ct);

        var saved = await _frameworks.SaveAsync(erik, yaml.Replace("title: \"A runbook is linked\"", "title: \"A runbook is one click away\""), 1, Ct);

        Assert.Equal(2, saved.Version);
        var card = await CardAsync("payments");
        Assert.Equal(2, Result(card, "runbook-link").FrameworkVersion);
        Assert.Equal("A runbook is one click away", card.Framework.Find("runbook-link")!.Title);
        Assert.Equal("A runbook is linked", (await _frameworks.VersionAsync(1, Ct))!.Find("runbook-link")!.Title);
        Assert.Same(await _frameworks.VersionAsync(2, Ct), await _frameworks.VersionAsync(2, Ct));
    }

    [Fact]
    public async Task SaveFramework_ByEditor_RefusedAndAudited()
    {
        var ada = await PersonAsync("ada.okafor");

        await Assert.ThrowsAsync<ForbiddenException>(() => _frameworks.SaveAsync(ada, "criteria: []", null, Ct));

        await using var db = Db.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "scorecards.framework.save.denied", Ct));
    }

    [Fact]
    public async Task Overview_CountsEveryServiceAndTeam()
    {
        var overview = await _queries.OverviewAsync(Ct);

        Assert.True(overview.Organisation.Services > 30);
        Assert.Contains(overview.Teams, t => t.Team == "payments-core" && t.DisplayName == "Payments Core");
        var page = await _queries.ListAsync(new ScorecardListQuery(Team: "payments-core", PageSize: 5), Ct);
        Assert.Equal(5, page.Items.Count);
        Assert.True(page.Total > 5);
    }
}

public sealed class SqliteScorecardStoreTests() : ScorecardStoreTests(TestProvider.Sqlite);

public sealed class PostgresScorecardStoreTests() : ScorecardStoreTests(TestProvider.Postgres);
