namespace Portal.Domain.Security.Commands;

/// <summary>What a presented API token is worth: the actor it acts as, or why it is refused (for the 401 answer).</summary>
public sealed record ApiTokenCheck(Actor? Actor, string? Refusal)
{
    public static ApiTokenCheck Refused(string reason) => new(null, reason);
}
