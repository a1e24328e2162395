using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Domain.Tests.Reviews;

/// <summary>
/// The set-up the close-attempt tests share: the demo company, an open 2026-Q4 review, an admin, a closer with its test
/// hooks, and read-backs of the attempts and the snapshots.
/// </summary>
public abstract class ReviewCloseTest(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private protected ReviewTestServices ReviewServices { get; private set; } = null!;

    protected Actor Admin { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static TimeSpan PastStale => ReviewClosing.StaleAfter + TimeSpan.FromMinutes(1);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoSeeder(Db.Factory, Clock).SeedAsync(Ct);
        ReviewServices = new ReviewTestServices(Db.Factory, Clock);
        Admin = (await new ActorDirectory(Db.Factory).ForPersonAsync("erik.johansson", ct: Ct))!;
        await ReviewServices.Reviews.CreateAsync(Admin, new ReviewInput("2026-Q4"), Ct);
    }

    protected ReviewCloser Closer(Func<Task>? beforeCompleting = null, Func<Task>? beforeClaiming = null, Func<Task>? beforeDeletingLeftovers = null) =>
        new(Db.Factory, ReviewServices.Evaluation, ReviewServices.Frameworks, ReviewServices.Graphs, ReviewServices.OpenDebt, Clock)
        {
            BeforeCompleting = beforeCompleting,
            BeforeClaiming = beforeClaiming,
            BeforeDeletingLeftovers = beforeDeletingLeftovers,
        };

    protected async Task<List<ReviewClosing>> RunsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.ReviewClosings.AsNoTracking().OrderBy(c => c.RequestedAt).ToListAsync(Ct);
    }

    protected async Task<(ReviewStatus Status, int Snapshots, int Complete)> StateAsync()
    {
        await using var db = Db.CreateContext();
        return ((await db.Reviews.SingleAsync(Ct)).Status, await db.ReviewSnapshots.CountAsync(Ct), await db.ReviewSnapshots.CountAsync(s => s.Complete, Ct));
    }

    protected async Task<(Guid ReviewId, int Revision)> RequestAsync()
    {
        await ReviewServices.Reviews.RequestCloseAsync(Admin, "2026-Q4", Ct);
        return ReviewServices.CloseQueue.Queued[^1];
    }
}
