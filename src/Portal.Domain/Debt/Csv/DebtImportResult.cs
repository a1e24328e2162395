namespace Portal.Domain.Debt.Csv;

/// <summary>What an import found and did.</summary>
/// <param name="File">The file's name as uploaded.</param>
/// <param name="Items">The items the file holds (those that could be read), in file order; once written, the items created.</param>
/// <param name="Problems">
/// Every problem, by line and column. With any, nothing was written — unless the import wrote the valid rows only
/// (<see cref="DebtImportMode.ValidRows"/>), when these are the lines it skipped.
/// </param>
/// <param name="Written">True when items were created (never for a preview).</param>
public sealed record DebtImportResult(string File, IReadOnlyList<DebtImportItem> Items, IReadOnlyList<DebtImportProblem> Problems, bool Written)
{
    /// <summary>The import's id in the audit log and in each created item's history; null when nothing was written.</summary>
    public Guid? ImportId { get; init; }

    /// <summary>The lines (in file order) left out because they had a problem; empty unless valid rows only were written.</summary>
    public IReadOnlyList<int> SkippedLines { get; init; } = [];
}
