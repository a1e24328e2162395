using Portal.Domain.Graph;
using Portal.Domain.Graph.Queries;
using Portal.Web.Components.Pages.Graph;

namespace Portal.Web.Tests.Components.Pages.Graph;

public sealed class GraphFindingRowsTests
{
    /// <summary>A ring of 60 services, s00 → s01 → … → s59 → s00, analysed as the portal does (lists cut to 50).</summary>
    private static GraphSnapshot Ring()
    {
        var builder = new DependencyGraphBuilder();
        for (var i = 0; i < 60; i++)
        {
            builder.Service($"s{i:00}");
        }

        for (var i = 0; i < 60; i++)
        {
            builder.Edge($"s{i:00}", $"s{(i + 1) % 60:00}");
        }

        return new GraphSnapshot(1, builder.Build(), new AnalysisOptions(MaxListed: GraphService.MaxListed));
    }

    [Fact]
    public void Build_KnotOfSixtyServices_NamesAFewAndCountsTheRest()
    {
        var row = Assert.Single(GraphFindingRows.Build(Ring()), r => r.Kind == GraphFindingKind.Cycle);

        Assert.Equal(GraphFindingRows.MaxSubjects + 1, row.Subjects.Count);
        Assert.Equal(["s00", "s01"], row.Subjects.Take(2).Select(s => s.Label));
        Assert.Equal(new FindingSubject("and 52 more", null), row.Subjects[^1]);
    }

    [Fact]
    public void Find_CycleHighlightOnAMemberNotListed_ShowsALoopOfItsKnot()
    {
        var highlight = GraphHighlights.Find(Ring(), GraphHighlights.Cycle, "s59");

        Assert.NotNull(highlight);
        Assert.StartsWith("Synchronous cycle of 60 services; one loop of 60 shown", highlight.Title, StringComparison.Ordinal);
        Assert.Contains("s59", highlight.Nodes);
        Assert.Equal(60, highlight.Edges.Count);
    }

    [Fact]
    public void Find_BlastRadiusOfAHub_DrawsOnlyTheNearestAndSaysHowManyThereAre()
    {
        // 1,000 services all calling one database service through a layer of 40 gateways: 1,040 impacted.
        var builder = new DependencyGraphBuilder();
        builder.Service("core");
        for (var g = 0; g < 40; g++)
        {
            builder.Service($"gw{g:00}");
            builder.Edge($"gw{g:00}", "core");
        }

        for (var i = 0; i < 1000; i++)
        {
            builder.Service($"app{i:0000}");
            builder.Edge($"app{i:0000}", $"gw{i % 40:00}");
        }

        var snapshot = new GraphSnapshot(1, builder.Build(), new AnalysisOptions(MaxListed: GraphService.MaxListed));

        var highlight = GraphHighlights.Find(snapshot, GraphHighlights.Blast, "core");

        Assert.NotNull(highlight);
        Assert.Contains("1,040 services (the nearest", highlight.Title, StringComparison.Ordinal);
        Assert.InRange(highlight.Nodes.Count, 2, GraphHighlights.MaxBlastDrawn + 1);
        Assert.Contains("gw00", highlight.Nodes);
        Assert.All(highlight.Edges, e => Assert.Contains(e.From, highlight.Nodes));
    }
}
