using System.ComponentModel.DataAnnotations;

namespace Portal.Domain.OnCall;

/// <summary>
/// Where external on-call schedules live (section <c>OnCall</c>): a PagerDuty account has its own subdomain
/// (<c>acme.pagerduty.com</c>), Opsgenie has a US and an EU site.
/// </summary>
public sealed class ExternalScheduleLinks
{
    public const string Section = "OnCall";

    /// <summary>The account's subdomain, e.g. <c>acme</c> for acme.pagerduty.com; <c>app</c> works for any signed-in user.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", ErrorMessage = "OnCall:PagerDutySubdomain must be a DNS label such as 'acme'.")]
    public string PagerDutySubdomain { get; set; } = "app";

    /// <summary>Opsgenie's web address: <c>https://app.opsgenie.com</c>, or <c>https://app.eu.opsgenie.com</c> for EU accounts.</summary>
    [Required]
    public Uri OpsgenieUrl { get; set; } = new("https://app.opsgenie.com");
}
