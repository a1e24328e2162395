using System.Globalization;

namespace Portal.Web.Components.Shared;

/// <summary>
/// Reads numbers and flags from a page's address. Addresses are shared and typed by hand, and Blazor throws (taking the
/// circuit down) when a query value bound to an <c>int</c> or <c>bool</c> does not parse; pages therefore bind such
/// values as text and read them here, where anything unreadable counts as absent.
/// </summary>
public static class AddressValue
{
    /// <summary>A whole number written in digits (optionally signed) that fits in an <see cref="int"/>; otherwise null.</summary>
    public static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A page number: 1 when absent, unreadable or below 1.</summary>
    public static int PageNumber(string? text) => Number(text) is int page and >= 1 ? page : 1;

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="fallback"/> when absent, unreadable or not allowed.</summary>
    public static int OneOf(string? text, IReadOnlyCollection<int> allowed, int fallback) =>
        Number(text) is int value && allowed.Contains(value) ? value : fallback;

    /// <summary>Reads a text as <typeparamref name="T"/> (an enum parser such as <c>DebtEnums.TryParse</c>).</summary>
    public delegate bool TryParser<T>(string? text, out T value);

    /// <summary>
    /// A filter from the address: null when absent; null when it is not one of the known values, with
    /// <paramref name="error"/> set to say that it is ignored (a shared link with a typo still opens the page).
    /// </summary>
    public static T? Filter<T>(string? text, string field, TryParser<T> parse, ref string? error)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        error = $"The {field} filter '{text}' is not known, so it is ignored.";
        return null;
    }

    /// <summary><c>true</c> or <c>false</c> (any case); otherwise null.</summary>
    public static bool? Flag(string? text) => bool.TryParse(text, out var value) ? value : null;
}
