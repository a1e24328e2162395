namespace Portal.Domain.Debt.Csv;

/// <summary>What an import found and did.</summary>
/// <param name="File">The file's name as uploaded.</param>
/// <param name="Items">The items the file holds (those that could be read), in file order.</param>
/// <param name="Problems">Every problem, by line and column; when there is any, nothing was written.</param>
/// <param name="Written">True when the items were created (never for a preview, never with problems).</param>
public sealed record DebtImportResult(string File, IReadOnlyList<DebtImportItem> Items, IReadOnlyList<DebtImportProblem> Problems, bool Written)
{
    /// <summary>The import's id in the audit log and in each created item's history; null when nothing was written.</summary>
    public Guid? ImportId { get; init; }
}
