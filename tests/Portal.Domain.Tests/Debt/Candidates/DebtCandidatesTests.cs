using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Candidates;
using Portal.Domain.Graph;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Debt.Candidates;

public class DebtCandidatesTests
{
    /// <summary>
    /// A graph with one of each finding: a synchronous cycle (cart ⇄ pricing), a single point of failure (auth, called by
    /// three services), a chain web → api → orders → stock → warehouse with retries multiplying and a timeout inversion
    /// (api gives orders 100 ms, orders may spend 3 × 500 ms on stock), and a database two teams write to.
    /// </summary>
    private static DependencyGraphBuilder Shop(DependencyGraphBuilder? builder = null) =>
        (builder ?? new DependencyGraphBuilder())
            .Service("web", ownerTeam: "frontend", tier: 2)
            .Service("api", ownerTeam: "platform", tier: 1)
            .Service("orders", ownerTeam: "orders-team", tier: 1)
            .Service("stock", ownerTeam: "orders-team", tier: 2)
            .Service("warehouse", "Warehouse", ownerTeam: "orders-team")
            .Service("auth", "Auth", ownerTeam: "platform", tier: 1)
            .Service("cart", ownerTeam: "frontend")
            .Service("pricing", ownerTeam: "orders-team")
            .Resource("resource:shop-db", "Shop DB", ownerTeam: "platform")
            .Edge("web", "api", timeoutMs: 2000, retries: 2)
            .Edge("api", "orders", timeoutMs: 100, retries: 2)
            .Edge("orders", "stock", timeoutMs: 500, retries: 2)
            .Edge("stock", "warehouse", timeoutMs: 200)
            .Edge("web", "auth").Edge("api", "auth").Edge("orders", "auth")
            .Edge("cart", "pricing").Edge("pricing", "cart")
            .Uses("orders", "resource:shop-db", ResourceAccess.ReadWrite)
            .Uses("cart", "resource:shop-db", ResourceAccess.ReadWrite);

    private static IReadOnlyList<DebtCandidate> CandidatesOf(DependencyGraph graph, IReadOnlyList<OwnershipFindingDto>? ownership = null) =>
        DebtCandidates.From(graph, GraphAnalysis.Analyze(graph), ownership ?? []);

