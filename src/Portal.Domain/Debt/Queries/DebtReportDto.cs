namespace Portal.Domain.Debt.Queries;

/// <summary>A report of pain as shown on the item page; <see cref="Counts"/> says whether it is inside the 90-day window.</summary>
public sealed record DebtReportDto(Guid Id, DateOnly OccurredOn, double Hours, string? Note, string? Incident, string Author, string AuthorDisplayName, DateTime CreatedAt, bool Counts);
