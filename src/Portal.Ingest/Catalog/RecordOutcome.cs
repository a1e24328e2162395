using Portal.Domain.Common;
using Portal.Ingest.Backstage;

namespace Portal.Ingest.Catalog;

/// <summary>
/// What reconciling one entity did to its record. A record that belongs to another origin is compared
/// read-only: differences are collected (they make a conflict) and nothing is applied.
/// </summary>
internal sealed class RecordOutcome(BackstageEntity parsed, CatalogEntity entity, bool created, bool readOnly)
{
    private readonly List<string> _differences = [];
    private readonly List<string> _fields = [];

    public BackstageEntity Parsed { get; } = parsed;

    public CatalogEntity Entity { get; } = entity;

    /// <summary>The record's version before this run touched it.</summary>
    public int VersionBefore { get; } = entity.Version;

    public string Kind => Parsed.Key.Kind;

    public bool Created { get; } = created;

    /// <summary>The source and location the record had before this run; null for a new record.</summary>
    public (DataSource Source, string? Location)? OriginBefore { get; } = created ? null : (entity.Source, entity.SourceLocation);

    /// <summary>The record belongs to another origin: compared, never changed.</summary>
    public bool ReadOnly { get; } = readOnly;

    /// <summary>Content changed (or, read-only, would change): a field, a relation, an edge, or the orphan flag.</summary>
    public bool Changed { get; private set; }

    /// <summary>The batch recorded itself as the source of the record or of one of its edges.</summary>
    public bool SourceTaken { get; set; }

    /// <summary>The record as it was before the first change, for the audit entry; null for new records.</summary>
    public object? Before { get; private set; }

    /// <summary>Fields a read-only record would have had changed.</summary>
    public IReadOnlyList<string> Differences => _differences;

    /// <summary>Fields that were changed on a writable record (relations are not fields).</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>Applies <paramref name="apply"/> only when the value differs, so unchanged records stay untouched.</summary>
    public void Set(bool differs, string field, Action apply)
    {
        if (!differs)
        {
            return;
        }

        if (ReadOnly)
        {
            _differences.Add(field);
            Changed = true;
            return;
        }

        Changing();
        _fields.Add(field);
        apply();
    }

    /// <summary>Called before any change to the record or its relations: keeps the state before it for the audit.</summary>
    public void Changing()
    {
        if (ReadOnly)
        {
            throw new InvalidOperationException($"{Parsed.Key} belongs to another origin and must not be changed.");
        }

        if (!Created && Before is null)
        {
            Before = RecordSnapshot.Of(Entity);
        }

        Changed = true;
    }

    /// <summary>Keeps the state before a change of provenance only (no content change).</summary>
    public void ProvenanceChanging()
    {
        if (!Created && Before is null)
        {
            Before = RecordSnapshot.Of(Entity);
        }
    }
}
