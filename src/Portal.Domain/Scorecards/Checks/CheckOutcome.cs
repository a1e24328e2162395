namespace Portal.Domain.Scorecards.Checks;

/// <summary>What an automatic check found: pass, fail or unknown, the evidence in words, and how fresh the data was.</summary>
/// <param name="Status">Pass, fail or unknown (never exempt: exemptions are applied afterwards).</param>
/// <param name="Evidence">What was seen, naming the services and calls involved.</param>
/// <param name="DataAsOf">When the data behind it was last updated (UTC); null when there was none.</param>
public sealed record CheckOutcome(CriterionStatus Status, string Evidence, DateTime? DataAsOf)
{
    public static CheckOutcome Pass(string evidence, DateTime? asOf) => new(CriterionStatus.Pass, evidence, asOf);

    public static CheckOutcome Fail(string evidence, DateTime? asOf) => new(CriterionStatus.Fail, evidence, asOf);

    public static CheckOutcome Unknown(string evidence, DateTime? asOf = null) => new(CriterionStatus.Unknown, evidence, asOf);
}
