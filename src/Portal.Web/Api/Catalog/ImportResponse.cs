using Portal.Ingest.Backstage;

namespace Portal.Web.Api.Catalog;

/// <summary>Import report as the API returns it.</summary>
public sealed record ImportResponse(
    string Scope,
    bool NothingImported,
    IReadOnlyDictionary<string, KindCounts> Kinds,
    IReadOnlyList<ImportProblem> Problems);
