namespace Portal.Ingest.Backstage;

/// <summary>
/// One catalog file: <see cref="Path"/> is relative to the import root (forward slashes, e.g.
/// <c>components/payments.yaml</c>), <see cref="Content"/> its YAML text.
/// </summary>
public sealed record CatalogFile(string Path, string Content);
