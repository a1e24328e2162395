using Portal.Domain.Security;

namespace Portal.Web.Hosting;

/// <summary>Maps identity-provider role claim values to a Portal role.</summary>
public static class OidcRoles
{
    public static PortalRole Map(IEnumerable<string> values, OidcOptions options)
    {
        var set = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return set.Contains(options.AdminRole) ? PortalRole.Admin
            : set.Contains(options.EditorRole) ? PortalRole.Editor
            : PortalRole.Viewer;
    }
}
