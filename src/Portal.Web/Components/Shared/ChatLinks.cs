using Microsoft.Extensions.Options;

namespace Portal.Web.Components.Shared;

/// <summary>Turns a team's contact (a <c>#channel</c>, an e-mail address or a web address) into a link, when it can be one.</summary>
public sealed class ChatLinks(IOptions<ChatOptions> options)
{
    public string? For(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact))
        {
            return null;
        }

        var text = contact.Trim();
        if (text.StartsWith('#'))
        {
            return options.Value.ChannelUrl is { Length: > 0 } template
                ? template.Replace("{channel}", Uri.EscapeDataString(text[1..]), StringComparison.Ordinal)
                : null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return uri.ToString();
        }

        return text.Contains('@', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) ? "mailto:" + text : null;
    }
}
