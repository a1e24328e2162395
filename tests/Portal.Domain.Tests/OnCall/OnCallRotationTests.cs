using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.OnCall;

namespace Portal.Domain.Tests.OnCall;

public class OnCallRotationTests
{
    private static readonly Person Ada = new("ada", "Ada Lovelace");
    private static readonly Person Bob = new("bob");
    private static readonly Person Cy = new("cy", ns: "ops");

    private static OnCallRotation Weekly() =>
        OnCallRotation.Create(new Team("payments"), OnCallLevel.Primary, "Payments primary", 1, ShiftUnit.Weeks, new TimeOnly(9, 0), "Europe/Berlin", new DateOnly(2026, 1, 5));

    private static DateTime Utc(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Constructor_UnknownTimeZone_ThrowsNamingTimeZone()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => new OnCallRotation(new Team("payments"), OnCallLevel.Primary, "Primary", 7, new TimeOnly(9, 0), "Europe/Atlantis", new DateOnly(2026, 1, 5)));

        Assert.Equal("timeZone", ex.Field);
        Assert.Contains("Europe/Atlantis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_IanaTimeZone_IsStoredAsGiven()
    {
        var rotation = new OnCallRotation(new Team("payments"), OnCallLevel.Secondary, "Secondary", 1, new TimeOnly(9, 0), "America/New_York", new DateOnly(2026, 1, 5));

        Assert.Equal("America/New_York", rotation.TimeZoneId);
    }

    [Fact]
    public void Create_TwoWeeks_StoresFourteenDays()
    {
        var rotation = OnCallRotation.Create(new Team("payments"), OnCallLevel.Primary, "Primary", 2, ShiftUnit.Weeks, new TimeOnly(9, 0), "UTC", new DateOnly(2026, 1, 5));

        Assert.Equal(14, rotation.ShiftLengthDays);
    }

    [Fact]
    public void Create_FiveWeeks_ThrowsNamingShiftLength()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => OnCallRotation.Create(new Team("payments"), OnCallLevel.Primary, "Primary", 5, ShiftUnit.Weeks, new TimeOnly(9, 0), "UTC", new DateOnly(2026, 1, 5)));

