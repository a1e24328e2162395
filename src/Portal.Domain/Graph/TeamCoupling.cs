namespace Portal.Domain.Graph;

/// <summary>
/// A team's outgoing service-to-service calls (every kind) and the share that goes to other teams'
/// services; a high share means the team cannot change or ship alone (Conway's law at work).
/// </summary>
/// <param name="Team">Owner team ref; <see cref="GraphAnalysis.Unowned"/> for services without one.</param>
/// <param name="Services">How many services the team owns.</param>
/// <param name="OutgoingEdges">Service-to-service edges from its services.</param>
/// <param name="CrossTeamEdges">Those that reach another team's service.</param>
/// <param name="Share">CrossTeamEdges / OutgoingEdges, 0 to 1.</param>
/// <param name="OtherTeams">Teams called, most calls first (the team itself left out); the first <c>maxListed</c> when there are more.</param>
/// <param name="OtherTeamCount">How many other teams it calls, listed or not.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record TeamCoupling(
    string Team,
    int Services,
    int OutgoingEdges,
    int CrossTeamEdges,
    double Share,
    IReadOnlyList<TeamEdgeCount> OtherTeams,
    int OtherTeamCount,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>True when <see cref="OtherTeams"/> lists only some.</summary>
    public bool Truncated => OtherTeams.Count < OtherTeamCount;
}
