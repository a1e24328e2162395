namespace Portal.Domain.Debt.Csv;

/// <summary>An import file read: the rows that can be created, and every problem found, line by line.</summary>
public sealed record DebtCsvParse(IReadOnlyList<DebtCsvRow> Rows, IReadOnlyList<DebtImportProblem> Problems);
