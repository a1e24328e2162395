namespace Portal.Ingest.Backstage;

/// <summary>
/// One record in an import's report: <paramref name="Ref"/> (<c>component:default/payments</c>), what happened to it,
/// and for an update or a conflict which fields differ (empty when only relations did: members, APIs, dependencies).
/// <paramref name="File"/> and <paramref name="Document"/> say where it was defined (for an orphan: where it was
/// defined before, and document 0).
/// </summary>
public sealed record RecordChange(
    string Kind, string Ref, string? Title, RecordChangeKind Change, IReadOnlyList<string> Fields, string File, int Document)
{
    /// <summary>A stable text of what changed, for comparing a preview with what an apply would do.</summary>
    public string Signature => $"{Ref}|{Change}|{string.Join(",", Fields)}";
}
