namespace Portal.Domain.Reviews;

/// <summary>What a note recorded during a review is.</summary>
public enum ReviewNoteKind
{
    /// <summary>Something the review noticed: a gap, a risk, a pattern.</summary>
    Finding,

    /// <summary>Something the review decided.</summary>
    Decision,
}
