using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>
/// How much a team can do in one quarter (people × working days) and the share of it reserved for paying down
/// debt. One row per team and quarter; a quarter without a row carries the team's latest earlier row forward.
/// </summary>
public sealed class TeamCapacity : Entity, IVersioned
{
    /// <summary>The share reserved for debt when a team never said otherwise (the article's "often ~20%").</summary>
    public const double DefaultDebtSharePercent = 20;

    public const double MaxPeople = 1_000;

    private TeamCapacity()
    {
    }

    public TeamCapacity(Team team, Quarter quarter, double people, int workingDays, double debtSharePercent, DebtAllocationMode mode, string updatedBy)
    {
        ArgumentNullException.ThrowIfNull(team);
        Team = team;
        TeamId = team.Id;
        Quarter = quarter.ToString();
        Change(people, workingDays, debtSharePercent, mode, updatedBy);
    }

    public Guid TeamId { get; private set; }

    public Team? Team { get; private set; }

    /// <summary>The quarter, as <c>2027-Q1</c>.</summary>
    public string Quarter { get; private set; } = "";

    /// <summary>People working on the team's services this quarter; fractions for part-time people.</summary>
    public double People { get; private set; }

    /// <summary>Working days each person has in the quarter (after holidays).</summary>
    public int WorkingDays { get; private set; }

    /// <summary>Percentage (0–100) of the capacity reserved for paying down debt.</summary>
    public double DebtSharePercent { get; private set; } = DefaultDebtSharePercent;

    public DebtAllocationMode Mode { get; private set; }

    /// <summary>Who last changed it (the audit log has the full history).</summary>
    public string UpdatedBy { get; private set; } = "";

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    /// <summary>Replaces the figures after checking each of them; the error names the field.</summary>
    public void Change(double people, int workingDays, double debtSharePercent, DebtAllocationMode mode, string updatedBy)
    {
        if (double.IsNaN(people) || people < 0 || people > MaxPeople)
        {
            throw new DomainValidationException("people", $"must be between 0 and {MaxPeople:N0}");
        }

        var days = Debt.Quarter.Parse(Quarter).Days;
        if (workingDays < 0 || workingDays > days)
        {
            throw new DomainValidationException("workingDays", $"must be between 0 and {days}, the days in {Quarter}");
        }

        if (double.IsNaN(debtSharePercent) || debtSharePercent < 0 || debtSharePercent > 100)
        {
            throw new DomainValidationException("debtSharePercent", "must be between 0 and 100");
        }

        if (!Enum.IsDefined(mode))
        {
            throw new DomainValidationException("mode", $"'{mode}' is not every-sprint or dedicated-sprint");
        }

        (People, WorkingDays, DebtSharePercent, Mode, UpdatedBy) = (people, workingDays, debtSharePercent, mode, updatedBy);
        Touch();
    }
}
