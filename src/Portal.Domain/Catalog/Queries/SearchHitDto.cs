namespace Portal.Domain.Catalog.Queries;

/// <summary>One search result: what it is, its reference and display name, where its page is, and how well it matched.</summary>
/// <param name="Kind">"Service", "Team", "Person" or "System", as people read it.</param>
/// <param name="Name">The reference: <c>payments</c>, or <c>ops/sre</c> outside the default namespace.</param>
/// <param name="DisplayName">What people call it: the title, or the name when there is none.</param>
/// <param name="Url">Its page in the portal.</param>
/// <param name="Summary">The start of the description, for the results page.</param>
/// <param name="Rank">How well it matched what was typed.</param>
public sealed record SearchHitDto(string Kind, string Name, string DisplayName, string Url, string? Summary = null, MatchRank Rank = MatchRank.Elsewhere);
