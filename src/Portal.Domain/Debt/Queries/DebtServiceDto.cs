namespace Portal.Domain.Debt.Queries;

/// <summary>An affected service as the register shows it.</summary>
public sealed record DebtServiceDto(string Ref, string Namespace, string Name, string DisplayName, int Tier, string? OwnerTeam);
