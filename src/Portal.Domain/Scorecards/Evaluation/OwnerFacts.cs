namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>Who owns a service and who is paged for it, as plain data for the automatic checks.</summary>
/// <param name="OwnerRef">The owner as written in the source; null when none is named.</param>
/// <param name="TeamRef">The owner team when the reference resolves to a team in the catalog; null when it does not (yet).</param>
/// <param name="TeamDisplayName">The owner team's title or name.</param>
/// <param name="Members">People in the owner team.</param>
/// <param name="IsGone">The owner team disappeared from its source.</param>
/// <param name="OnCallTeamRef">The team paged for the service when it is not the owner; null when the owner is paged.</param>
public sealed record OwnerFacts(string? OwnerRef, string? TeamRef, string? TeamDisplayName, int Members, bool IsGone, string? OnCallTeamRef = null)
{
    /// <summary>Nobody is named as owner.</summary>
    public static OwnerFacts None { get; } = new(null, null, null, 0, false);

    /// <summary>An owner is named but is not a team in the catalog yet (a pending reference).</summary>
    public bool IsPending => TeamRef is null && OwnerRef is not null;

    /// <summary>The team whose pager rings: the on-call team, or else the owner team.</summary>
    public string? PagedTeamRef => OnCallTeamRef ?? TeamRef;
}
