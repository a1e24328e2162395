using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

/// <summary>A finding that explains itself: what was found, along which path, and what to do about it.</summary>
public interface IGraphFinding
{
    /// <summary>One or two sentences in plain words, naming the path.</summary>
    string Summary { get; }

    /// <summary>A suggested fix.</summary>
    string Remedy { get; }
}

/// <summary>One edge as findings show it: refs instead of indices, with the settings that explain the finding.</summary>
public sealed record EdgeRef(
    string From,
    string To,
    InteractionKind Kind,
    int? TimeoutMs,
    int? Retries,
    bool? Fallback,
    bool? CircuitBreaker,
    ResourceAccess? Access)
{
    public bool IsSynchronous => Kind.IsSynchronous();
}

/// <summary>How failure spreads in <see cref="GraphAnalysis.BlastRadius(DependencyGraph, string, BlastRadiusOptions?, int, int?)"/>.</summary>
/// <param name="FollowAsync">Also spread over asynchronous (and library) edges, as if a backlog were an outage.</param>
/// <param name="StopAtFallback">A caller with <see cref="GraphEdge.Fallback"/> true survives the failure.</param>
/// <param name="MaxDepth">Stop this many calls away; null for no limit.</param>
public sealed record BlastRadiusOptions(bool FollowAsync = false, bool StopAtFallback = true, int? MaxDepth = null)
{
    public static BlastRadiusOptions Default { get; } = new();
}

/// <summary>
/// A service that fails when the failing node does. <see cref="Path"/> runs from this service down to
/// the failing node (the chain of calls that connects them, a shortest one); <see cref="Depth"/> is its
/// number of hops.
/// </summary>
public sealed record ImpactedService(string Ref, string DisplayName, int Depth, IReadOnlyList<string> Path);

/// <summary>Everything that can fail when <see cref="Service"/> fails, callers first.</summary>
/// <param name="Service">The failing node's ref (a service or a resource).</param>
/// <param name="Direct">Callers that depend on it directly (depth 1), all of them, by ref.</param>
/// <param name="Transitive">
/// Services reached through other callers (depth 2 and more), nearest first, then by ref: all of them, or the
/// page that was asked for (<c>skip</c>/<c>take</c>); <see cref="TransitiveCount"/> says how many there are.
/// </param>
/// <param name="Count">Direct plus transitive, the whole radius whatever the page.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record BlastRadiusResult(
    string Service,
    IReadOnlyList<ImpactedService> Direct,
    IReadOnlyList<ImpactedService> Transitive,
    int Count,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>How many services fail through other callers, whether or not <see cref="Transitive"/> lists them all.</summary>
    public int TransitiveCount => Count - Direct.Count;
}

/// <summary>
/// Services that call each other round in a circle: a strongly connected component over service-to-service
/// edges of any kind, or a service that calls itself.
/// </summary>
/// <param name="Services">Members, by ref; the first <c>maxListed</c> of them when the knot is larger.</param>
/// <param name="ServiceCount">How many services the knot has, listed or not.</param>
/// <param name="Edges">
/// Service-to-service edges between members: every one, or when there are more than <c>maxListed</c>, that
/// many, starting with the edges of <see cref="Example"/>.
/// </param>
/// <param name="EdgeCount">How many edges there are between members, listed or not.</param>
/// <param name="IsSynchronous">
/// True when the members can go round synchronously (some loop inside uses only synchronous calls), the
/// worse case; false when every loop is broken by an asynchronous edge.
/// </param>
/// <param name="Example">One shortest loop, first ref repeated at the end; synchronous when <see cref="IsSynchronous"/>.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record DependencyCycle(
    IReadOnlyList<string> Services,
    int ServiceCount,
    IReadOnlyList<EdgeRef> Edges,
    int EdgeCount,
    bool IsSynchronous,
    IReadOnlyList<string> Example,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>True when <see cref="Services"/> or <see cref="Edges"/> lists only part of the knot.</summary>
    public bool Truncated => Services.Count < ServiceCount || Edges.Count < EdgeCount;
}

