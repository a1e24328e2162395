namespace Portal.Domain.Debt.Queries;

/// <summary>A team as the register shows it.</summary>
public sealed record DebtTeamDto(string Ref, string Namespace, string Name, string DisplayName);
