using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.OnCall.Commands;
using Portal.Domain.Scorecards;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>
/// After a change only what it touches is evaluated again: <see cref="EvaluationRun.Services"/> counts the services a
/// pass evaluated. A full pass right after must find nothing left to change, so nothing touched was left out.
/// </summary>
public abstract class ScorecardAfterChangeTests(TestProvider provider) : ScorecardDatabaseTest(provider)
{
    private async Task<int> ServiceCountAsync()
    {
        await using var db = Db.CreateContext();
        return await db.Services.CountAsync(Ct);
    }

    [Fact]
    public async Task EnsureFresh_ServiceLinksEdited_EvaluatesThatServiceOnly()
    {
        var first = await Evaluation.EnsureFreshAsync(Ct);
        Assert.Equal(await ServiceCountAsync(), first!.Services);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = Db.CreateContext())
        {
            var checkout = await db.Services.SingleAsync(s => s.Name == "checkout", Ct);
            checkout.SetLinks([.. checkout.Links, new ServiceLink("https://runbooks.example.com/checkout-2", "Second runbook", "runbook")]);
            await db.SaveChangesAsync(Ct);
        }

        var after = await Evaluation.EnsureFreshAsync(Ct);

        Assert.Equal(1, after!.Services);
        Assert.Equal(1, after.Changed);
        Assert.Equal(0, (await Evaluation.EvaluateAllAsync(Ct)).Changed);
    }

    [Fact]
    public async Task EnsureFresh_DependencyAdded_EvaluatesWhatTheGraphChangeTouchesAndNothingStaysStale()
    {
        var total = (await Evaluation.EnsureFreshAsync(Ct))!.Services;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = Db.CreateContext())
        {
            var from = await db.Services.SingleAsync(s => s.Name == "disputes", Ct);
            var to = await db.Services.SingleAsync(s => s.Name == "checkout", Ct);
            db.Dependencies.Add(Dependency.ToService(from, to, InteractionKind.SyncHttp));
            await db.SaveChangesAsync(Ct);
        }

        var after = await Evaluation.EnsureFreshAsync(Ct);

        Assert.InRange(after!.Services, 2, total - 1);
        Assert.True(after.Changed >= 1);
        Assert.Equal(0, (await Evaluation.EvaluateAllAsync(Ct)).Changed);
    }

    [Fact]
    public async Task EnsureFresh_AnotherInstancePassedSince_EvaluatesEveryService()
    {
        await Evaluation.EnsureFreshAsync(Ct);
        var other = NewEvaluation();
        Clock.Advance(TimeSpan.FromMinutes(5));
        await other.EvaluateAllAsync(Ct);
        await using (var db = Db.CreateContext())
        {
            var checkout = await db.Services.SingleAsync(s => s.Name == "checkout", Ct);
            checkout.SetTier(checkout.Tier == 1 ? 2 : 1);
            await db.SaveChangesAsync(Ct);
        }

        var after = await Evaluation.EnsureFreshAsync(Ct);

        Assert.Equal(await ServiceCountAsync(), after!.Services);
    }

    [Fact]
    public async Task DeleteRotation_EvaluatesTheTeamsServicesAtOnce()
    {
        await Evaluation.EvaluateAllAsync(Ct);
        var onCall = new OnCallCommands(Db.Factory, Evaluation);
        Guid team, service;
        List<Guid> rotations;
        await using (var db = Db.CreateContext())
        {
            var owned = await db.Services.Where(s => s.OwnerTeamId != null && s.OnCallTeamId == null && db.OnCallRotations.Any(r => r.TeamId == s.OwnerTeamId))
                .Select(s => new { Team = s.OwnerTeamId!.Value, s.Id }).FirstAsync(Ct);
            (team, service) = (owned.Team, owned.Id);
            rotations = await db.OnCallRotations.Where(r => r.TeamId == team).Select(r => r.Id).ToListAsync(Ct);
        }

        var before = await StoredAsync(service, "on-call-covers-owner");
        foreach (var rotation in rotations)
        {
            await onCall.DeleteRotationAsync(Actor.System, rotation, Ct);
        }

        var after = await StoredAsync(service, "on-call-covers-owner");
        Assert.NotEqual(before.Evidence, after.Evidence);
        Assert.Equal(CriterionStatus.Fail, after.Status);
        Assert.Contains("no on-call rotation", after.Evidence, StringComparison.Ordinal);
    }

    private async Task<CriterionResult> StoredAsync(Guid service, string criterion)
    {
        await using var db = Db.CreateContext();
        var record = await db.ServiceScorecards.AsNoTracking().SingleAsync(r => r.ServiceId == service, Ct);
        return record.Results.Single(r => r.Criterion == criterion);
    }
}

public sealed class SqliteScorecardAfterChangeTests() : ScorecardAfterChangeTests(TestProvider.Sqlite);

public sealed class PostgresScorecardAfterChangeTests() : ScorecardAfterChangeTests(TestProvider.Postgres);
