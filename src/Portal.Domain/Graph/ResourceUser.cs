using Portal.Domain.Catalog;

namespace Portal.Domain.Graph;

/// <summary>A service's use of a shared resource.</summary>
/// <param name="Ref">The service's ref.</param>
/// <param name="DisplayName">The service's title or name.</param>
/// <param name="OwnerTeam">The service's owner team; null when unowned.</param>
/// <param name="Access">What its edges declare, combined; null when none says.</param>
/// <param name="MayWrite">It writes, or does not say it doesn't (undeclared access counts as a possible writer).</param>
public sealed record ResourceUser(string Ref, string DisplayName, string? OwnerTeam, ResourceAccess? Access, bool MayWrite);
