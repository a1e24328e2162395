using Portal.Domain.Catalog;
using Portal.Domain.Graph;

namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>No database the service uses is written by a service of another team.</summary>
    public static AutomaticCheck NoForeignWriters { get; } = Check(
        "no-foreign-writers",
        "No database the service uses is also written by a service of another team (undeclared access counts as a possible write).",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            if (c.Service.Owner.TeamRef is not { } team)
            {
                return CheckOutcome.Unknown("The service has no owner team in the catalog, so other teams' writers cannot be told apart.", c.Service.CatalogAsOf);
            }

            var g = c.Graph.Graph;
            var problems = new List<string>();
            var databases = 0;
            foreach (var r in DatabasesUsed(g, c.Node))
            {
                databases++;
                var foreign = new SortedSet<string>(StringComparer.Ordinal);
                var edges = g.IncomingEdges(r);
                var callers = g.Callers(r);
                for (var i = 0; i < edges.Length; i++)
                {
                    var writer = g.Nodes[callers[i]];
                    if (callers[i] != c.Node && MayWrite(g.Edges[edges[i]]) && writer.OwnerTeam != team)
                    {
                        foreign.Add($"{writer.Ref} ({writer.OwnerTeam ?? "no owner"})");
                    }
                }

                if (foreign.Count > 0)
                {
                    problems.Add($"{g.Nodes[r].Ref} is also written by {Names(foreign)}");
                }
            }

            if (databases == 0)
            {
                return CheckOutcome.Pass("Uses no shared database.", c.Service.CatalogAsOf);
            }

            return problems.Count == 0
                ? CheckOutcome.Pass(Invariant($"No other team writes the {Plural(databases, "database", "databases")} it uses."), c.Service.CatalogAsOf)
                : CheckOutcome.Fail(string.Join("; ", problems) + ".", c.Service.CatalogAsOf);
        });

    /// <summary>Every database the service writes belongs to the service's own team.</summary>
    public static AutomaticCheck WritesOwnData { get; } = Check(
        "writes-own-data",
        "Every database the service writes is owned by the service's own team.",
        c =>
        {
            if (c.Node < 0)
            {
                return NotInGraph(c);
            }

            if (c.Service.Owner.TeamRef is not { } team)
            {
                return CheckOutcome.Unknown("The service has no owner team in the catalog, so whose data it writes cannot be told.", c.Service.CatalogAsOf);
            }

            var g = c.Graph.Graph;
            var written = new List<string>();
            var foreign = new List<string>();
            foreach (var e in g.OutgoingEdges(c.Node))
            {
                var edge = g.Edges[e];
                var target = g.Nodes[edge.To];
                if (target.Kind == NodeKind.Resource && edge.Kind == InteractionKind.SharedDatabase && MayWrite(edge) && !written.Contains(target.Ref))
                {
                    written.Add(target.Ref);
                    if (target.OwnerTeam != team)
                    {
                        foreign.Add($"{target.Ref} (owned by {target.OwnerTeam ?? "nobody"})");
                    }
                }
            }

            if (written.Count == 0)
            {
                return CheckOutcome.Pass("Writes no database.", c.Service.CatalogAsOf);
            }

            return foreign.Count == 0
                ? CheckOutcome.Pass($"Writes only its team's data: {Names(written)}.", c.Service.CatalogAsOf)
                : CheckOutcome.Fail($"Writes data another team owns: {Names(foreign)}.", c.Service.CatalogAsOf);
        });

    private static List<int> DatabasesUsed(DependencyGraph g, int node)
    {
        var used = new List<int>();
        foreach (var e in g.OutgoingEdges(node))
        {
            var edge = g.Edges[e];
            if (edge.Kind == InteractionKind.SharedDatabase && !g.IsService(edge.To) && !used.Contains(edge.To))
            {
                used.Add(edge.To);
            }
        }

        return used;
    }

    private static bool MayWrite(GraphEdge edge) =>
        edge.Kind == InteractionKind.SharedDatabase && edge.Access is null or ResourceAccess.Write or ResourceAccess.ReadWrite;
}
