using Portal.Domain.Debt;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtRiskBandsTests
{
    [Theory]
    [InlineData(0, 0, DebtRiskBand.None)]
    [InlineData(0, 500, DebtRiskBand.None)]
    [InlineData(1, 0, DebtRiskBand.Low)]
    [InlineData(2, 39.9, DebtRiskBand.Low)]
    [InlineData(1, 40, DebtRiskBand.Medium)]
    [InlineData(3, 199.9, DebtRiskBand.Medium)]
    [InlineData(1, 200, DebtRiskBand.High)]
    [InlineData(9, 12_000, DebtRiskBand.High)]
    public void Of_ItemsAndHours_GivesTheBand(int items, double hours, DebtRiskBand expected) =>
        Assert.Equal(expected, DebtRiskBands.Of(items, hours));

    [Fact]
    public void Range_EveryBand_NamesItsHours()
    {
        Assert.Equal("200 h or more per quarter", DebtRiskBands.Range(DebtRiskBand.High));
        Assert.Equal("40 to 200 h per quarter", DebtRiskBands.Range(DebtRiskBand.Medium));
        Assert.Equal("under 40 h per quarter", DebtRiskBands.Range(DebtRiskBand.Low));
        Assert.Equal("no open debt logged", DebtRiskBands.Range(DebtRiskBand.None));
    }
}
