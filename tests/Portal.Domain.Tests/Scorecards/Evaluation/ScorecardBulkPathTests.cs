using Microsoft.EntityFrameworkCore;
using Portal.Testing;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>
/// A full pass loads every service's facts in a few whole-table queries and writes set-based; one service is loaded
/// and evaluated on its own by a different path. On the demo company (hand-made graph, answers, a flagged answer, an
/// expired one, an exemption) both must give the same scorecard for every service.
/// </summary>
public abstract class ScorecardBulkPathTests(TestProvider provider) : ScorecardDatabaseTest(provider)
{
    [Fact]
    public async Task EvaluateAll_EveryServiceEvaluatedAlone_GivesTheStoredScorecard()
    {
        var pass = await Evaluation.EvaluateAllAsync(Ct);
        await using var db = Db.CreateContext();
        var stored = await db.ServiceScorecards.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(pass.Services, stored.Count);
        Assert.Contains(stored, r => r.Flagged > 0);
        Assert.Contains(stored, r => r.Exempt > 0);

        foreach (var record in stored)
        {
            var alone = await Evaluation.PreviewAsync(record.ServiceId, Ct);

            Assert.NotNull(alone);
            Assert.Equal(alone.Results.Select(r => r with { EvaluatedAt = default }), record.Results.Select(r => r with { EvaluatedAt = default }));
            Assert.Equal(alone.Overall, record.Overall);
            Assert.Equal(alone.Levels, record.Levels());
        }
    }

    [Fact]
    public async Task EvaluateServices_EachServiceAfterAFullPass_ChangesNothing()
    {
        await Evaluation.EvaluateAllAsync(Ct);
        await using var db = Db.CreateContext();
        var ids = await db.Services.Select(s => s.Id).ToListAsync(Ct);

        foreach (var id in ids)
        {
            var again = await Evaluation.EvaluateServicesAsync([id], Ct);

            Assert.Equal(1, again.Services);
            Assert.Equal(0, again.Changed);
        }
    }
}

public sealed class SqliteScorecardBulkPathTests() : ScorecardBulkPathTests(TestProvider.Sqlite);

public sealed class PostgresScorecardBulkPathTests() : ScorecardBulkPathTests(TestProvider.Postgres);
