namespace Portal.Domain.OnCall;

/// <summary>Escalation level of a rotation; a team has at most one rotation per level.</summary>
public enum OnCallLevel
{
    Primary,
    Secondary,
}