/// <summary>
/// The deepest chain of synchronous calls from an entry point (a service nobody calls). Latency is the
/// worst case from declared timeouts: Σ <c>TimeoutMs × (1 + Retries)</c>; hops without a timeout add
/// nothing to <see cref="KnownLatencyMs"/> and are counted in <see cref="HopsWithoutTimeout"/>, so the
/// real worst case is at least that much.
/// </summary>
public sealed record SyncChain(
    string EntryPoint,
    IReadOnlyList<string> Path,
    IReadOnlyList<EdgeRef> Hops,
    int Depth,
    long KnownLatencyMs,
    int HopsWithoutTimeout,
    string Summary,
    string Remedy) : IGraphFinding
{
    public bool LatencyIsComplete => HopsWithoutTimeout == 0;
}

/// <summary>
/// One request at the top of <see cref="Path"/> becomes up to <see cref="Factor"/> requests at its bottom,
/// because every hop multiplies by its attempts (1 + retries; undeclared retries count as none).
/// </summary>
/// <param name="Top">Where the single request arrives.</param>
/// <param name="Bottom">Where the multiplied requests land.</param>
/// <param name="Path">Refs from top to bottom.</param>
/// <param name="Hops">The edges of the path, with their retries.</param>
/// <param name="Factor">∏ (1 + retriesᵢ); capped at <see cref="double.MaxValue"/> so it always serialises.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record RetryAmplificationPath(
    string Top,
    string Bottom,
    IReadOnlyList<string> Path,
    IReadOnlyList<EdgeRef> Hops,
    double Factor,
    string Summary,
    string Remedy) : IGraphFinding;

/// <summary>
/// A caller that gives up before its callee may: the caller waits <see cref="CallerTimeoutMs"/>, the callee
/// may legitimately spend <see cref="CalleeBudgetMs"/> on its own slowest downstream call (timeout × attempts),
/// so work goes on below after nobody is waiting for it.
/// </summary>
/// <param name="Caller">The service that gives up first.</param>
/// <param name="Callee">The service that goes on working.</param>
/// <param name="CallerTimeoutMs">The caller's timeout on the callee.</param>
/// <param name="CalleeBudgetMs">The callee's slowest downstream edge, timeout × attempts.</param>
/// <param name="WorstDownstream">The callee's downstream edge that sets <see cref="CalleeBudgetMs"/>.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record TimeoutInversion(
    string Caller,
    string Callee,
    int CallerTimeoutMs,
    long CalleeBudgetMs,
    EdgeRef WorstDownstream,
    string Summary,
    string Remedy) : IGraphFinding;

/// <summary>A service's use of a shared resource.</summary>
/// <param name="Ref">The service's ref.</param>
/// <param name="DisplayName">The service's title or name.</param>
/// <param name="OwnerTeam">The service's owner team; null when unowned.</param>
/// <param name="Access">What its edges declare, combined; null when none says.</param>
/// <param name="MayWrite">It writes, or does not say it doesn't (undeclared access counts as a possible writer).</param>
public sealed record ResourceUser(string Ref, string DisplayName, string? OwnerTeam, ResourceAccess? Access, bool MayWrite);

