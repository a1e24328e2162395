namespace Portal.Domain.Reviews.Commands;

/// <summary>What a person sets when creating or changing a review.</summary>
/// <param name="Quarter">The quarter, <c>2026-Q4</c>.</param>
/// <param name="Title">A title; by default "Scaling readiness 2026-Q4".</param>
/// <param name="Teams">Team references in scope; none for the whole organisation.</param>
public sealed record ReviewInput(string? Quarter, string? Title = null, IReadOnlyList<string>? Teams = null);
