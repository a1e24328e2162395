namespace Portal.Domain.Debt.Commands;

/// <summary>Where an imported item came from, recorded in its history.</summary>
/// <param name="Id">The import, shared by every item of one file.</param>
/// <param name="File">The file's name as uploaded.</param>
/// <param name="Line">The file's line the item was read from.</param>
public sealed record DebtImportSource(Guid Id, string File, int Line);
