namespace Portal.Domain.Debt.Queries;

/// <summary>
/// A report of pain as shown on the item page; <see cref="Counts"/> says whether it counts towards interest (inside the
/// 90-day window and not removed by the owning team).
/// </summary>
public sealed record DebtReportDto(Guid Id, DateOnly OccurredOn, double Hours, string? Note, string? Incident, string Author, string AuthorDisplayName, DateTime CreatedAt, bool Counts)
{
    /// <summary>When the owning team removed it (UTC); null while it stands.</summary>
    public DateTime? RemovedAt { get; init; }

    public string? RemovedBy { get; init; }

    public string? RemovalReason { get; init; }
}
