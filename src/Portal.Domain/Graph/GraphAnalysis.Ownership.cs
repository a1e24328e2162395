using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

public static partial class GraphAnalysis
{
    /// <summary>
    /// Resources used by more than one service, with who writes (undeclared access counts as a possible
    /// writer) and which teams are involved. Several writers from several teams first, then several writers,
    /// then several teams, then by number of users; at most <paramref name="limit"/> when it is set. Each lists at
    /// most <paramref name="maxListed"/> users and teams when it is set (the counts say how many there are).
    /// </summary>
    public static IReadOnlyList<SharedResource> SharedResources(DependencyGraph graph, int? limit = null, int? maxListed = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        ArgumentOutOfRangeException.ThrowIfNegative(maxListed ?? 0, nameof(maxListed));
        var found = new List<(int Resource, List<(int Service, bool Writes, bool Reads, bool Undeclared)> Users, int Severity)>();
        var slotOf = new int[graph.NodeCount];
        var slotFor = new int[graph.NodeCount]; // slotFor[u] == r + 1 when slotOf[u] is u's place among r's users
        for (var r = 0; r < graph.NodeCount; r++)
        {
            if (graph.IsService(r))
            {
                continue;
            }

            // Users in the order their first edge appears; a service may reach the resource over several edges.
            var users = new List<(int Service, bool Writes, bool Reads, bool Undeclared)>();
            var edges = graph.IncomingEdges(r);
            var callers = graph.Callers(r);
            for (var i = 0; i < edges.Length; i++)
            {
                // Publishing to a topic or queue is an integration contract, not a shared data store.
                if (graph.Edges[edges[i]].Kind is InteractionKind.AsyncEvent or InteractionKind.AsyncQueue)
                {
                    continue;
                }

                var c = callers[i];
                if (slotFor[c] != r + 1)
                {
                    slotFor[c] = r + 1;
                    slotOf[c] = users.Count;
                    users.Add((c, false, false, false));
                }

                var access = graph.Edges[edges[i]].Access;
                var u = users[slotOf[c]];
                u.Writes |= access is ResourceAccess.Write or ResourceAccess.ReadWrite;
                u.Reads |= access is ResourceAccess.Read or ResourceAccess.ReadWrite;
                u.Undeclared |= access is null;
                users[slotOf[c]] = u;
            }

            if (users.Count >= 2)
            {
                var writers = users.Count(u => u.Writes || u.Undeclared);
                var crossTeam = users.Select(u => TeamOf(graph.Nodes[u.Service])).Distinct().Skip(1).Any();
                found.Add((r, users, (writers > 1 ? 2 : 0) + (crossTeam ? 1 : 0)));
            }
        }

        var ranked = found
            .OrderByDescending(f => f.Severity)
            .ThenByDescending(f => f.Users.Count)
            .ThenBy(f => graph.Nodes[f.Resource].Ref, StringComparer.Ordinal);
        return [.. Limit(ranked, limit).Select(f => DescribeShared(graph, f.Resource, f.Users, maxListed))];
    }

    private static SharedResource DescribeShared(DependencyGraph graph, int r, List<(int Service, bool Writes, bool Reads, bool Undeclared)> users, int? maxListed)
    {
        var node = graph.Nodes[r];
        var list = users
            .Select(u =>
            {
                var s = graph.Nodes[u.Service];
                ResourceAccess? access = (u.Writes, u.Reads) switch
                {
                    (true, true) => ResourceAccess.ReadWrite,
                    (true, false) => ResourceAccess.Write,
                    (false, true) => ResourceAccess.Read,
                    _ => null,
                };
                return new ResourceUser(s.Ref, s.DisplayName, s.OwnerTeam, access, u.Writes || u.Undeclared);
            })
            .OrderBy(u => u.Ref, StringComparer.Ordinal)
            .ToList();
        var teams = users.Select(u => TeamOf(graph.Nodes[u.Service])).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        var writers = list.Where(u => u.MayWrite).Select(u => u.Ref).ToList();
        var undeclared = users.Where(u => !u.Writes && u.Undeclared).Select(u => graph.Nodes[u.Service].Ref).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var readers = list.Count - writers.Count;

        var summary = Invariant($"{node.Ref} is used by {Plural(list.Count, "service", "services")} from {Plural(teams.Count, "team", "teams")} ({Names(teams)}): ");
        summary += writers.Count == 0 ? "all of them only read" : Invariant($"{writers.Count:N0} may write ({Names(writers)})");
        if (undeclared.Count > 0)
        {
            summary += $", counting {Names(undeclared)} as possible {(undeclared.Count == 1 ? "writer" : "writers")} because no access is declared";
        }

        summary += readers > 0 && writers.Count > 0 ? Invariant($"; {readers:N0} only read.") : ".";

        var otherTeams = teams.Count > 1
            ? " Sharing across teams makes every schema change a negotiation: the others should depend on a contract, not on tables."
            : "";
        var remedy = writers.Count switch
        {
            0 => $"Reads only, so lower risk, but every reader is coupled to the schema: offer a read replica, a published view or events.{otherTeams}",
            1 => $"With one writer ({writers[0]}) this is manageable, but the readers are coupled to its schema: give them an API, a view " +
                 $"or a read model fed by events so {writers[0]} can change the schema alone.{otherTeams}",
            _ => $"Give {node.Ref} a single writer: let one service{(node.OwnerTeam is { } owner ? $" of {owner}" : "")} own the writes and " +
                 $"offer the others an API or events; readers can move to a replica or a read model.{otherTeams}",
        };
        if (undeclared.Count > 0)
        {
            remedy += $" Declare read or write on the edges from {Names(undeclared)}.";
        }

        // Writers first when the list is cut short: they are what the finding is about.
        var listed = maxListed is { } max && list.Count > max ? [.. list.OrderByDescending(u => u.MayWrite).Take(max).OrderBy(u => u.Ref, StringComparer.Ordinal)] : list;
        return new SharedResource(
            node.Ref, node.DisplayName, node.OwnerTeam, listed, list.Count, writers.Count, undeclared.Count, [.. Limit(teams, maxListed)], teams.Count, summary, remedy);
    }