        Assert.Equal("shiftLength", ex.Field);
    }

    [Fact]
    public void SetShift_ZeroDays_ThrowsNamingShiftLength()
    {
        var rotation = Weekly();

        var ex = Assert.Throws<DomainValidationException>(() => rotation.SetShift(0, new TimeOnly(9, 0), "UTC", new DateOnly(2026, 1, 5)));

        Assert.Equal("shiftLength", ex.Field);
        Assert.Equal(7, rotation.ShiftLengthDays);
    }

    [Fact]
    public void SetParticipants_GivenOrder_IsTheTurnOrderOfThePlan()
    {
        var rotation = Weekly();

        rotation.SetParticipants([Bob, Cy, Ada]);

        Assert.Equal(["bob", "ops/cy", "ada"], rotation.ToPlan().Participants);
    }

    [Fact]
    public void SetParticipants_ShorterList_DropsTheRest()
    {
        var rotation = Weekly();
        rotation.SetParticipants([Ada, Bob, Cy]);

        rotation.SetParticipants([Cy]);

        Assert.Equal(["ops/cy"], rotation.ToPlan().Participants);
        Assert.Single(rotation.Participants);
    }

    [Fact]
    public void ToPlan_Rotation_CarriesShiftSettings()
    {
        var plan = Weekly().ToPlan();

        Assert.Equal((7, new TimeOnly(9, 0), "Europe/Berlin", new DateOnly(2026, 1, 5)), (plan.ShiftLengthDays, plan.HandoffTime, plan.TimeZoneId, plan.StartDate));
    }

    [Fact]
    public void AddOverride_OverlapsExisting_ThrowsNamingBothWindows()
    {
        var rotation = Weekly();
        rotation.AddOverride(Ada, Utc(1, 7), Utc(1, 8));

        var ex = Assert.Throws<DomainValidationException>(() => rotation.AddOverride(Bob, Utc(1, 7, 18), Utc(1, 9)));

        Assert.Equal("override", ex.Field);
        Assert.Contains("bob [2026-01-07 18:00:00Z, 2026-01-09 00:00:00Z)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ada [2026-01-07 00:00:00Z, 2026-01-08 00:00:00Z)", ex.Message, StringComparison.Ordinal);
        Assert.Single(rotation.Overrides);
    }

    [Fact]
    public void AddOverride_InsideExisting_IsRejected()
    {
        var rotation = Weekly();
        rotation.AddOverride(Ada, Utc(1, 7), Utc(1, 10));

        Assert.Throws<DomainValidationException>(() => rotation.AddOverride(Bob, Utc(1, 8), Utc(1, 9)));
    }

    [Fact]
    public void AddOverride_AdjacentToExisting_IsAccepted()
    {
        var rotation = Weekly();
        rotation.AddOverride(Ada, Utc(1, 7), Utc(1, 8));

        rotation.AddOverride(Bob, Utc(1, 8), Utc(1, 9));

        Assert.Equal(["ada", "bob"], rotation.OverridePlans().Select(o => o.PersonName));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(7)]
    public void AddOverride_EndNotAfterStart_IsRejected(int endDay)
    {
        var rotation = Weekly();

        var ex = Assert.Throws<DomainValidationException>(() => rotation.AddOverride(Ada, Utc(1, 8), Utc(1, endDay)));

        Assert.Equal("override", ex.Field);
    }

    [Fact]
    public void AddOverride_UnspecifiedKind_IsTakenAsUtc()
    {
        var rotation = Weekly();

        var added = rotation.AddOverride(Ada, new DateTime(2026, 1, 7, 0, 0, 0, DateTimeKind.Unspecified), Utc(1, 8));

        Assert.Equal((DateTimeKind.Utc, Utc(1, 7)), (added.StartUtc.Kind, added.StartUtc));
    }

    [Fact]
    public void RemoveOverride_KnownId_FreesItsWindow()
    {
        var rotation = Weekly();
        var added = rotation.AddOverride(Ada, Utc(1, 7), Utc(1, 8));

        Assert.True(rotation.RemoveOverride(added.Id));

        rotation.AddOverride(Bob, Utc(1, 7), Utc(1, 8));
        Assert.Equal(["bob"], rotation.OverridePlans().Select(o => o.PersonName));
    }

    [Fact]
    public void RemoveOverride_UnknownId_ReturnsFalse() => Assert.False(Weekly().RemoveOverride(Guid.NewGuid()));

    [Fact]
    public void LinkExternalSchedule_PagerDuty_LinksToSchedulePage()
    {
        var rotation = Weekly();

        rotation.LinkExternalSchedule(ExternalScheduleProvider.PagerDuty, "PABC123");

        Assert.Equal("https://app.pagerduty.com/schedules/PABC123", rotation.ExternalScheduleUrl());
    }

    [Fact]
    public void LinkExternalSchedule_AccountSubdomainAndEuSite_UsedInLinks()
    {
        var links = new ExternalScheduleLinks { PagerDutySubdomain = "acme", OpsgenieUrl = new Uri("https://app.eu.opsgenie.com/") };

        Assert.Equal("https://acme.pagerduty.com/schedules/PABC123", OnCallRotation.ScheduleUrl(ExternalScheduleProvider.PagerDuty, "PABC123", links));
        Assert.Equal("https://app.eu.opsgenie.com/schedule/whoisoncall/abc", OnCallRotation.ScheduleUrl(ExternalScheduleProvider.Opsgenie, "abc", links));
    }

    [Fact]
    public void LinkExternalSchedule_Opsgenie_LinksToWhoIsOnCallPage()
    {
        var rotation = Weekly();

        rotation.LinkExternalSchedule(ExternalScheduleProvider.Opsgenie, "4f8a1c2e-9b7d-4e3f-8a21-0c5d6e7f8a9b");

        Assert.Equal("https://app.opsgenie.com/schedule/whoisoncall/4f8a1c2e-9b7d-4e3f-8a21-0c5d6e7f8a9b", rotation.ExternalScheduleUrl());
    }

    [Fact]
    public void LinkExternalSchedule_None_RemovesLink()
    {
        var rotation = Weekly();
        rotation.LinkExternalSchedule(ExternalScheduleProvider.PagerDuty, "PABC123");

        rotation.LinkExternalSchedule(ExternalScheduleProvider.None, null);

        Assert.Equal(ExternalScheduleProvider.None, rotation.ExternalScheduleProvider);
        Assert.Null(rotation.ExternalScheduleId);
        Assert.Null(rotation.ExternalScheduleUrl());
    }

    [Theory]
    [InlineData("../admin")]
    [InlineData("P1?x=y")]
    [InlineData("")]
    public void LinkExternalSchedule_IdThatIsNotAnId_IsRejected(string id)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Weekly().LinkExternalSchedule(ExternalScheduleProvider.PagerDuty, id));

        Assert.Equal("externalSchedule", ex.Field);
    }

    [Fact]
    public void Rename_Blank_IsRejected() =>
        Assert.Equal("name", Assert.Throws<DomainValidationException>(() => Weekly().Rename(" ")).Field);
}
