using Portal.Domain.Debt;

namespace Portal.Web.Api.Debt;

/// <summary>A link in a request: <c>kind</c> is <c>git-hub-issue</c>, <c>incident</c>, <c>graph-finding</c>, <c>document</c> or <c>other</c>.</summary>
public sealed record DebtLinkRequest(string? Kind, string? Url, string? Title)
{
    public DebtLink ToLink() => new(string.IsNullOrWhiteSpace(Kind) ? DebtLinkKind.Other : DebtEnums.Parse<DebtLinkKind>(Kind, "links"), Url ?? "", Title);
}
