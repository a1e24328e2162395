using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>Sizes in words people read: "1 MB", "1.5 MB", "200 KB", "512 bytes" (binary units, invariant digits).</summary>
public static class ByteSize
{
    private const long Kilo = 1024;
    private const long Mega = 1024 * 1024;

    /// <summary>The size in the largest unit it reaches, with at most one decimal.</summary>
    /// <param name="bytes">The size in bytes; negative sizes are described as zero.</param>
    public static string Describe(long bytes) => Math.Max(bytes, 0) switch
    {
        >= Mega and var b => string.Create(CultureInfo.InvariantCulture, $"{b / (double)Mega:#,0.#} MB"),
        >= Kilo and var b => string.Create(CultureInfo.InvariantCulture, $"{b / (double)Kilo:#,0.#} KB"),
        var b => Counted.Of((int)b, "byte", "bytes"),
    };
}
