using Portal.Domain.Common;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Queries;

/// <summary>Everything about one item: what the register shows plus description, links, reports and the explanation.</summary>
public sealed record DebtItemDetailsDto(
    DebtItemSummaryDto Summary,
    string? Description,
    string? BusinessOutcome,
    double? InterestOverride,
    string? WontFixReason,
    DateOnly? RevisitOn,
    bool OwnerOverridden,
    IReadOnlyList<DebtLink> Links,
    IReadOnlyList<DebtReportDto> Reports,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime? DoneAt,
    string? FindingKey,
    DebtScore Score)
{
    public Guid Id => Summary.Id;

    public string Title => Summary.Title;

    public DebtStatus Status => Summary.Status;

    public ScalingSignal Signal => Summary.Signal;

    public int Version => Summary.Version;

    public DataSource Source => Summary.Source;

    /// <summary>The login of the GitHub issue's author, for items that came from an issue.</summary>
    public string? GitHubAuthor { get; init; }

    /// <summary>True when the author was not an owner, member or collaborator of its repository when the item started following it.</summary>
    public bool OpenedByOutsider { get; init; }

    /// <summary>When the item stopped following its GitHub issue for good: an admin stopped it, or its repository was archived.</summary>
    public DateTime? MirrorStoppedAt { get; init; }
}
