using Portal.Domain.Common;
using Portal.Domain.Debt;

namespace Portal.Domain.Tests.Debt;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026-Q4", 2026, 4)]
    [InlineData("2026q1", 2026, 1)]
    [InlineData(" Q3 2027 ", 2027, 3)]
    public void TryParse_CommonSpellings_AreRead(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, out var q));
        Assert.Equal(new Quarter(year, number), q);
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("26-Q1")]
    [InlineData("next quarter")]
    [InlineData("")]
    public void Parse_Nonsense_NamesTheField(string text) =>
        Assert.Equal("targetQuarter", Assert.Throws<DomainValidationException>(() => Quarter.Parse(text, "targetQuarter")).Field);

    [Fact]
    public void Of_Date_GivesItsQuarterWithStartAndEnd()
    {
        var q = Quarter.Of(new DateOnly(2026, 11, 15));
        Assert.Equal("2026-Q4", q.ToString());
        Assert.Equal(new DateOnly(2026, 10, 1), q.Start);
        Assert.Equal(new DateOnly(2026, 12, 31), q.End);
        Assert.Equal("2027-Q1", q.Next.ToString());
    }
}
