using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Sync.Queries;

namespace Portal.Web.Cli;

/// <summary>A sync run as plain text for the terminal.</summary>
internal static class SyncRunText
{
    public static async Task WriteAsync(SyncRunSummary run, DateTime utcNow, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"GitHub sync {run.Status} ({run.Scope}) in {((run.FinishedAt ?? utcNow) - run.StartedAt).TotalSeconds.ToString("0.0", c)} s");
        await output.WriteLineAsync($"  repositories read: {run.RepositoriesDone}/{run.RepositoriesTotal}");
        await output.WriteLineAsync(string.Create(c, $"  requests: {run.Requests} counted, {run.NotModified} answered 304 ({run.NotModifiedShare:P0}), {run.Retries} retries, rate limit left {run.RateLimitRemaining?.ToString(c) ?? "unknown"}"));
        if (run.ChangedNothing)
        {
            await output.WriteLineAsync("  nothing changed");
        }

        await output.WriteLineAsync($"  {"kind",-12} {"created",8} {"updated",8} {"unchanged",10} {"orphaned",9}");
        foreach (var (kind, counts) in run.Counts.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {kind,-12} {counts.Created,8} {counts.Updated,8} {counts.Unchanged,10} {counts.Orphaned,9}");
        }

        if (run.Error is not null)
        {
            await output.WriteLineAsync($"  error: {run.Error}");
        }
    }

    public static async Task WriteErrorsAsync(Page<SyncRunErrorItem> errors, TextWriter output)
    {
        await output.WriteLineAsync($"  {errors.Total} problem(s):");
        foreach (var e in errors.Items)
        {
            await output.WriteLineAsync($"    {e.Repository}{(e.Path is null ? "" : "/" + e.Path)}: {e.Message}");
        }

        if (errors.Total > errors.Items.Count)
        {
            await output.WriteLineAsync($"    … and {errors.Total - errors.Items.Count} more on the sync page");
        }
    }
}
