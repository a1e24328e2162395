namespace Portal.Domain.Common;

/// <summary>
/// A record that Backstage would call an entity: identified by namespace + name, with a title, a
/// description, annotations and a record of where it came from.
/// </summary>
public abstract class CatalogEntity : Entity, IVersioned
{
    protected CatalogEntity()
    {
    }

    protected CatalogEntity(string ns, string name, string? title)
    {
        Namespace = CatalogName.RequireNamespace(ns);
        Name = CatalogName.Require(name);
        Title = NormaliseTitle(title);
        SearchText = BuildSearchText();
    }

    public string Namespace { get; private set; } = CatalogName.DefaultNamespace;

    public string Name { get; private set; } = "";

    public string? Title { get; private set; }

    public string? Description { get; private set; }

    public DataSource Source { get; private set; } = DataSource.Manual;

    /// <summary>File and document, repository, or other pointer to where the record was read from.</summary>
    public string? SourceLocation { get; private set; }

    /// <summary>The record disappeared from the source that created it; kept, flagged, never deleted silently.</summary>
    public bool IsOrphaned { get; private set; }

    public Dictionary<string, string> Annotations { get; private set; } = [];

    public int Version { get; private set; }

    /// <summary>Lower-case text that search matches against: name, title, description and more.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>The title if set, otherwise the name.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Name : Title;

    /// <summary>Backstage-style reference without kind, e.g. <c>payments</c> or <c>ops/payments</c>.</summary>
    public string Ref => EntityRef.Format(Namespace, Name);

    public void IncrementVersion() => Version++;

    protected override void Touch()
    {
        base.Touch();
        SearchText = BuildSearchText();
    }

    /// <summary>What search should find this record by; subclasses add their own fields.</summary>
    protected virtual string BuildSearchText() =>
        string.Join(' ', Name, Title, Description).ToLowerInvariant();

    public void Describe(string? title, string? description)
    {
        var newTitle = NormaliseTitle(title);
        if (description is { Length: > 10_000 })
        {
            throw new DomainValidationException("description", "is longer than 10,000 characters");
        }

        Title = newTitle;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Touch();
    }

    public void RecordSource(DataSource source, string? location)
    {
        Source = source;
        SourceLocation = location;
        IsOrphaned = false;
        Touch();
    }

    public void MarkOrphaned()
    {
        IsOrphaned = true;
        Touch();
    }

    public void SetAnnotations(IReadOnlyDictionary<string, string> annotations)
    {
        Annotations = new Dictionary<string, string>(annotations, StringComparer.Ordinal);
        Touch();
    }

    private static string? NormaliseTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        title = title.Trim();
        return title.Length <= 200 ? title : throw new DomainValidationException("title", "is longer than 200 characters");
    }
}
