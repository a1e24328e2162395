namespace Portal.Ingest.Backstage;

/// <summary>A document that named an entity but was rejected; its record, if any, is left as it is.</summary>
public sealed record RejectedEntity(string Kind, EntityKey? Key);
