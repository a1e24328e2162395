namespace Portal.Web.Hosting;

/// <summary>At most <see cref="PermitLimit"/> requests in each window of <see cref="WindowSeconds"/> seconds, per caller.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>"600 requests a minute", for messages and logs.</summary>
    public string Describe() => $"{PermitLimit} requests {(WindowSeconds == 60 ? "a minute" : WindowSeconds == 1 ? "a second" : $"in {WindowSeconds} s")}";
}
