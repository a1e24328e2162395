namespace Portal.Domain.Graph.Queries;

public sealed record GraphEdgeDto(string Source, string Target, string Kind, bool Synchronous, int? TimeoutMs, int? Retries, bool? Fallback, int Count = 1);
