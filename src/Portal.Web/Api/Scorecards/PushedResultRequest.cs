namespace Portal.Web.Api.Scorecards;

/// <summary>One result pushed by CI or a scanner.</summary>
public sealed record PushedResultRequest(string Service, string Criterion, string Status, string? Evidence);
