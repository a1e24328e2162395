namespace Portal.Ingest.Backstage;

/// <summary>
/// Something found while importing. <paramref name="File"/> is relative to the import root;
/// <paramref name="DocumentIndex"/> is 1-based ("document 2" is the second document of a multi-document
/// file), 0 when the problem concerns the file as a whole.
/// </summary>
public sealed record ImportProblem(string File, int DocumentIndex, string? EntityRef, string Reason, ProblemSeverity Severity)
{
    public override string ToString() =>
        $"{Severity}: {File}{(DocumentIndex > 0 ? $" document {DocumentIndex}" : "")}{(EntityRef is null ? "" : $" ({EntityRef})")}: {Reason}";
}
