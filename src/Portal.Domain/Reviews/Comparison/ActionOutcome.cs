namespace Portal.Domain.Reviews.Comparison;

/// <summary>What became of an earlier review's action item by the later side.</summary>
public enum ActionOutcome
{
    /// <summary>Not done, and not due yet.</summary>
    Open,

    Done,

    /// <summary>Done, but after its due date.</summary>
    DoneLate,

    /// <summary>Not done by its due date.</summary>
    Missed,

    Dropped,
}
