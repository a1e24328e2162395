using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Signals;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>Starting values for a new item opened from somewhere that already says what it is about.</summary>
public static class DebtPrefill
{
    /// <summary>A new item affecting <paramref name="service"/>, the rest at the form's defaults.</summary>
    public static DebtItemEdit ForService(string service) => new(
        "", null, [service], null, ScalingSignal.CompoundingShortcuts, DebtKind.Code, DebtQuadrant.InadvertentPrudent,
        3, 3, 0, null, null, DebtStatus.Proposed, null, null, null, null, []);

    /// <summary>
    /// A new item the team <paramref name="team"/> is accountable for, whichever of its services it affects (the person
    /// names them); opened from the team's page, which offers it only to the team's editors and admins.
    /// </summary>
    public static DebtItemEdit ForTeam(string team) => new(
        "", null, [], team, ScalingSignal.CompoundingShortcuts, DebtKind.Code, DebtQuadrant.InadvertentPrudent,
        3, 3, 0, null, null, DebtStatus.Proposed, null, null, null, null, []);

    /// <summary>A new item accepted from a suggested one (<see cref="DebtCandidate.Draft"/>): linked back to its finding.</summary>
    public static DebtItemEdit ForCandidate(DebtCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.Draft();
    }
}
