namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// A catalog record as a picker or a list shows it: the name people know (<see cref="DisplayName"/>, e.g. "Payments Core")
/// and the reference that identifies it (<see cref="Ref"/>, e.g. <c>payments-core</c> or <c>ops/sre</c>), shown beside it as secondary text.
/// </summary>
public sealed record NamedRef(string Ref, string DisplayName)
{
    /// <summary>The reference, when it says something the display name does not (it is not just the name again).</summary>
    public string? Secondary => string.Equals(Ref, DisplayName, StringComparison.OrdinalIgnoreCase) ? null : Ref;
}
