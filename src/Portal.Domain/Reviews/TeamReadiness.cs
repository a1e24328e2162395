namespace Portal.Domain.Reviews;

/// <summary>One team's part of getting ready: how many answers it owes, and which.</summary>
/// <param name="Team">The team's reference; <see cref="Comparison.ReviewComparison.Unowned"/> for services without one.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Where to send the reminder, when the team has an address.</param>
/// <param name="Services">Services it owns in scope.</param>
/// <param name="Expected">Answers expected from it.</param>
/// <param name="Current">Of those, given and not expired.</param>
/// <param name="Missing">What is still to answer or re-attest, by service.</param>
public sealed record TeamReadiness(string Team, string Name, string? Email, int Services, int Expected, int Current, IReadOnlyList<MissingAnswer> Missing)
{
    public double Progress => Expected == 0 ? 1 : (double)Current / Expected;
}
