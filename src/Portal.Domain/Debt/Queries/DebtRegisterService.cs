namespace Portal.Domain.Debt.Queries;

/// <summary>An affected service of a register row: the columns the row and its score's explanation show.</summary>
internal sealed record DebtRegisterService(
    Guid DebtItemId, string Namespace, string Name, string? Title, int Tier, string? TeamNamespace, string? TeamName)
{
    public string Ref => Common.EntityRef.Format(Namespace, Name);

    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Name : Title;
}
