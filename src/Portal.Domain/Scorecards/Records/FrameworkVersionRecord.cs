namespace Portal.Domain.Scorecards.Records;

/// <summary>One saved version of the framework, as YAML; never changed after it is written.</summary>
public sealed class FrameworkVersionRecord
{
    private FrameworkVersionRecord()
    {
    }

    public FrameworkVersionRecord(int version, string yaml, string createdBy, DateTime createdAt)
    {
        Version = version;
        Yaml = yaml;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    /// <summary>1, 2, 3…; the primary key.</summary>
    public int Version { get; private set; }

    public string Yaml { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
}
