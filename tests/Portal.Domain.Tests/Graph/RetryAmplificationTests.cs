using Portal.Domain.Catalog;
using Portal.Domain.Graph;
using static Portal.Domain.Tests.Graph.GraphTestData;

namespace Portal.Domain.Tests.Graph;

public class RetryAmplificationTests
{
    [Fact]
    public void RetryAmplification_ThreeHopsOfThreeRetries_Is64AtTheBottomOnly()
    {
        var g = Services("a", "b", "c", "d").Edge("a", "b", retries: 3).Edge("b", "c", retries: 3).Edge("c", "d", retries: 3).Build();

        var path = Assert.Single(GraphAnalysis.RetryAmplification(g));

        Assert.Equal(64, path.Factor);
        Assert.Equal(["a", "b", "c", "d"], path.Path);
        Assert.Contains("One request to a can become 64 requests at d", path.Summary);
    }

    [Fact]
    public void RetryAmplification_NoRetriesDeclared_ReturnsNothing()
    {
        var g = Services("a", "b", "c").Edge("a", "b").Edge("b", "c", retries: 0).Build();

        Assert.Empty(GraphAnalysis.RetryAmplification(g));
    }

    [Fact]
    public void RetryAmplification_AsyncEdge_DoesNotMultiply()
    {
        var g = Services("a", "b").Edge("a", "b", InteractionKind.AsyncQueue, retries: 5).Build();

        Assert.Empty(GraphAnalysis.RetryAmplification(g));
    }

    [Fact]
    public void RetryAmplification_TwoBranches_LargestFactorFirst()
    {
        var g = Services("a", "b", "c").Edge("a", "c", retries: 1).Edge("a", "b", retries: 3).Build();

        var paths = GraphAnalysis.RetryAmplification(g);

        Assert.Equal([("b", 4d), ("c", 2d)], paths.Select(p => (p.Bottom, p.Factor)));
    }

    [Fact]
    public void RetryAmplification_RetriesWithoutBackoff_RemedyNamesThem()
    {
        var g = Services("a", "b", "c").Edge("a", "b", retries: 2, backoff: true).Edge("b", "c", retries: 2).Build();

        var path = Assert.Single(GraphAnalysis.RetryAmplification(g));

        Assert.Contains("without declared backoff: b → c.", path.Remedy);
    }

    [Fact]
    public void RetryAmplification_TopK_LimitsResults()
    {
        var g = Services("a", "b", "c", "d").Edge("a", "b", retries: 1).Edge("a", "c", retries: 2).Edge("a", "d", retries: 3).Build();

        Assert.Equal(["d"], GraphAnalysis.RetryAmplification(g, topK: 1).Select(p => p.Bottom));
    }

    [Fact]
    public void RetryAmplification_FactorBeyondDoubleRange_IsCappedAndFinite()
    {
        var builder = new DependencyGraphBuilder();
        for (var i = 0; i <= 300; i++)
        {
            builder.Service($"s{i}");
        }

        for (var i = 0; i < 300; i++)
        {
            builder.Edge($"s{i}", $"s{i + 1}", retries: 20); // 21^300 ≈ 10^396
        }

        var path = Assert.Single(GraphAnalysis.RetryAmplification(builder.Build()));

        Assert.Equal(double.MaxValue, path.Factor);
    }
}
