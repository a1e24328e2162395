namespace Portal.Domain.OnCall;

/// <summary>Escalation level of a rotation; a team has at most one rotation per level.</summary>
public enum OnCallLevel
{
    Primary,
    Secondary,
}

/// <summary>Where the authoritative schedule lives when a team pages through an external tool.</summary>
public enum ExternalScheduleProvider
{
    None,
    PagerDuty,
    Opsgenie,
}

/// <summary>The unit a shift length is given in; weeks are stored as multiples of seven days.</summary>
public enum ShiftUnit
{
    Days,
    Weeks,
}
