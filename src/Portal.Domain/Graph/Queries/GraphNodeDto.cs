namespace Portal.Domain.Graph.Queries;

public sealed record GraphNodeDto(string Id, string Label, string Kind, string? Team, string? System, int Tier, int Count = 1);
