namespace Portal.Domain.OnCall;

/// <summary>The unit a shift length is given in; weeks are stored as multiples of seven days.</summary>
public enum ShiftUnit
{
    Days,
    Weeks,
}
