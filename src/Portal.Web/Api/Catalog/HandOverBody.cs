namespace Portal.Web.Api.Catalog;

/// <summary>The body of a hand-over: to whom the record goes, and the version that was read.</summary>
/// <param name="To"><c>manual</c> (people editing it in Portal), <c>import</c> or <c>github</c>.</param>
/// <param name="Location">For <c>import</c> and <c>github</c>: the location as run reports name it, e.g. <c>github:acme/billing/catalog-info.yaml#1</c>.</param>
/// <param name="Version">The record's version from <c>GET /catalog/records/…</c>; 409 if it was saved since.</param>
public sealed record HandOverBody(string? To, string? Location, int Version);
