using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>
/// A reference that a record's source wrote and that names nothing in the catalog yet (an owner group not imported
/// yet, a system another repository defines, an API of a file still to come), kept exactly as written. The catalog
/// shows it as "not in the catalog yet"; the reconciler links it as soon as any source brings the target, and the
/// row then goes away. Like Backstage, which keeps an entity's spec as written and resolves its relations later.
/// </summary>
public sealed class PendingReference : Entity
{
    /// <summary>Longest target reference kept (kind, namespace and name as Backstage allows them, and some).</summary>
    public const int MaxTargetLength = 400;

    private PendingReference()
    {
    }

    /// <param name="recordId">The referring record (a service, team, person, API, resource, system or domain).</param>
    /// <param name="recordKind">Its Backstage kind (<c>Component</c>, <c>Group</c>…).</param>
    /// <param name="field">The field as Backstage names it: <c>owner</c>, <c>system</c>, <c>dependsOn</c>…</param>
    /// <param name="target">The full reference of the target, <c>kind:namespace/name</c>.</param>
    public PendingReference(Guid recordId, string recordKind, string field, string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordKind);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (target.Length > MaxTargetLength)
        {
            throw new DomainValidationException(field, $"the reference is longer than {MaxTargetLength} characters");
        }

        RecordId = recordId;
        RecordKind = recordKind;
        Field = field;
        Target = target;
    }

    public Guid RecordId { get; private set; }

    public string RecordKind { get; private set; } = "";

    public string Field { get; private set; } = "";

    /// <summary>The target as <c>kind:namespace/name</c> (kind in lower case), e.g. <c>group:default/team-a</c>.</summary>
    public string Target { get; private set; } = "";

    /// <summary>The target's kind, namespace and name.</summary>
    public (string Kind, string Namespace, string Name) TargetParts()
    {
        var colon = Target.IndexOf(':', StringComparison.Ordinal);
        var (ns, name) = EntityRef.Parse(Target[(colon + 1)..]);
        return (Target[..Math.Max(colon, 0)], ns, name);
    }
}