/// <summary>
/// A resource (typically a database) used by more than one service. Several writers, and users from
/// several teams, make every schema change a coordination event.
/// </summary>
/// <param name="Resource">The resource's ref.</param>
/// <param name="DisplayName">The resource's title or name.</param>
/// <param name="OwnerTeam">The resource's owner team; null when unowned.</param>
/// <param name="Users">Each service that uses it, by ref; when there are more than <c>maxListed</c>, that many, writers first.</param>
/// <param name="UserCount">How many services use it, listed or not.</param>
/// <param name="Writers">Users that may write, including <see cref="UndeclaredAccess"/>.</param>
/// <param name="UndeclaredAccess">Users that declare no write but have an edge without a declared access, so count as possible writers.</param>
/// <param name="Teams">Distinct owner teams of the users, by name (the first <c>maxListed</c>); <see cref="GraphAnalysis.Unowned"/> for services without one.</param>
/// <param name="TeamCount">How many teams the users belong to, listed or not.</param>
/// <param name="Summary">What was found, in plain words.</param>
/// <param name="Remedy">A suggested fix.</param>
public sealed record SharedResource(
    string Resource,
    string DisplayName,
    string? OwnerTeam,
    IReadOnlyList<ResourceUser> Users,
    int UserCount,
    int Writers,
    int UndeclaredAccess,
    IReadOnlyList<string> Teams,
    int TeamCount,
    string Summary,
    string Remedy) : IGraphFinding
{
    public bool MultipleWriters => Writers > 1;

    public bool CrossTeam => TeamCount > 1;

    /// <summary>True when <see cref="Users"/> or <see cref="Teams"/> lists only some.</summary>
    public bool Truncated => Users.Count < UserCount || Teams.Count < TeamCount;
}

/// <summary>
/// A node many services wait on without a fallback: when it fails, each of its <see cref="DirectDependents"/>
/// fails (<see cref="Dependents"/> lists them by ref, the first <c>maxListed</c> when there are more), and
/// <see cref="BlastRadius"/> services in all.
/// </summary>
public sealed record SinglePointOfFailure(
    string Ref,
    string DisplayName,
    NodeKind Kind,
    int DirectDependents,
    IReadOnlyList<string> Dependents,
    int BlastRadius,
    string Summary,
    string Remedy) : IGraphFinding
{
    /// <summary>True when <see cref="Dependents"/> lists only some of the <see cref="DirectDependents"/>.</summary>
    public bool Truncated => Dependents.Count < DirectDependents;
}

/// <summary>How many calls a team's services make, per team called.</summary>
public sealed record TeamEdgeCount(string Team, int Edges);

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

/// <summary>Limits and thresholds for <see cref="GraphAnalysis.Analyze"/>.</summary>
/// <param name="TopK">How many sync chains and retry-amplification paths to keep.</param>
/// <param name="MinDependents">Direct synchronous callers without fallback that make a single point of failure.</param>
/// <param name="BlastRadius">How failure spreads when sizing single points of failure.</param>
/// <param name="MaxFindings">
/// At most this many of each other kind of finding (cycles, timeout inversions, shared resources, single
/// points of failure, teams), worst first; null for all. A 10,000-service catalog can have thousands of
/// each, which is megabytes of JSON and more than anyone reads.
/// </param>
/// <param name="MaxListed">
/// At most this many entries in a list inside one finding (a knot's services and edges, a shared resource's
/// users and teams, a single point of failure's dependents, the teams a team calls), each with the full count
/// beside it; null for all. One knot of 10,000 services and 50,000 edges is otherwise 9 MB of JSON.
/// </param>
public sealed record AnalysisOptions(int TopK = 20, int MinDependents = 3, BlastRadiusOptions? BlastRadius = null, int? MaxFindings = null, int? MaxListed = null)
{
    public static AnalysisOptions Default { get; } = new();
}

/// <summary>Every whole-graph finding at once; property names are the REST API's field names.</summary>
public sealed record GraphAnalysisResult(
    IReadOnlyList<DependencyCycle> Cycles,
    IReadOnlyList<SyncChain> SyncChains,
    IReadOnlyList<RetryAmplificationPath> RetryAmplification,
    IReadOnlyList<TimeoutInversion> TimeoutInversions,
    IReadOnlyList<SharedResource> SharedResources,
    IReadOnlyList<SinglePointOfFailure> SinglePointsOfFailure,
    IReadOnlyList<TeamCoupling> CrossTeamCoupling);
