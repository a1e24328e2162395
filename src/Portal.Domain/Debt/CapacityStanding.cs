namespace Portal.Domain.Debt;

/// <summary>Where a team's planned debt work stands against the share of capacity it reserved for it.</summary>
public enum CapacityStanding
{
    /// <summary>Nobody has said how much capacity the team has; nothing to compare against.</summary>
    NotSet,

    /// <summary>Less debt work is planned than the team reserved time for.</summary>
    Under,

    /// <summary>The plan matches the reservation (within half an engineer-day).</summary>
    OnTarget,

    /// <summary>More debt work is planned than the team reserved time for.</summary>
    Over,
}
