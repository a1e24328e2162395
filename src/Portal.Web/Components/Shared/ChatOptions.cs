using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Components.Shared;

/// <summary>
/// Where a team's chat channel opens (section <c>Chat</c>): <c>ChannelUrl</c> is a template with <c>{channel}</c>, the
/// channel's name without its <c>#</c>. Slack: <c>https://acme.slack.com/app_redirect?channel={channel}</c>; Microsoft
/// Teams: a deep link to the team, e.g. <c>https://teams.microsoft.com/l/channel/…/{channel}?groupId=…</c>.
/// </summary>
public sealed class ChatOptions : IValidatableObject
{
    public const string Section = "Chat";

    /// <summary>The template; unset, channels are shown as text.</summary>
    public string? ChannelUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ChannelUrl))
        {
            yield break;
        }

        if (!ChannelUrl.Contains("{channel}", StringComparison.Ordinal))
        {
            yield return new ValidationResult("Chat:ChannelUrl must contain {channel}, where the channel's name goes.", [nameof(ChannelUrl)]);
        }
        else if (!Uri.TryCreate(ChannelUrl.Replace("{channel}", "x", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Chat:ChannelUrl must be an absolute https:// address.", [nameof(ChannelUrl)]);
        }
    }
}
