using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Security;
using Portal.Web.Hosting;

namespace Portal.Web.Cli;

/// <summary>
/// <c>reviews close QUARTER [--title TITLE]</c>: closes a quarter's review now, in this process, instead of as the
/// background job (for an operator whose job runner is down, and for the benchmark). Creates the organisation review
/// of that quarter first when there is none. Prints the services frozen, the time the close took and the memory it
/// needed (the process's resident memory before, and its peak during the close), then the time of each phase. It packs
/// rows on every core (the web process leaves one to its pages). Interrupted (Ctrl-C, SIGTERM), it marks its run failed,
/// "interrupted", so the review's page offers a retry or a cancel at once instead of after the stale wait; exit code 130.
/// </summary>
internal static class ReviewCloseVerb
{
    public const string Usage = "Usage: reviews close QUARTER [--title TITLE], e.g. reviews close 2026-Q4";

    private static readonly Actor CliActor = new("cli", "Command line", PortalRole.Admin, new HashSet<Guid>());

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        string? quarter = null;
        string? title = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--title" && i + 1 < args.Length)
            {
                title = args[++i];
            }
            else if (quarter is null && !args[i].StartsWith('-'))
            {
                quarter = args[i];
            }
            else
            {
                return Fail(stderr, $"reviews close: unexpected argument '{args[i]}'. {Usage}");
            }
        }

        if (quarter is null || !Quarter.TryParse(quarter, out var parsed))
        {
            return Fail(stderr, $"reviews close: give the quarter as YYYY-Qn, not '{quarter}'. {Usage}");
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var queued = new InProcessQueue();
        var commands = new ReviewCommands(factory, queued, clock);
        var key = parsed.ToString();
        Review? review;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Quarter == key, ct);
        }

        if (review is null)
        {
            await commands.CreateAsync(CliActor, new ReviewInput(key, title, []), ct);
            await stdout.WriteLineAsync($"Created the organisation review of {key}.");
        }
        else if (review.Status == ReviewStatus.Closed)
        {
            return Fail(stderr, $"reviews close: the review of {key} is already closed (revision {review.Revision}); an admin reopens it first.");
        }

        Guid runId;
        try
        {
            runId = await commands.RequestCloseAsync(CliActor, key, ct);
        }
        catch (DomainValidationException ex) when (ex.Field == "status")
        {
            return Fail(stderr, $"reviews close: {ex.Reason}: a close of {key} is running elsewhere (the job runner, or another command); wait for it, or cancel it on the review's page once it stops answering.");
        }

        var (reviewId, revision) = queued.Last ?? throw new InvalidOperationException("closing queued nothing");
        await stdout.WriteLineAsync($"Closing the review of {key} (revision {revision})…");
        var closer = ActivatorUtilities.CreateInstance<ReviewCloser>(services, Options.Create(new ReviewCloseOptions { CloseParallelism = Environment.ProcessorCount }));
        var memory = ProcessMemory.StartPeak();
        ReviewCloseOutcome outcome;
        try
        {
            outcome = await closer.TryCloseAsync(reviewId, revision, failWhenInterrupted: true, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await MarkInterruptedAsync(factory, clock, runId);
            await stderr.WriteLineAsync($"reviews close: interrupted; the close of {key} is marked failed (\"interrupted\"). Retry it with this command or on the review's page, or cancel it there.");
            return PortalCli.Interrupted;
        }

        if (outcome.Result is not { } result)
        {
            return Fail(stderr, $"reviews close: the review of {key} was not closed by this command: {outcome.Reason}. Nothing was frozen here; see the review's page.");
        }

        var (before, peak) = memory.Read();
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Closed the review of {result.Quarter} (revision {result.Revision}): {result.Services:N0} services frozen in {result.Elapsed.TotalMilliseconds:N0} ms; resident memory {Mib(before)} MiB before, peak {Mib(peak)} MiB during the close (+{Mib(Math.Max(0, peak - before))} MiB)."));
        foreach (var (phase, elapsed) in result.Phases)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Phase {phase}: {elapsed.TotalMilliseconds:N0} ms"));
        }

        return 0;
    }

    /// <summary>
    /// Fails the run if it is still queued: interrupted before the close claimed it (once claimed, the close fails it
    /// itself). A run another worker claimed in the meantime is left to it.
    /// </summary>
    private static async Task MarkInterruptedAsync(IDbContextFactory<PortalDbContext> factory, TimeProvider clock, Guid runId)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        var run = await db.ReviewClosings.FirstOrDefaultAsync(c => c.Id == runId, CancellationToken.None);
        if (run is { Status: ReviewClosingStatus.Queued })
        {
            run.Fail("interrupted", clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Claimed by another worker between the read and the save: it is running there.
            }
        }
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return 1;
    }

    /// <summary>Keeps what closing queued, so this process runs the close itself; nothing goes to the job runner.</summary>
    private sealed class InProcessQueue : IReviewCloseQueue
    {
        public (Guid ReviewId, int Revision)? Last { get; private set; }

        public void Enqueue(Guid reviewId, int revision) => Last = (reviewId, revision);
    }
}
