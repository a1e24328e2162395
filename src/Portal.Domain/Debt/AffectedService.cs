namespace Portal.Domain.Debt;

/// <summary>A service an item affects, as scoring sees it.</summary>
/// <param name="Ref">The service's reference.</param>
/// <param name="DisplayName">Its title, or its name.</param>
/// <param name="Tier">1 is most critical; null when not known.</param>
public sealed record AffectedService(string Ref, string DisplayName, int? Tier);
