using System.Globalization;
using Portal.Domain.Sync;
using Portal.Domain.Sync.Queries;
using Portal.Ingest.GitHub;

namespace Portal.Web.Components.Shared;

/// <summary>Sync runs and GitHub settings in words, the same way on the history and the run page.</summary>
public static class SyncFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string SyncPage => "/admin/sync";

    public static string RunPage(Guid runId) => $"/admin/sync/{runId}";

    /// <summary>A running run whose host has not beaten for this long is dead; the next run resumes it.</summary>
    public static bool IsStalled(SyncRunSummary run, DateTime now) =>
        run.Status == SyncRunStatus.Running && now - run.HeartbeatAt > GitHubSync.StaleAfter;

    /// <summary>Running and alive: "Sync now" waits for it, and pages refresh to show its progress.</summary>
    public static bool IsLive(SyncRunSummary? run, DateTime now) =>
        run is { Status: SyncRunStatus.Running } && !IsStalled(run, now);

    /// <summary>A stored UTC time in the viewer's zone, labelled: "2026-11-27 11:00:05 Berlin time".</summary>
    public static string At(DateTime utc, TimeZoneInfo zone) => ViewerTime.FormatLabelled(ViewerTime.FromUtc(utc), zone, ViewerTime.Precise);

    /// <summary>A time coming up, in the viewer's zone: "10:00 Berlin time" today (there), "27 Nov 02:00 UTC" later.</summary>
    public static string Upcoming(DateTime at, DateTime now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(ViewerTime.FromUtc(at), zone);
        var today = TimeZoneInfo.ConvertTime(ViewerTime.FromUtc(now), zone);
        return local.ToString(local.Date == today.Date ? "HH:mm" : "d MMM HH:mm", Invariant) + " " + ViewerTime.Label(zone.Id);
    }

    public static string Ago(DateTime at, DateTime now)
    {
        var span = now - at;
        return span.TotalSeconds switch
        {
            < 0 => "in " + Span(-span),
            < 10 => "just now",
            < 60 => $"{(int)span.TotalSeconds} s ago",
            < 3600 => $"{(int)span.TotalMinutes} min ago",
            < 86400 => $"{(int)span.TotalHours} h ago",
            < 86400 * 2 => "yesterday",
            < 86400 * 30 => $"{(int)span.TotalDays} days ago",
            _ => at.ToString("d MMM yyyy", Invariant),
        };
    }

    public static string Span(TimeSpan span) => span.TotalSeconds switch
    {
        < 10 => span.TotalSeconds.ToString("0.0", Invariant) + " s",
        < 60 => $"{(int)span.TotalSeconds} s",
        < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds} s",
        _ => $"{(int)span.TotalHours} h {span.Minutes} min",
    };

    /// <summary>How long the run took, or has been going so far.</summary>
    public static string Duration(SyncRunSummary run, DateTime now) =>
        Span((run.FinishedAt ?? (run.Status == SyncRunStatus.Running ? now : run.HeartbeatAt)) - run.StartedAt);

    public static string Number(int value) => value.ToString("N0", Invariant);

    public static string Share(double share) => share.ToString("0%", Invariant);

    public static string Status(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Running => "Running",
        SyncRunStatus.Succeeded => "Succeeded",
        SyncRunStatus.SucceededWithErrors => "Succeeded with errors",
        SyncRunStatus.Failed => "Failed",
        SyncRunStatus.Interrupted => "Interrupted",
        _ => status.ToString(),
    };

    public static MudBlazor.Color StatusColor(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Running => MudBlazor.Color.Info,
        SyncRunStatus.Succeeded => MudBlazor.Color.Success,
        SyncRunStatus.SucceededWithErrors => MudBlazor.Color.Warning,
        SyncRunStatus.Failed => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string Trigger(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Schedule => "schedule",
        SyncTrigger.Manual => "Sync now",
        SyncTrigger.Cli => "command line",
        SyncTrigger.Webhook => "webhook",
        _ => trigger.ToString(),
    };

    /// <summary>One kind's counts without the zeros, e.g. "3 created, 35 unchanged".</summary>
    public static string Counts(SyncCounts counts)
    {
        var parts = new List<string>(4);
        Add(counts.Created, "created");
        Add(counts.Updated, "updated");
        Add(counts.Unchanged, "unchanged");
        Add(counts.Orphaned, "orphaned");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);

        void Add(int n, string word)
        {
            if (n > 0)
            {
                // A no-break space keeps "3 updated" together when a narrow cell wraps.
                parts.Add($"{Number(n)}\u00A0{word}");
            }
        }
    }

    /// <summary>Kinds in a stable order, the ones people look for first.</summary>
    public static IEnumerable<KeyValuePair<string, SyncCounts>> OrderedCounts(IReadOnlyDictionary<string, SyncCounts> counts) =>
        counts.OrderBy(c => Array.IndexOf(KindOrder, c.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(c => c.Key, StringComparer.Ordinal);

    private static readonly string[] KindOrder = ["service", "repository", "team", "person", "membership"];

    public static string Auth(GitHubOptions options) => options.AuthMode switch
    {
        "GitHub App" => options.AppInstallationId is { } installation
            ? $"GitHub App {options.AppId} (installation {installation})"
            : $"GitHub App {options.AppId} (installation found from the first organisation)",
        "token" => "token",
        _ => "none",
    };

    /// <summary>The repository filters as sentences; never empty.</summary>
    public static IReadOnlyList<string> Filters(GitHubOptions options)
    {
        var lines = new List<string>
        {
            options.SkipArchived ? "Archived repositories are skipped." : "Archived repositories are synced; their services become deprecated.",
            options.SkipForks ? "Forks are skipped." : "Forks are synced.",
        };
        if (options.ExcludeRepositories.Count > 0)
        {
            lines.Add("Repositories named " + string.Join(", ", options.ExcludeRepositories) + " are skipped.");
        }

        if (options.RequireTopics.Count > 0)
        {
            lines.Add("Only repositories with the topic " + string.Join(" or ", options.RequireTopics) + " are synced.");
        }

        if (options.ExcludeTopics.Count > 0)
        {
            lines.Add("Repositories with the topic " + string.Join(" or ", options.ExcludeTopics) + " are skipped.");
        }

        lines.Add(options.CreateServicesWithoutCatalogFile
            ? "A repository without catalog-info.yaml becomes an experimental service named after it."
            : "A repository without catalog-info.yaml does not become a service.");
        return lines;
    }

    /// <summary>True for GitHub Enterprise Server: any API host but api.github.com.</summary>
    public static bool IsEnterprise(GitHubOptions options) =>
        !string.Equals(options.ApiUrl.Host, "api.github.com", StringComparison.OrdinalIgnoreCase);
}