    [Fact]
    public void From_GraphWithEachFinding_SuggestsEachKind()
    {
        var candidates = CandidatesOf(Shop().Build());

        var origins = candidates.Select(c => c.Origin).ToHashSet();
        Assert.Superset(
            new HashSet<DebtCandidateOrigin>
            {
                DebtCandidateOrigin.Cycle, DebtCandidateOrigin.SinglePointOfFailure, DebtCandidateOrigin.SyncChain,
                DebtCandidateOrigin.RetryAmplification, DebtCandidateOrigin.TimeoutInversion, DebtCandidateOrigin.SharedResource,
            },
            origins);
        Assert.Equal(candidates.Count, candidates.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void From_Chain_NamesItsServicesAsPeopleKnowThem()
    {
        var chain = CandidatesOf(Shop().Build()).First(c => c.Origin == DebtCandidateOrigin.SyncChain && c.Services.Contains("warehouse"));

        Assert.Equal("Warehouse", chain.NameOf("warehouse"));
        Assert.Equal("stock", chain.NameOf("stock"));
        Assert.Equal("not-in-it", chain.NameOf("not-in-it"));
    }

    [Fact]
    public void From_Cycle_NamesItsServicesTheirTeamsAndTheFinding()
    {
        var cycle = Assert.Single(CandidatesOf(Shop().Build()), c => c.Origin == DebtCandidateOrigin.Cycle);

        Assert.Equal(["cart", "pricing"], cycle.Services);
        Assert.Equal(["frontend", "orders-team"], cycle.Teams);
        Assert.Equal(ScalingSignal.CascadingFailures, cycle.Signal);
        Assert.Equal(DebtKind.Architecture, cycle.Kind);
        Assert.Equal("/graph/analysis?kind=cycle", cycle.Link);
        Assert.Contains("cart", cycle.Title, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(cycle.Summary));
        Assert.False(string.IsNullOrWhiteSpace(cycle.Remedy));
    }

    [Fact]
    public void From_SharedDatabase_AffectsItsUsersNotTheResourceAndIncludesTheResourceOwner()
    {
        var shared = Assert.Single(CandidatesOf(Shop().Build()), c => c.Origin == DebtCandidateOrigin.SharedResource);

        Assert.Equal(["cart", "orders"], shared.Services.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("resource:shop-db", shared.Services);
        Assert.Equal(["frontend", "orders-team", "platform"], shared.Teams);
        Assert.Equal(ScalingSignal.DataModel, shared.Signal);
    }

    [Fact]
    public void From_LongChain_NamedByDisplayNamesAndKeyedByRefs()
    {
        var chain = Assert.Single(CandidatesOf(Shop().Build()), c => c.Origin == DebtCandidateOrigin.SyncChain);

        Assert.Equal("graph:chain:web>warehouse", chain.Key);
        Assert.Equal("Shorten the chain of 4 synchronous calls from web to Warehouse", chain.Title);
        Assert.Equal(["web", "api", "orders", "stock", "warehouse"], chain.Services);
    }

    [Fact]
    public void From_ShortChainAndOneRetryingLayer_AreNotSuggested()
    {
        var graph = new DependencyGraphBuilder()
            .Service("a").Service("b").Service("c").Service("d")
            .Edge("a", "b", timeoutMs: 1000, retries: 3).Edge("b", "c", timeoutMs: 1000).Edge("c", "d", timeoutMs: 1000)
            .Build();

        var candidates = CandidatesOf(graph);

        Assert.DoesNotContain(candidates, c => c.Origin is DebtCandidateOrigin.SyncChain or DebtCandidateOrigin.RetryAmplification);
    }

    [Fact]
    public void From_SinglePointOfFailure_AffectsTheServiceItself()
    {
        var spof = Assert.Single(CandidatesOf(Shop().Build()), c => c.Origin == DebtCandidateOrigin.SinglePointOfFailure);

        Assert.Equal("graph:spof:auth", spof.Key);
        Assert.Equal(["auth"], spof.Services);
        Assert.Equal(["platform"], spof.Teams);
    }

    [Fact]
    public void From_UnrelatedServicesAdded_KeysOfEveryFindingStayTheSame()
    {
        var before = CandidatesOf(Shop().Build()).Select(c => c.Key).ToList();

        // New services sorted before and after the old ones, so every node's index moves, with calls of their own.
        var grown = new DependencyGraphBuilder()
            .Service("aaa-new", ownerTeam: "newcomers").Service("aab-new", ownerTeam: "newcomers").Service("zzz-new")
            .Edge("aaa-new", "aab-new");
        var after = CandidatesOf(Shop(grown).Edge("zzz-new", "aab-new").Build()).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(before, key => Assert.Contains(key, after));
    }

    [Fact]
    public void From_SameFindingsTwice_SameCandidatesInTheSameOrder()
    {
        var graph = Shop().Build();

        var first = CandidatesOf(graph);
        var second = CandidatesOf(graph);

        Assert.Equal(first, second, (a, b) => a.Key == b.Key && a.Title == b.Title && a.Services.SequenceEqual(b.Services));
    }

    [Fact]
    public void From_OwnershipFindings_ServiceFindingAffectsTheServiceTeamFindingNamesTheTeam()
    {
        var graph = Shop().Build();
        IReadOnlyList<OwnershipFindingDto> ownership =
        [
            new(OwnershipFindingKind.OverloadedTeam, "platform", "Platform", "team", 0, "Owns 30 services with 2 member(s).", "Split ownership.", "/teams/platform"),
            new(OwnershipFindingKind.OnCallNotOwner, "orders", "Orders", "service", 1, "Pages go to 'ops', but 'orders-team' owns it.", "Move on-call.", "/catalog/orders/edit"),
        ];

        var found = CandidatesOf(graph, ownership).Where(c => c.Origin == DebtCandidateOrigin.Ownership).ToList();

        Assert.Equal(["ownership:OnCallNotOwner:orders", "ownership:OverloadedTeam:platform"], found.Select(c => c.Key));
        Assert.Equal(["orders"], found[0].Services);
        Assert.Equal(["orders-team"], found[0].Teams);
        Assert.Empty(found[1].Services);
        Assert.Equal(["platform"], found[1].Teams);
        Assert.All(found, c => Assert.Equal(ScalingSignal.TeamTopology, c.Signal));
        Assert.Equal("Orders: pages go to 'ops', but 'orders-team' owns it.", found[0].Title);
    }

    [Fact]
    public void From_VeryLongRefs_KeyIsBoundedAndStillDistinct()
    {
        var a = new string('a', 200);
        var b = new string('b', 200);
        var graph = new DependencyGraphBuilder()
            .Service(a + "1").Service(a + "2").Service(b + "1").Service(b + "2")
            .Edge(a + "1", b + "1", timeoutMs: 10).Edge(b + "1", a + "2", timeoutMs: 1000, retries: 3)
            .Edge(a + "2", b + "2", timeoutMs: 10).Edge(b + "2", b + "1", kind: InteractionKind.AsyncEvent)
            .Build();

        var keys = CandidatesOf(graph).Select(c => c.Key).ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.InRange(k.Length, 1, DebtCandidateDismissal.MaxKeyLength));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys, CandidatesOf(graph).Select(c => c.Key));
    }

    [Fact]
    public void Draft_Candidate_FillsTheFormLinksTheFindingAndLeavesEffortToAPerson()
    {
        var cycle = Assert.Single(CandidatesOf(Shop().Build()), c => c.Origin == DebtCandidateOrigin.Cycle);

        var draft = cycle.Draft();

        Assert.Equal(cycle.Key, draft.FindingKey);
        Assert.Equal(cycle.Title, draft.Title);
        Assert.Equal(cycle.Services, draft.Services);
        Assert.Equal((ScalingSignal.CascadingFailures, DebtKind.Architecture, DebtStatus.Proposed), (draft.Signal, draft.Kind, draft.Status));
        Assert.Contains(cycle.Summary, draft.Description, StringComparison.Ordinal);
        Assert.Contains(cycle.Remedy, draft.Description, StringComparison.Ordinal);
        var link = Assert.Single(draft.Links);
        Assert.Equal((DebtLinkKind.GraphFinding, "/graph/analysis?kind=cycle"), (link.Kind, link.Url));
        Assert.Equal(0, draft.EffortDays);
        Assert.Contains(draft.Problems(new DateOnly(2026, 12, 1)), p => p.Field == "effortDays");
        Assert.DoesNotContain(draft.Problems(new DateOnly(2026, 12, 1)), p => p.Field != "effortDays");
    }
}
