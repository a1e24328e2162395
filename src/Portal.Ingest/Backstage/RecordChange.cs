namespace Portal.Ingest.Backstage;

/// <summary>
/// One record in an import's report: <paramref name="Ref"/> (<c>component:default/payments</c>), what happened to it,
/// and for an update or a conflict which fields differ (empty when only relations did: members, APIs, dependencies).
/// <paramref name="File"/> and <paramref name="Document"/> say where it was defined (for an orphan: where it was
/// defined before, and document 0). <paramref name="StoredVersion"/> is the stored record's version the run started
/// from (0 for a record it creates).
/// </summary>
public sealed record RecordChange(
    string Kind, string Ref, string? Title, RecordChangeKind Change, IReadOnlyList<string> Fields, string File, int Document, int StoredVersion = 0)
{
    /// <summary>
    /// A stable text of what changed, for comparing a preview with what an apply would do. The stored version is part
    /// of it: a record someone changed since the preview (even to make the same fields differ) fails the comparison.
    /// </summary>
    public string Signature => $"{Ref}|{Change}|{string.Join(",", Fields)}|v{StoredVersion}";
}
