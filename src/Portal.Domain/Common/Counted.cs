using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>Counts in words: "1 finding", "2 findings", "1,204 services" (invariant digits, so text and tests agree).</summary>
public static class Counted
{
    /// <summary>The count followed by the singular or the plural word.</summary>
    /// <param name="count">How many.</param>
    /// <param name="one">The word for exactly one.</param>
    /// <param name="many">The word for any other count, zero included.</param>
    public static string Of(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");
}
