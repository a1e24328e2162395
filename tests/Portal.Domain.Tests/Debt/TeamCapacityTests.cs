using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Debt;

namespace Portal.Domain.Tests.Debt;

public sealed class TeamCapacityTests
{
    [Theory]
    [InlineData(-1, 60, 20, "people")]
    [InlineData(double.NaN, 60, 20, "people")]
    [InlineData(5, -1, 20, "workingDays")]
    [InlineData(5, 91, 20, "workingDays")]
    [InlineData(5, 60, 101, "debtSharePercent")]
    [InlineData(5, 60, -0.1, "debtSharePercent")]
    public void Constructor_OutOfRange_NamesTheField(double people, int days, double share, string field)
    {
        var ex = Assert.Throws<DomainValidationException>(() =>
            new TeamCapacity(new Team("web"), new Quarter(2027, 1), people, days, share, DebtAllocationMode.EverySprint, "ada"));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Constructor_AllDaysOfTheQuarter_IsAllowed()
    {
        var c = new TeamCapacity(new Team("web"), new Quarter(2027, 1), 2.5, 90, 20, DebtAllocationMode.DedicatedSprint, "ada");

        Assert.Equal(("2027-Q1", 2.5, 90, DebtAllocationMode.DedicatedSprint), (c.Quarter, c.People, c.WorkingDays, c.Mode));
    }

    [Theory]
    [InlineData(2027, 1, 90, 64)]
    [InlineData(2026, 4, 92, 66)]
    public void Quarter_DaysAndWeekdays_AreCounted(int year, int number, int days, int weekdays)
    {
        var q = new Quarter(year, number);

        Assert.Equal((days, weekdays), (q.Days, q.Weekdays));
    }
}
