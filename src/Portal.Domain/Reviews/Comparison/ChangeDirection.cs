namespace Portal.Domain.Reviews.Comparison;

/// <summary>How a service's signal levels moved between two sides.</summary>
public enum ChangeDirection
{
    /// <summary>No signal level moved.</summary>
    Same,

    /// <summary>Some signals rose and none fell.</summary>
    Improved,

    /// <summary>Some signals fell and none rose.</summary>
    Regressed,

    /// <summary>Some rose and some fell.</summary>
    Mixed,

    /// <summary>Only on the later side: new in scope.</summary>
    Added,

    /// <summary>Only on the earlier side: gone from scope.</summary>
    Removed,
}
