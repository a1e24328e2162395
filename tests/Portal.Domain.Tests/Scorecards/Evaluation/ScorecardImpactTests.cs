using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using Portal.Domain.Scorecards.Framework;
using static Portal.Domain.Tests.Scorecards.ScorecardTestData;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Tests.Scorecards.Evaluation;

/// <summary>
/// After a change of the graph only the services it touches are evaluated again. On hand-made graphs: which ones.
/// On random graphs with random changes: every service left out gives exactly the scorecard it gave before the change,
/// so leaving it out can never keep a stale result.
/// </summary>
public sealed class ScorecardImpactTests
{
    private static readonly InteractionKind[] Kinds =
        [InteractionKind.SyncHttp, InteractionKind.SyncGrpc, InteractionKind.AsyncEvent, InteractionKind.SyncHttp];

    /// <summary>checkout → cart → pricing, search → pricing; ledger and invoices both write the billing database; audit alone.</summary>
    private static Model Shop()
    {
        var m = new Model();
        foreach (var (name, team) in new[] { ("checkout", "team-a"), ("cart", "team-a"), ("pricing", "team-b"), ("search", "team-c"), ("ledger", "team-d"), ("invoices", "team-d"), ("audit", "team-e") })
        {
            m.Nodes.Add(new Node(name, NodeKind.Service, team));
        }

        m.Nodes.Add(new Node("resource:billing", NodeKind.Resource, "team-d"));
        m.Edges.Add(new Link("checkout", "cart", InteractionKind.SyncHttp, TimeoutMs: 500));
        m.Edges.Add(new Link("cart", "pricing", InteractionKind.SyncHttp, TimeoutMs: 200));
        m.Edges.Add(new Link("search", "pricing", InteractionKind.SyncGrpc, TimeoutMs: 100));
        m.Edges.Add(new Link("ledger", "resource:billing", InteractionKind.SharedDatabase, Access: ResourceAccess.Write));
        m.Edges.Add(new Link("invoices", "resource:billing", InteractionKind.SharedDatabase, Access: ResourceAccess.Write));
        return m;
    }

    private static HashSet<string> Touched(Model before, Model after) =>
        ScorecardImpact.TouchedByGraph(before.Prepare(), after.Prepare());

    [Fact]
    public void TouchedByGraph_NothingChanged_TouchesNothing()
    {
        Assert.Empty(Touched(Shop(), Shop()));
    }

    [Fact]
    public void TouchedByGraph_CallAdded_TouchesTheCallerWhatReachesItAndItsCallees()
    {
        var after = Shop();
        after.Edges.Add(new Link("cart", "audit", InteractionKind.SyncHttp));

        Assert.Equal(["audit", "cart", "checkout", "pricing"], Touched(Shop(), after).Order());
    }

    [Fact]
    public void TouchedByGraph_TimeoutChangedDeepDown_TouchesEveryoneAboveAndTheCallee()
    {
        var after = Shop();
        after.Edges[1] = after.Edges[1] with { TimeoutMs = 900 };

        Assert.Equal(["cart", "checkout", "pricing"], Touched(Shop(), after).Order());
    }

    [Fact]
    public void TouchedByGraph_WriterChangesTeam_TouchesTheOtherWritersOfItsDatabase()
    {
        var after = Shop();
        after.Nodes[4] = after.Nodes[4] with { Owner = "team-x" };

        Assert.Equal(["invoices", "ledger"], Touched(Shop(), after).Order());
    }

    [Fact]
    public void TouchedByGraph_ServiceRemoved_TouchesWhatCalledIt()
    {
        var after = Shop();
        after.Nodes.RemoveAll(n => n.Name == "pricing");
        after.Edges.RemoveAll(e => e.To == "pricing");

        Assert.Equal(["cart", "checkout", "search"], Touched(Shop(), after).Order());
    }

    [Fact]
    public void TouchedByGraph_CalleeDeprecated_TouchesItsCallers()
    {
        var after = Shop();
        after.Lifecycles["pricing"] = Lifecycle.Deprecated;

        Assert.Equal(["cart", "checkout", "pricing", "search"], Touched(Shop(), after).Order());
    }

    [Fact]
    public void SameFacts_EqualLinksInAnotherList_AreTheSameButAChangedLinkIsNot()
    {
        var facts = Service("checkout", links: [new ServiceLink("https://runbooks.example.com/checkout", "Runbook", "runbook")]);

        Assert.True(ScorecardImpact.SameFacts(facts, facts with { Links = [new ServiceLink("https://runbooks.example.com/checkout", "Runbook", "runbook")] }));
        Assert.False(ScorecardImpact.SameFacts(facts, facts with { Links = [new ServiceLink("https://runbooks.example.com/checkout", "Runbook", "dashboard")] }));
        Assert.False(ScorecardImpact.SameFacts(facts, facts with { OnCall = new OnCallFacts(1, 1, 2, 2) }));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TouchedByGraph_RandomChange_EveryServiceLeftOutKeepsItsScorecard(int seed)
    {
        var random = new Random(seed);
        var before = RandomModel(random);
        var after = before.Copy();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            Change(after, random);
        }

        var (old, now) = (before.Prepare(), after.Prepare());
        var touched = ScorecardImpact.TouchedByGraph(old, now);

        var framework = FrameworkYaml.Default;
        var untouched = after.Nodes.Where(n => n.Kind == NodeKind.Service && before.Nodes.Any(b => b.Name == n.Name) && !touched.Contains(n.Name)).ToList();
        foreach (var node in untouched)
        {
            var facts = Service(node.Name, owner: Team(node.Owner ?? "team-0"), lifecycle: after.Lifecycles.GetValueOrDefault(node.Name, Lifecycle.Production));
            var was = ScorecardEvaluator.Evaluate(framework, facts, old, ServiceInputs.None, Now);
            var isNow = ScorecardEvaluator.Evaluate(framework, facts, now, ServiceInputs.None, Now);

            Assert.Equal(was.Results, isNow.Results);
        }
    }

