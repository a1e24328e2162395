namespace Portal.Domain.Debt.Csv;

/// <summary>
/// The columns of the register's CSV file, in the order they are written. Export writes all of them; import reads the
/// ones marked importable, in any order and matched by name ignoring case, and ignores the read-only ones (numbers
/// Portal computes, display names, times), so an exported file can be imported as it is.
/// </summary>
public static class DebtCsvColumns
{
    public const string Id = "Id";
    public const string Title = "Title";
    public const string Status = "Status";
    public const string Signal = "Signal";
    public const string Kind = "Kind";
    public const string Quadrant = "Quadrant";
    public const string Services = "Services";
    public const string ServiceNames = "Service names";
    public const string OwnerTeam = "Owner team";
    public const string OwnerTeamName = "Owner team name";
    public const string OwnerSetByHand = "Owner set by hand";
    public const string Likelihood = "Likelihood (1-5)";
    public const string Impact = "Impact (1-5)";
    public const string Effort = "Effort (engineer-days)";
    public const string Interest = "Interest (hours per month)";
    public const string InterestOverride = "Interest override (hours per month)";
    public const string CostOfDelay = "Cost of delay (hours per quarter)";
    public const string Priority = "Priority (hours saved per engineer-day)";
    public const string PayBackBy = "Pay back by (date)";
    public const string TargetQuarter = "Target quarter";
    public const string WontFixReason = "Won't fix reason";
    public const string RevisitOn = "Look again on (date)";
    public const string BusinessOutcome = "Business outcome";
    public const string Description = "Description";
    public const string Links = "Links";
    public const string Source = "Source";
    public const string ExternalUrl = "External URL";
    public const string CreatedAt = "Created (UTC, ISO 8601)";
    public const string UpdatedAt = "Updated (UTC, ISO 8601)";
    public const string ScoredAt = "Scored (UTC, ISO 8601)";

    /// <summary>Every column, in the order export writes them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Id, Title, Status, Signal, Kind, Quadrant, Services, ServiceNames, OwnerTeam, OwnerTeamName, OwnerSetByHand,
        Likelihood, Impact, Effort, Interest, InterestOverride, CostOfDelay, Priority, PayBackBy, TargetQuarter,
        WontFixReason, RevisitOn, BusinessOutcome, Description, Links, Source, ExternalUrl, CreatedAt, UpdatedAt, ScoredAt,
    ];

    /// <summary>The columns import reads; the others are written for people and ignored when read.</summary>
    public static readonly IReadOnlyList<string> Importable =
    [
        Title, Status, Signal, Kind, Quadrant, Services, OwnerTeam, OwnerSetByHand, Likelihood, Impact, Effort,
        InterestOverride, PayBackBy, TargetQuarter, WontFixReason, RevisitOn, BusinessOutcome, Description, Links,
    ];

    /// <summary>The columns an import file must have.</summary>
    public static readonly IReadOnlyList<string> Required = [Title, Signal, Kind, Quadrant, Services, Likelihood, Impact, Effort];

    /// <summary>The column that holds the field a validation problem names (<c>effortDays</c> → the effort column).</summary>
    public static string ForField(string field) => field switch
    {
        "title" => Title,
        "description" => Description,
        "services" => Services,
        "owner" or "ownerTeam" => OwnerTeam,
        "signal" => Signal,
        "kind" => Kind,
        "quadrant" => Quadrant,
        "likelihood" => Likelihood,
        "impact" => Impact,
        "effortDays" => Effort,
        "interestOverride" => InterestOverride,
        "payBackBy" => PayBackBy,
        "status" => Status,
        "targetQuarter" => TargetQuarter,
        "wontFixReason" => WontFixReason,
        "revisitOn" => RevisitOn,
        "businessOutcome" => BusinessOutcome,
        "links" => Links,
        _ => field,
    };
}
