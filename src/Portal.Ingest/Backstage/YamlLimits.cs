namespace Portal.Ingest.Backstage;

/// <summary>
/// How much YAML Portal agrees to read from one file. Every catalog file, whatever brought it (the
/// <c>import</c> verb, an upload, the API, a GitHub blob), goes through the same bounded reader, which
/// checks these while the parser produces events, before YamlDotNet builds any node: a file that breaks
/// one is reported with file, document, line and the limit, nothing in it is imported, and the rest of
/// the run goes on.
/// </summary>
/// <remarks>
/// Without them, 600 KB of nested <c>[[[[…]]]]</c> made node building recurse until the process died of
/// an uncatchable stack overflow, and a few hundred bytes of aliases expanding into each other
/// ("billion laughs"), or used as mapping keys, kept a worker busy for minutes. Real catalog files are
/// far inside every bound: Backstage entities nest about six levels deep and rarely use aliases; the
/// largest file Portal writes (the <c>components.yaml</c> of a 10,000-service export) is about 11 MB.
/// </remarks>
public sealed record YamlLimits
{
    /// <summary>The limits every reader uses unless a test says otherwise.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>Lists and mappings inside each other, counting the document's root as level 1.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Aliases (<c>*name</c>) in one document.</summary>
    public int MaxAliases { get; init; } = 1_000;

    /// <summary>
    /// Nodes (scalars, lists, mappings) in one document, an alias counting as every node of what it stands
    /// for: this is what bounds alias expansion, however the aliases are nested.
    /// </summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Characters in one document (between its <c>---</c> markers).</summary>
    public int MaxDocumentChars { get; init; } = 2_000_000;

    /// <summary>Bytes of one file (UTF-8). Files on disk are checked before they are read.</summary>
    public long MaxFileBytes { get; init; } = 64_000_000;
}
