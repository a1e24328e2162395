using Portal.Domain.Common;

namespace Portal.Ingest.Catalog;

/// <summary>An admin's decision that a catalog record now belongs to another origin.</summary>
/// <param name="Kind">The record's Backstage kind, or Portal's word for it (<c>service</c>, <c>team</c>, <c>person</c>).</param>
/// <param name="Ref">The record: its name, or <c>namespace/name</c>.</param>
/// <param name="To">
/// <see cref="DataSource.Manual"/>: people editing it in Portal, and no source changes it again; <see cref="DataSource.Import"/> or
/// <see cref="DataSource.GitHub"/>: the location that may change it from now on.
/// </param>
/// <param name="Location">
/// Required for a source: the location as run reports name it, e.g. <c>github:acme/billing/catalog-info.yaml#1</c>
/// or <c>catalog/components.yaml#3</c>. Must be empty for <see cref="DataSource.Manual"/>.
/// </param>
/// <param name="ExpectedVersion">The version the admin looked at; a record saved since is a conflict.</param>
public sealed record HandOverRequest(string Kind, string Ref, DataSource To, string? Location, int ExpectedVersion);
