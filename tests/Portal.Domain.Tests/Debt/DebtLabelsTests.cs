using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtLabelsTests
{
    [Fact]
    public void Read_NoConventionLabels_Defaults()
    {
        var (seed, problems) = DebtLabels.Read(["tech-debt", "bug"]);

        Assert.Equal(new DebtLabelSeed(DebtLabels.DefaultSignal, DebtLabels.DefaultKind, DebtLabels.DefaultQuadrant, 3, 3, 3), seed);
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_EveryConventionLabel_SeedsEveryField()
    {
        var (seed, problems) = DebtLabels.Read(
            ["debt:signal/cascading-failures", "Debt:Kind/Architecture", "debt:quadrant/deliberate-prudent", "debt:likelihood/4", "debt:impact/5", "debt:effort/2.5"]);

        Assert.Equal(new DebtLabelSeed(ScalingSignal.CascadingFailures, DebtKind.Architecture, DebtQuadrant.DeliberatePrudent, 4, 5, 2.5), seed);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("debt:effort/0", "engineer-days")]
    [InlineData("debt:effort/lots", "engineer-days")]
    [InlineData("debt:likelihood/6", "whole number from 1 to 5")]
    [InlineData("debt:signal/speed", "cascading-failures")]
    [InlineData("debt:colour/red", "Portal reads debt:signal")]
    public void Read_UnreadableLabel_ReportedAndDefaultKept(string label, string expected)
    {
        var (seed, problems) = DebtLabels.Read([label]);

        var problem = Assert.Single(problems);
        Assert.Contains(label, problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Equal((DebtLabels.DefaultEffortDays, DebtLabels.DefaultLikelihood, DebtLabels.DefaultSignal), (seed.EffortDays, seed.Likelihood, seed.Signal));
    }
}
