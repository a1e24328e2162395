namespace Portal.Domain.Reviews;

/// <summary>Where an initiative stands; its progress is always computed from the scorecards.</summary>
public enum InitiativeStatus
{
    Active,

    /// <summary>Declared finished by its owner (normally when every service in scope meets the target).</summary>
    Completed,

    Cancelled,
}
