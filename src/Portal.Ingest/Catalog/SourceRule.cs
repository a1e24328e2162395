namespace Portal.Ingest.Catalog;

/// <summary>The kinds one source may define, and how to name the source and its setting in a problem.</summary>
/// <param name="Source">The source in words, e.g. "a repository's catalog file".</param>
/// <param name="Setting">The setting that changes the rule, or null when it is fixed.</param>
/// <param name="Kinds">The Backstage kinds allowed, spelled as <see cref="Backstage.BackstageKinds"/> spells them.</param>
public sealed record SourceRule(string Source, string? Setting, IReadOnlySet<string> Kinds)
{
    /// <summary>Waiting references one run keeps when nothing is configured.</summary>
    public const int DefaultMaxWaiting = 10_000;

    /// <summary>
    /// The most references not in the catalog yet that one run of this source keeps for the records it writes; the
    /// rest are dropped and the run's report says so (<see cref="SourceRules.MaxWaitingReferences"/>).
    /// </summary>
    public int MaxWaiting { get; init; } = DefaultMaxWaiting;

    public bool Allows(string kind) => Kinds.Contains(kind);

    /// <summary>Why an entity of <paramref name="kind"/> was not imported, naming what is allowed and where to change it.</summary>
    public string Refusal(string kind) =>
        $"a {kind} may not come from {Source} (allowed: {string.Join(", ", Kinds.Order(StringComparer.Ordinal))}"
        + (Setting is null ? ")" : $"; see {Setting})")
        + "; nothing of it was imported";
}
