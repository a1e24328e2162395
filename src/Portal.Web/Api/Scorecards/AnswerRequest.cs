namespace Portal.Web.Api.Scorecards;

/// <summary>Body of <c>PUT /api/v1/scorecards/{service}/answers/{criterion}</c>; <see cref="Version"/> is the answer's version you read (omit only for a first answer: updating an existing answer without it is refused with 428).</summary>
public sealed record AnswerRequest(int Maturity, string? Note, string? EvidenceUrl, int? Version);
