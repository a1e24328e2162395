namespace Portal.Ingest.GitHub;

/// <summary>The rate limit needs a longer wait than a run may spend; the run stops and resumes after the reset.</summary>
public sealed class RateLimitPauseException(DateTimeOffset resetAt, string message) : Exception(message)
{
    public DateTimeOffset ResetAt { get; } = resetAt;
}
