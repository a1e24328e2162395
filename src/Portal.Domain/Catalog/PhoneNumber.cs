using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>
/// Phone numbers as people write them. Portal does not dial, so it keeps the number as typed (spaces and dashes
/// help people read it), but refuses what a phone could not call: letters, too few digits, or a stray symbol.
/// </summary>
public static class PhoneNumber
{
    public const int MaxLength = 40;

    /// <summary>Fewest digits a number can have and still be dialled (an internal extension has a few).</summary>
    public const int MinDigits = 3;

    /// <summary>
    /// The trimmed number with runs of spaces made one, or null for blank. Accepts digits, spaces, <c>+</c> at the start,
    /// <c>-</c>, <c>.</c>, <c>/</c> and brackets; throws <see cref="DomainValidationException"/> naming the problem otherwise.
    /// </summary>
    public static string? Normalise(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var text = string.Join(' ', phone.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > MaxLength)
        {
            throw new DomainValidationException("phone", $"is longer than {MaxLength} characters");
        }

        var digits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '+' && i > 0)
            {
                throw new DomainValidationException("phone", $"'{text}' has a + that is not at the start");
            }
            else if (c is not ('+' or ' ' or '-' or '.' or '/' or '(' or ')'))
            {
                throw new DomainValidationException("phone", $"'{text}' has '{c}', which a phone number cannot hold (digits, spaces, + - . / and brackets only)");
            }
        }

        if (digits < MinDigits)
        {
            throw new DomainValidationException("phone", $"'{text}' has fewer than {MinDigits} digits");
        }

        return text;
    }

    /// <summary>The <c>tel:</c> link for a stored number: the leading + and the digits only (RFC 3966 global form when it starts with +).</summary>
    public static string TelUri(string phone)
    {
        var uri = new StringBuilder("tel:", phone.Length + 4);
        foreach (var c in phone.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && uri.Length == 4))
            {
                uri.Append(c);
            }
        }

        return uri.ToString();
    }
}