    /// <summary>
    /// Per owner team (<see cref="Unowned"/> for services without one): its services' outgoing
    /// service-to-service edges of every kind, how many reach other teams' services, and the share. Teams
    /// are compared by name, so unowned calling unowned counts as within one "team": nobody can say
    /// otherwise. Teams with at least one edge, highest share first; at most <paramref name="limit"/> when it is set.
    /// Each lists at most <paramref name="maxListed"/> of the teams it calls, most calls first, when it is set.
    /// </summary>
    public static IReadOnlyList<TeamCoupling> CrossTeamCoupling(DependencyGraph graph, int? limit = null, int? maxListed = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        ArgumentOutOfRangeException.ThrowIfNegative(maxListed ?? 0, nameof(maxListed));
        var teams = new Dictionary<string, TeamTally>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.Kind == NodeKind.Service)
            {
                Tally(TeamOf(node)).Services++;
            }
        }

        foreach (var edge in graph.Edges)
        {
            if (!graph.IsService(edge.To))
            {
                continue;
            }

            var from = TeamOf(graph.Nodes[edge.From]);
            var to = TeamOf(graph.Nodes[edge.To]);
            var t = Tally(from);
            t.Outgoing++;
            if (from != to)
            {
                t.Cross++;
                t.Targets[to] = t.Targets.GetValueOrDefault(to) + 1;
            }
        }

        var ranked = teams
            .Where(t => t.Value.Outgoing > 0)
            .OrderByDescending(t => (double)t.Value.Cross / t.Value.Outgoing)
            .ThenByDescending(t => t.Value.Cross)
            .ThenBy(t => t.Key, StringComparer.Ordinal);
        return [.. Limit(ranked, limit).Select(t => DescribeCoupling(t.Key, t.Value, maxListed))];

        TeamTally Tally(string team)
        {
            if (!teams.TryGetValue(team, out var tally))
            {
                teams[team] = tally = new TeamTally();
            }

            return tally;
        }
    }

    private static TeamCoupling DescribeCoupling(string team, TeamTally tally, int? maxListed)
    {
        var (services, outgoing, cross) = (tally.Services, tally.Outgoing, tally.Cross);
        var share = (double)cross / outgoing;
        var others = tally.Targets
            .Select(t => new TeamEdgeCount(t.Key, t.Value))
            .OrderByDescending(t => t.Edges)
            .ThenBy(t => t.Team, StringComparer.Ordinal)
            .ToList();
        var who = team == Unowned ? "services without an owner" : Invariant($"{team}'s {Plural(services, "service", "services")}");
        var summary = cross == 0
            ? Invariant($"All {Plural(outgoing, "call", "calls")} from {who} stay within the team.")
            : Invariant($"{cross:N0} of {Plural(outgoing, "call", "calls")} from {who} ({share * 100:0}%) go to other teams' services, most to {Names(others.Select(o => Invariant($"{o.Team} ({o.Edges:N0})")), 3)}.");

        string remedy;
        if (team == Unowned)
        {
            remedy = "Give these services owners first: without one there is nobody to agree contracts with or to page.";
        }
        else if (cross == 0)
        {
            remedy = "Self-contained: the team can change and ship alone. Nothing to do.";
        }
        else if (others.FirstOrDefault(o => o.Team != Unowned) is not { } partner)
        {
            remedy = "Every call that leaves the team goes to services without an owner: give them owners, so there is someone to agree contracts with.";
        }
        else if (share >= 0.5)
        {
            remedy = $"Most of what {team} calls belongs to other teams, so it can rarely ship alone. Check whether service boundaries " +
                $"match team boundaries (Conway's law): move or merge the services it leans on most, or agree stable, versioned contracts with {partner.Team}.";
        }
        else
        {
            remedy = $"Keep the cross-team calls behind versioned APIs with an owner on each side; {partner.Team} is the team to agree contracts with first.";
        }

        return new TeamCoupling(team, services, outgoing, cross, share, [.. Limit(others, maxListed)], others.Count, summary, remedy);
    }

    private sealed class TeamTally
    {
        public int Services { get; set; }

        public int Outgoing { get; set; }

        public int Cross { get; set; }

        public Dictionary<string, int> Targets { get; } = new(StringComparer.Ordinal);
    }
}
