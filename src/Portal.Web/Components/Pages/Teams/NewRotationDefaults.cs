namespace Portal.Web.Components.Pages.Teams;

/// <summary>What a rotation that does not exist yet starts with: today, and a time zone (both the viewer's).</summary>
internal sealed record NewRotationDefaults(DateOnly Today, string TimeZoneId);
