namespace Portal.Domain.Catalog.Queries;

/// <summary>One search result: what it is, its reference and display name, where its page is, and how well it matched.</summary>
/// <param name="Kind">"Service", "Team", "Person" or "System", as people read it.</param>
/// <param name="Name">The reference: <c>payments</c>, or <c>ops/sre</c> outside the default namespace.</param>
/// <param name="Summary">The start of the description, for the results page.</param>
public sealed record SearchHitDto(string Kind, string Name, string DisplayName, string Url, string? Summary = null, MatchRank Rank = MatchRank.Elsewhere);
