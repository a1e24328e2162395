namespace Portal.Domain.Debt.Commands;

/// <summary>One thing wrong with a form or a request, by field.</summary>
public sealed record DebtFieldProblem(string Field, string Reason);
