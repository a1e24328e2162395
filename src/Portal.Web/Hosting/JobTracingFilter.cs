using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;

namespace Portal.Web.Hosting;

/// <summary>Gives every job run its own trace, so its log lines carry a trace id like a request's do.</summary>
internal sealed class JobTracingFilter(ILogger<JobTracingFilter> logger) : JobFilterAttribute, IServerFilter
{
    private const string ActivityKey = "portal.activity";
    private const string ScopeKey = "portal.scope";

    public void OnPerforming(PerformingContext context)
    {
        var activity = JobsHosting.JobActivity.StartActivity("job " + context.BackgroundJob.Job.Type.Name, ActivityKind.Internal);
        activity?.SetTag("hangfire.job_id", context.BackgroundJob.Id);
        context.Items[ActivityKey] = activity;
        context.Items[ScopeKey] = logger.BeginScope("Job:{Job} JobId:{JobId}", context.BackgroundJob.Job.Type.Name, context.BackgroundJob.Id);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is { } ex && !context.ExceptionHandled)
        {
            logger.LogError(ex, "Job {JobId} failed", context.BackgroundJob.Id);
        }

        if (context.Items.TryGetValue(ScopeKey, out var scope))
        {
            (scope as IDisposable)?.Dispose();
        }

        if (context.Items.TryGetValue(ActivityKey, out var activity))
        {
            (activity as Activity)?.Dispose();
        }
    }
}
