using Portal.Domain.Common;

namespace Portal.Domain.Catalog.Queries;

/// <summary>One row of <see cref="NameMatching"/>: a record's identity and what it is shown as, with how well it matched.</summary>
internal sealed class RankedRecord
{
    public string Namespace { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Title { get; set; }

    public string? Description { get; set; }

    public MatchRank Rank { get; set; }

    public string Ref => EntityRef.Format(Namespace, Name);

    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Name : Title;

    public NamedRef ToNamedRef() => new(Ref, DisplayName);
}
