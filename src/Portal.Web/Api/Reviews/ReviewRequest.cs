namespace Portal.Web.Api.Reviews;

/// <summary>A review to create: its quarter (<c>2026-Q4</c>), an optional title, and team references in scope (none: the organisation).</summary>
public sealed record ReviewRequest(string? Quarter, string? Title = null, IReadOnlyList<string>? Teams = null);
