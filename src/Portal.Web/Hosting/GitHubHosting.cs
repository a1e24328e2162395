using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Domain.Sync;
using Portal.Ingest.GitHub;
using Portal.Ingest.Jobs;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>
/// GitHub sync in the host: its health check, the recurring <c>github-sync</c> job when an organisation is
/// configured, and the webhook endpoint. The sync itself and its options are registered by <c>AddPortalIngest</c>.
/// </summary>
public static class GitHubHosting
{
    public static WebApplicationBuilder AddPortalGitHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<GitHubSyncHealthCheck>("github-sync");
        return builder;
    }

    /// <summary>Adds or removes the recurring job to match the configuration.</summary>
    internal static void RegisterRecurring(IRecurringJobManager jobs, GitHubOptions options)
    {
        if (options.Enabled)
        {
            jobs.AddOrUpdate<SyncGitHubJob>(SyncGitHubJob.RecurringId, j => j.RunAsync(SyncTrigger.Schedule, CancellationToken.None), options.SyncCron);
        }
        else
        {
            jobs.RemoveIfExists(SyncGitHubJob.RecurringId);
        }
    }

    /// <summary>The audit action of a webhook delivery refused for its signature.</summary>
    public const string SignatureRefusedAction = "webhook.refused";

    public static WebApplication MapPortalGitHubWebhooks(this WebApplication app)
    {
        app.MapPost("/webhooks/github", ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("GitHubWebhook")
            .WithTags("Webhooks")
            .WithSummary("GitHub webhook deliveries (signed with GitHub:WebhookSecret). Answers at once; the sync runs as a job.")
            .WithBodyLimit(l => l.WebhookMaxBytes, "Limits:WebhookMaxBytes")
            .WithConcurrencyLimit(l => l.WebhookConcurrency, "Limits:WebhookConcurrency", "webhook deliveries");
        return app;
    }

    /// <summary>
    /// Refuses what the headers already condemn (webhooks off, no event or delivery id, no well-formed signature)
    /// before reading a byte of the body; otherwise reads the body once into a pooled buffer no larger than it,
    /// hashing it on the way, and hands it on only when the signature matches.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        GitHubWebhooks webhooks,
        IBackgroundJobClient jobs,
        IOptions<GitHubOptions> github,
        IOptions<LimitsOptions> limits,
        RefusalRecorder refusals,
        CancellationToken ct)
    {
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (webhooks.RefuseBeforeBody(eventName, deliveryId, signature) is { } refused)
        {
            await AuditSignatureRefusalAsync(request.HttpContext, refusals, refused);
            return Answer(refused, null);
        }

        GitHubWebhooks.TryParseSignature(signature, out var expected);
        SignedWebhookBody body;
        try
        {
            body = await SignedWebhookBody.ReadAsync(request.Body, request.ContentLength, limits.Value.WebhookMaxBytes, github.Value.WebhookSecret!, expected, ct);
        }
        catch (InvalidDataException)
        {
            throw new BadHttpRequestException(RequestBodyLimits.TooLargeMessage(limits.Value.WebhookMaxBytes, "Limits:WebhookMaxBytes"), StatusCodes.Status413PayloadTooLarge);
        }

        using (body)
        {
            string? jobId = null;
            var result = await webhooks.ReceiveAsync(
                eventName,
                deliveryId,
                body,
                request.HttpContext.Connection.RemoteIpAddress,
                work => jobId = work.Work switch
                {
                    WebhookWork.SyncRepository => jobs.Enqueue<SyncGitHubTargetJob>(j => j.RepositoryAsync(work.Organization!, work.Repository!, CancellationToken.None)),
                    WebhookWork.SyncTeams => jobs.Enqueue<SyncGitHubTargetJob>(j => j.TeamsAsync(work.Organization!, CancellationToken.None)),
                    WebhookWork.SyncIssue => jobs.Enqueue<SyncGitHubTargetJob>(j => j.IssueByIdAsync(work.Organization!, work.Repository!, work.Issue!.Value, work.IssueId, CancellationToken.None)),
                    _ => null,
                },
                ct);
            await AuditSignatureRefusalAsync(request.HttpContext, refusals, result);
            return Answer(result, jobId);
        }
    }

    /// <summary>
    /// A delivery refused for its signature (401: missing, malformed, or not matching the body) is audited as
    /// <see cref="SignatureRefusedAction"/>, by client address: anyone can send them at will, so through
    /// <see cref="RefusalRecorder"/> (one entry a minute per address, the rest counted).
    /// </summary>
    private static Task AuditSignatureRefusalAsync(HttpContext http, RefusalRecorder refusals, WebhookResult result) =>
        result.StatusCode == StatusCodes.Status401Unauthorized
            ? refusals.RecordByAddressAsync(http, SignatureRefusedAction, RefusalRecorder.Anonymous, AuditedAuthorizationResults.EntityType, AuditedAuthorizationResults.EndpointKey(http), result.Message)
            : Task.CompletedTask;

    private static IResult Answer(WebhookResult result, string? jobId) =>
        Results.Json(new { message = result.Message, job = jobId }, statusCode: result.StatusCode);
}
