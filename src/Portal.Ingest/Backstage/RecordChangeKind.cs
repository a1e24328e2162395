namespace Portal.Ingest.Backstage;

/// <summary>What an import did, or would do, to one record.</summary>
public enum RecordChangeKind
{
    /// <summary>A new record.</summary>
    Created,

    /// <summary>A stored record whose fields or relations changed.</summary>
    Updated,

    /// <summary>A stored record the files describe exactly as it is.</summary>
    Unchanged,

    /// <summary>A record of another origin that the files describe differently: reported, never changed.</summary>
    Conflict,

    /// <summary>A record imported from the same scope before that the files no longer name: flagged, never deleted.</summary>
    Orphaned,
}
