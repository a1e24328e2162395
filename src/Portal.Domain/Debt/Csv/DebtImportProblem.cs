namespace Portal.Domain.Debt.Csv;

/// <summary>Why one line of an import file cannot be imported.</summary>
/// <param name="Line">The file's line (1 is the header); a record spanning several lines is named by its first.</param>
/// <param name="Column">The column at fault, as the header names it; empty when the whole line is.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record DebtImportProblem(int Line, string Column, string Reason);
