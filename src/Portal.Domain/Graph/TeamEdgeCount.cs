namespace Portal.Domain.Graph;

/// <summary>How many calls a team's services make, per team called.</summary>
public sealed record TeamEdgeCount(string Team, int Edges);
