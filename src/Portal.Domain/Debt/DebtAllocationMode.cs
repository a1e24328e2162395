namespace Portal.Domain.Debt;

/// <summary>How a team takes the time it reserves for paying down debt.</summary>
public enum DebtAllocationMode
{
    /// <summary>A share of every sprint goes to debt.</summary>
    EverySprint,

    /// <summary>Whole sprints go to debt now and then; over the quarter they add up to the share.</summary>
    DedicatedSprint,
}
