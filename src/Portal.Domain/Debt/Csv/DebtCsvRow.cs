using Portal.Domain.Debt.Commands;

namespace Portal.Domain.Debt.Csv;

/// <summary>One line of an import file read into what creating the item takes.</summary>
/// <param name="Line">The file's line where the record starts.</param>
/// <param name="Edit">The item to create.</param>
public sealed record DebtCsvRow(int Line, DebtItemEdit Edit);
