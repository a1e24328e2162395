namespace Portal.Domain.Catalog.Queries;

/// <summary>
/// A reference a record's source wrote that names nothing in the catalog yet ("not in the catalog yet"): the field
/// as Backstage names it (<c>system</c>, <c>dependsOn</c>, <c>consumesApis</c>…) and the target as written,
/// <c>kind:namespace/name</c>. It links by itself when a source brings the target.
/// </summary>
public sealed record WaitingReferenceDto(string Field, string Target);
