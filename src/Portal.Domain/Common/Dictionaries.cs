namespace Portal.Domain.Common;

/// <summary>Small helpers for the string maps records carry (annotations, files by path).</summary>
public static class Dictionaries
{
    /// <summary>True when both hold the same keys with the same values (ordinal), whatever their order.</summary>
    public static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));
}
