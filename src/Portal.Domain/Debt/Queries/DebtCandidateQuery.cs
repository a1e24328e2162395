using Portal.Domain.Debt.Candidates;

namespace Portal.Domain.Debt.Queries;

/// <summary>Which candidates to list: filters (all optional) and a page.</summary>
/// <param name="Origin">One kind of finding.</param>
/// <param name="Team">Candidates touching a team (reference): its services, or the team itself.</param>
/// <param name="Service">Candidates affecting a service (reference).</param>
/// <param name="Text">Words in the title, summary or remedy.</param>
/// <param name="Page">1-based.</param>
/// <param name="PageSize">1–200.</param>
public sealed record DebtCandidateQuery(DebtCandidateOrigin? Origin = null, string? Team = null, string? Service = null, string? Text = null, int Page = 1, int PageSize = 25);
