namespace Portal.Ingest.Backstage;

/// <summary>Whether a problem stopped an entity (or file) from being imported, or is only worth knowing.</summary>
public enum ProblemSeverity
{
    /// <summary>The entity, document or file was rejected; nothing of it was written.</summary>
    Error,

    /// <summary>Skipped or ignored on purpose (unknown kind, URL location, unresolved optional reference).</summary>
    Notice,
}
