namespace Portal.Ingest.Backstage;

/// <summary>
/// Identifies a catalog entity: kind, namespace and name. Compared without regard to case, as Backstage
/// compares references; <see cref="ToString"/> gives the full reference, e.g. <c>component:default/payments</c>.
/// </summary>
public sealed record EntityKey(string Kind, string Namespace, string Name)
{
    public bool Equals(EntityKey? other) =>
        other is not null
        && StringComparer.OrdinalIgnoreCase.Equals(Kind, other.Kind)
        && StringComparer.OrdinalIgnoreCase.Equals(Namespace, other.Namespace)
        && StringComparer.OrdinalIgnoreCase.Equals(Name, other.Name);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Kind),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Namespace),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    public override string ToString() => $"{Kind.ToLowerInvariant()}:{Namespace}/{Name}";
}
