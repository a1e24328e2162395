namespace Portal.Domain.Graph;

/// <summary>What <see cref="GraphSubsets.GroupBy"/> folds nodes into.</summary>
public enum GroupKey
{
    Team,
    System,
}
