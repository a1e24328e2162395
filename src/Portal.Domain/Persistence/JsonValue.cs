using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Domain.Persistence;

/// <summary>
/// Stores small structured values as JSON text, identically on PostgreSQL and SQLite, with a
/// comparer so EF notices changes inside them.
/// </summary>
internal static class JsonValue
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static ValueConverter<T, string> Converter<T>(Func<T> empty) => new(
        v => JsonSerializer.Serialize(v, Options),
        s => string.IsNullOrEmpty(s) ? empty() : JsonSerializer.Deserialize<T>(s, Options) ?? empty());

    public static ValueComparer<T> Comparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);

    /// <summary>
    /// For a value its owner only ever replaces whole, never changes in place (a list of immutable records behind a
    /// private setter): the snapshot EF keeps is the value itself instead of a JSON round trip, and the same instance
    /// compares equal without serialising. Tracking thousands of such rows (a scorecard pass) then costs nothing extra.
    /// </summary>
    public static ValueComparer<T> ReplacedWholeComparer<T>()
        where T : class => new(
        (a, b) => ReferenceEquals(a, b) || JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
        v => v);
}
