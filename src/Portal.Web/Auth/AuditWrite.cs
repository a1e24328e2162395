namespace Portal.Web.Auth;

/// <summary>
/// Runs an audit write that must not change what happens around it: the answer to a refused request (its 401 or 403,
/// problem details and <c>WWW-Authenticate</c>), a jobs dashboard action already taken, the refusal flush loop (an
/// exception escaping a background service stops the host). Any failure is handed to the caller's <c>failed</c> (to
/// log) and goes no further: a database error, a timeout, and EF Core's <c>RetryLimitExceededException</c>, which is
/// what PostgreSQL's retrying strategy throws once an outage outlasts its retries. Only cancellation passes through.
/// One filter for every such write, so they cannot drift apart.
/// </summary>
public static class AuditWrite
{
    /// <summary>Runs <paramref name="write"/>; true when it finished, false when it failed and <paramref name="failed"/> was told.</summary>
    public static async Task<bool> TryAsync(Func<Task> write, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            await write();
            return true;
        }
        catch (Exception ex) when (IsFailure(ex))
        {
            failed(ex);
            return false;
        }
    }

    /// <summary>Whether <paramref name="ex"/> is a failed write to be logged and left behind (everything but cancellation).</summary>
    public static bool IsFailure(Exception ex) => ex is not OperationCanceledException;

    /// <summary>The longest request text (path, reason) a refusal entry keeps; a longer one is cut and ends in "…".</summary>
    public const int MaxTextLength = 256;

    /// <summary>
    /// <paramref name="text"/> cut to <see cref="MaxTextLength"/> characters: a catch-all route accepts paths of about
    /// 8 KB, and up to 240 refusal rows a minute must stay small.
    /// </summary>
    public static string? Bounded(string? text)
    {
        if (text is not { Length: > MaxTextLength })
        {
            return text;
        }

        // Never keep half of a surrogate pair: PostgreSQL refuses text that is not valid UTF-8.
        var keep = char.IsHighSurrogate(text[MaxTextLength - 2]) ? MaxTextLength - 2 : MaxTextLength - 1;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
