using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Queries;
using Portal.Web.Components.Layout;
using Portal.Web.Components.Pages.Teams;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>Times in the viewer's zone, always labelled; the rotation's zone beside it where it differs.</summary>
public sealed class ViewerTimeTests : BunitContext
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Monday 7 December 2026, 06:00 UTC: 07:00 in Berlin (winter time).</summary>
    private static readonly DateTimeOffset SixUtc = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FormatLabelled_Berlin_WritesLocalTimeAndZone()
    {
        Assert.Equal("Mon 7 Dec 07:00 Berlin time", ViewerTime.FormatLabelled(SixUtc, Berlin));
        Assert.Equal("Mon 7 Dec 06:00 UTC", ViewerTime.FormatLabelled(SixUtc, TimeZoneInfo.Utc));
        Assert.Equal("New York time", ViewerTime.Label("America/New_York"));
    }

    [Fact]
    public void TryFromInput_BerlinLocalTime_IsTheRightInstant()
    {
        Assert.True(ViewerTime.TryFromInput("2026-12-07T07:00", Berlin, out var instant));
        Assert.Equal(SixUtc, instant);
        Assert.False(ViewerTime.TryFromInput("tomorrow", Berlin, out _));
    }

    [Fact]
    public void LocalTime_ViewerInBerlinRotationInUtc_ShowsBothLabelled()
    {
        var viewer = new ViewerContext();
        viewer.Initialize(new ViewerSettings(ThemeChoice.System, false, BrowserTimeZone: "Europe/Berlin"));
        Services.AddSingleton(viewer);

        var time = Render<LocalTime>(p => p.Add(x => x.At, SixUtc).Add(x => x.AlsoIn, "UTC"));

        Assert.Equal("Mon 7 Dec 07:00 Berlin time (06:00 UTC)", time.Find("time").TextContent);
        Assert.Equal("2026-12-07T06:00:00Z", time.Find("time").GetAttribute("datetime"));
    }

    [Fact]
    public void LocalTime_ViewerChangesZone_RendersAgain()
    {
        var viewer = new ViewerContext();
        Services.AddSingleton(viewer);
        var time = Render<LocalTime>(p => p.Add(x => x.At, SixUtc));
        Assert.Equal("Mon 7 Dec 06:00 UTC", time.Find("time").TextContent);

        viewer.Update(viewer.Settings with { ChosenTimeZone = "Europe/Berlin" });

        time.WaitForAssertion(() => Assert.Equal("Mon 7 Dec 07:00 Berlin time", time.Find("time").TextContent));
    }

    [Fact]
    public void FromCookies_UnknownZone_FallsBackToUtc()
    {
        var settings = ViewerSettings.FromCookies(name => name == ViewerSettings.BrowserTimeZoneCookie ? "Mars/Olympus_Mons" : null);

        Assert.Equal("UTC", settings.TimeZoneId);
    }

    [Fact]
    public void OverrideCheck_Overlap_NamesThePersonAndLocalTimesAndSuggestsAFix()
    {
        var diego = new OverrideDto(Guid.NewGuid(), new OnCallPersonDto("diego.alvarez", "default", "Diego Alvarez"),
            new DateTime(2026, 12, 7, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 9, 6, 0, 0, DateTimeKind.Utc));

        var problem = OverrideCheck.Problem([diego], SixUtc.AddHours(12), SixUtc.AddHours(16), Berlin);

        Assert.Equal(
            "Diego Alvarez already covers from Mon 7 Dec 07:00 to Wed 9 Dec 07:00 Berlin time, which overlaps the time you chose. "
            + "Start at or after Wed 9 Dec 07:00, end by Mon 7 Dec 07:00, or remove Diego Alvarez's override first.",
            problem);
        Assert.Null(OverrideCheck.Problem([diego], SixUtc.AddDays(2), SixUtc.AddDays(3), Berlin));
        Assert.StartsWith("The override has to end after it starts", OverrideCheck.Problem([], SixUtc, SixUtc, Berlin), StringComparison.Ordinal);
    }

    [Fact]
    public void OverrideCheck_Saved_ConfirmsWhoAndWhenInLocalTime()
    {
        Assert.Equal("Saved: Tomás Reyes covers the primary rotation from Mon 7 Dec 19:00 to Mon 7 Dec 23:00 Berlin time.",
            OverrideCheck.Saved("Tomás Reyes", OnCallLevel.Primary, SixUtc.AddHours(12), SixUtc.AddHours(16), Berlin));
    }
}
