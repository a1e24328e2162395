namespace Portal.Testing.FakeGitHub;

/// <summary>
/// One request the fake answered. <see cref="Path"/> is without the <c>/api/v3</c> prefix (see
/// <see cref="ApiV3Prefix"/>), <see cref="Query"/> without the leading <c>?</c>. <see cref="Counted"/> says
/// whether it counts against the rate limit (every answer except a 304, <c>/rate_limit</c> and avatars).
/// A request abandoned by the client during an injected timeout is recorded with status 499, not counted.
/// </summary>
public sealed record FakeRequest(string Method, string Path, string Query, int Status, bool Counted, DateTimeOffset At)
{
    /// <summary>Whether the request came with GitHub Enterprise's <c>/api/v3</c> prefix (Octokit adds it for any host but github.com).</summary>
    public bool ApiV3Prefix { get; init; }
}
