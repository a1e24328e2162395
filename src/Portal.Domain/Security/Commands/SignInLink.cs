namespace Portal.Domain.Security.Commands;

/// <summary>The result of matching a sign-in account to a person.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PersonRef">The person signed in as (<c>ns/name</c> or <c>name</c>), when there is one.</param>
/// <param name="Reason">For <see cref="SignInLinkOutcome.NoPerson"/> and <see cref="SignInLinkOutcome.Refused"/>: why, in words for the person signing in.</param>
/// <param name="Code">For a refusal, a short stable code (<c>taken</c>, <c>ambiguous</c>) a page can turn into its own text.</param>
public sealed record SignInLink(SignInLinkOutcome Outcome, string? PersonRef, string? Reason, string? Code = null)
{
    public bool IsRefused => Outcome == SignInLinkOutcome.Refused;
}
