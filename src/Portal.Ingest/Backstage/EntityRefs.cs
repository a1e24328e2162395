using Portal.Domain.Common;

namespace Portal.Ingest.Backstage;

/// <summary>
/// Backstage entity references: <c>name</c>, <c>kind:name</c>, <c>namespace/name</c> or
/// <c>kind:namespace/name</c>. A missing kind is the field's default (owner → group, dependsOn →
/// component…); a missing namespace is the referring entity's own, as in Backstage.
/// </summary>
public static class EntityRefs
{
    /// <summary>Parses <paramref name="reference"/>; returns null and a reason when it is malformed.</summary>
    public static EntityKey? TryParse(string? reference, string defaultKind, string defaultNamespace, out string? error)
    {
        error = null;
        var text = reference?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "an entity reference is empty";
            return null;
        }

        var kind = defaultKind;
        var rest = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var kindText = text[..colon];
            var canonical = BackstageKinds.Canonical(kindText);
            if (kindText.Length == 0 || kindText.Contains('/', StringComparison.Ordinal))
            {
                error = $"'{text}' is not an entity reference ([kind:][namespace/]name)";
                return null;
            }

            kind = canonical ?? kindText;
            rest = text[(colon + 1)..];
        }

        var ns = defaultNamespace;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
            var nsProblem = CatalogName.Validate(ns);
            if (nsProblem is not null)
            {
                error = $"'{text}' has an invalid namespace: {nsProblem}";
                return null;
            }
        }

        var nameProblem = CatalogName.Validate(rest);
        if (nameProblem is not null)
        {
            error = $"'{text}' has an invalid name: {nameProblem}";
            return null;
        }

        return new EntityKey(kind, ns, rest);
    }

    /// <summary>
    /// The shortest reference that means <paramref name="target"/> when read from an entity in
    /// <paramref name="contextNamespace"/> by a field whose default kind is <paramref name="defaultKind"/>.
    /// </summary>
    public static string Format(EntityKey target, string defaultKind, string contextNamespace, bool alwaysWriteKind = false)
    {
        var kind = alwaysWriteKind || !string.Equals(target.Kind, defaultKind, StringComparison.OrdinalIgnoreCase)
            ? target.Kind.ToLowerInvariant() + ":"
            : "";
        var ns = string.Equals(target.Namespace, contextNamespace, StringComparison.OrdinalIgnoreCase) ? "" : target.Namespace + "/";
        return kind + ns + target.Name;
    }

    /// <summary>The target of a reference kept as written (<see cref="Portal.Domain.Catalog.PendingReference"/>).</summary>
    public static EntityKey TargetOf(Portal.Domain.Catalog.PendingReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var (kind, ns, name) = reference.TargetParts();
        return new EntityKey(BackstageKinds.Canonical(kind) ?? kind, ns, name);
    }
}