    private static Model RandomModel(Random random)
    {
        var m = new Model();
        var services = random.Next(3, 30);
        for (var i = 0; i < services; i++)
        {
            m.Nodes.Add(new Node($"svc-{i:D2}", NodeKind.Service, "team-" + random.Next(3)));
            if (random.Next(6) == 0)
            {
                m.Lifecycles[$"svc-{i:D2}"] = Lifecycle.Deprecated;
            }
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            m.Nodes.Add(new Node($"resource:db-{i}", NodeKind.Resource, "team-" + random.Next(3)));
        }

        for (var i = random.Next(services, services * 3); i > 0; i--)
        {
            m.Edges.Add(RandomLink(m, random));
        }

        return m;
    }

    private static Link RandomLink(Model m, Random random)
    {
        var services = m.Nodes.Where(n => n.Kind == NodeKind.Service).ToList();
        var resources = m.Nodes.Where(n => n.Kind == NodeKind.Resource).ToList();
        var from = services[random.Next(services.Count)].Name;
        if (resources.Count > 0 && random.Next(4) == 0)
        {
            return new Link(from, resources[random.Next(resources.Count)].Name, InteractionKind.SharedDatabase, Access: (ResourceAccess)random.Next(3));
        }

        return new Link(from, services[random.Next(services.Count)].Name, Kinds[random.Next(Kinds.Length)],
            random.Next(3) == 0 ? null : random.Next(1, 20) * 100, random.Next(4) == 0 ? random.Next(0, 6) : null, random.Next(2) == 0, random.Next(3) == 0, random.Next(3) == 0);
    }

    /// <summary>One random change: a call added, removed or retuned, a team or lifecycle changed, a service added or removed.</summary>
    private static void Change(Model m, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
                m.Edges.Add(RandomLink(m, random));
                break;
            case 1 when m.Edges.Count > 0:
                m.Edges.RemoveAt(random.Next(m.Edges.Count));
                break;
            case 2 when m.Edges.Count > 0:
                var i = random.Next(m.Edges.Count);
                m.Edges[i] = m.Edges[i] with { TimeoutMs = random.Next(1, 30) * 100, Retries = random.Next(0, 5), Fallback = random.Next(2) == 0 };
                break;
            case 3:
                var n = random.Next(m.Nodes.Count);
                m.Nodes[n] = m.Nodes[n] with { Owner = "team-" + random.Next(4) };
                break;
            case 4:
                var s = m.Nodes[random.Next(m.Nodes.Count)].Name;
                m.Lifecycles[s] = m.Lifecycles.GetValueOrDefault(s, Lifecycle.Production) == Lifecycle.Deprecated ? Lifecycle.Production : Lifecycle.Deprecated;
                break;
            case 5:
                var added = $"svc-new-{m.Nodes.Count}";
                m.Nodes.Add(new Node(added, NodeKind.Service, "team-1"));
                m.Edges.Add(new Link(added, m.Nodes[random.Next(m.Nodes.Count)].Name, InteractionKind.SyncHttp));
                break;
            default:
                var gone = m.Nodes[random.Next(m.Nodes.Count)].Name;
                m.Nodes.RemoveAll(x => x.Name == gone);
                m.Edges.RemoveAll(e => e.From == gone || e.To == gone);
                break;
        }
    }

    private sealed record Node(string Name, NodeKind Kind, string? Owner);

    private sealed record Link(
        string From, string To, InteractionKind Kind, int? TimeoutMs = null, int? Retries = null, bool? Backoff = null, bool? CircuitBreaker = null, bool? Fallback = null,
        ResourceAccess? Access = null);

    /// <summary>A graph as plain lists, so a test can change it and build it again.</summary>
    private sealed class Model
    {
        public List<Node> Nodes { get; } = [];

        public List<Link> Edges { get; } = [];

        public Dictionary<string, Lifecycle> Lifecycles { get; } = new(StringComparer.Ordinal);

        public Model Copy()
        {
            var copy = new Model();
            copy.Nodes.AddRange(Nodes);
            copy.Edges.AddRange(Edges);
            foreach (var (k, v) in Lifecycles)
            {
                copy.Lifecycles[k] = v;
            }

            return copy;
        }

        public ScorecardGraph Prepare()
        {
            var builder = new DependencyGraphBuilder();
            foreach (var node in Nodes)
            {
                if (node.Kind == NodeKind.Service)
                {
                    builder.Service(node.Name, ownerTeam: node.Owner);
                }
                else
                {
                    builder.Resource(node.Name, ownerTeam: node.Owner);
                }
            }

            foreach (var e in Edges)
            {
                builder.Edge(e.From, e.To, e.Kind, e.TimeoutMs, e.Retries, e.Backoff, e.CircuitBreaker, e.Fallback, access: e.Access);
            }

            return new ScorecardGraph(builder.Build(), Lifecycles);
        }
    }
}
