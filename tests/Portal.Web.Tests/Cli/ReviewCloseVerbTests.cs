using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Cli;

namespace Portal.Web.Tests.Cli;

/// <summary>
/// <c>reviews close</c> in this process: interrupted, it marks its run failed ("interrupted") so the page offers a
/// retry at once; with a close already running elsewhere it says so in words an operator can act on.
/// </summary>
public sealed class ReviewCloseVerbTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);
        await _factory.SeedDemoAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Review Review, List<ReviewClosing> Runs)> StateAsync(string quarter)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var review = await db.Reviews.AsNoTracking().SingleAsync(r => r.Quarter == quarter, Ct);
        return (review, await db.ReviewClosings.AsNoTracking().Where(c => c.ReviewId == review.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Close_InterruptedOnceClosingBegan_RunFailedInterruptedAndExit130()
    {
        using var interrupt = new CancellationTokenSource();
        var stdout = new InterruptOnLine("Closing the review", interrupt);
        var stderr = new StringWriter();

        var exit = await ReviewCloseVerb.RunAsync(_factory.Services, ["2030-Q1"], stdout, stderr, interrupt.Token);

        Assert.Equal(PortalCli.Interrupted, exit);
        Assert.Contains("interrupted; the close of 2030-Q1 is marked failed", stderr.ToString(), StringComparison.Ordinal);
        var (review, runs) = await StateAsync("2030-Q1");
        var run = Assert.Single(runs);
        Assert.Equal((ReviewStatus.Closing, ReviewClosingStatus.Failed, "interrupted"), (review.Status, run.Status, run.Error));
    }

    [Fact]
    public async Task Close_AlreadyBeingClosedElsewhere_SaysSoAndExit1()
    {
        var admin = new Actor("erik.johansson", "Erik Johansson", PortalRole.Admin, new HashSet<Guid>());
        var commands = new ReviewCommands(_factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), new NoQueue(), TimeProvider.System);
        await commands.CreateAsync(admin, new ReviewInput("2030-Q2"), Ct);
        await commands.RequestCloseAsync(admin, "2030-Q2", Ct);
        var stderr = new StringWriter();

        var exit = await ReviewCloseVerb.RunAsync(_factory.Services, ["2030-Q2"], new StringWriter(), stderr, Ct);

        Assert.Equal(1, exit);
        Assert.Contains("already being closed: a close of 2030-Q2 is running elsewhere", stderr.ToString(), StringComparison.Ordinal);
        Assert.Single((await StateAsync("2030-Q2")).Runs);
    }

    /// <summary>Standard output that presses Ctrl-C when a line starting with <c>prefix</c> is written.</summary>
    private sealed class InterruptOnLine(string prefix, CancellationTokenSource interrupt) : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override Task WriteLineAsync(string? value)
        {
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                interrupt.Cancel();
            }

            return base.WriteLineAsync(value);
        }
    }

    private sealed class NoQueue : IReviewCloseQueue
    {
        public void Enqueue(Guid reviewId, int revision)
        {
        }
    }
}
