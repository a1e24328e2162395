using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>
/// Shortens text without breaking a character: a cut lands between text elements (what people see as one character:
/// an emoji, a letter with its accents), never inside a UTF-16 surrogate pair. A lone half of a pair is not valid
/// Unicode, and PostgreSQL's driver refuses to send it (<c>EncoderFallbackException</c>), so every length cap on text
/// that came from outside goes through here.
/// </summary>
public static class TextCut
{
    /// <summary>The marker <see cref="Shorten"/> puts where text was cut.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// The longest start of <paramref name="text"/> that is at most <paramref name="maxLength"/> UTF-16 units and ends
    /// on a text-element boundary; <paramref name="text"/> itself when it fits. When one text element is longer than
    /// the whole cap (thousands of combining marks), the cut falls on the last whole code point instead.
    /// </summary>
    public static string Prefix(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        var span = text.AsSpan();
        while (end < maxLength)
        {
            var next = StringInfo.GetNextTextElementLength(span[end..]);
            if (next == 0 || end + next > maxLength)
            {
                break;
            }

            end += next;
        }

        if (end == 0 && maxLength > 0)
        {
            end = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        }

        return text[..end];
    }

    /// <summary>
    /// <paramref name="text"/> when it is at most <paramref name="maxLength"/> long; otherwise its start (cut on a
    /// text-element boundary, trailing spaces dropped) followed by <paramref name="marker"/>, at most
    /// <paramref name="maxLength"/> in all.
    /// </summary>
    public static string Shorten(string text, int maxLength, string marker = Ellipsis)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(marker);
        return text.Length <= maxLength ? text : Prefix(text, Math.Max(0, maxLength - marker.Length)).TrimEnd() + marker;
    }
}
