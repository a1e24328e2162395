namespace Portal.Domain.OnCall;

/// <summary>Where the authoritative schedule lives when a team pages through an external tool.</summary>
public enum ExternalScheduleProvider
{
    None,
    PagerDuty,
    Opsgenie,
}
