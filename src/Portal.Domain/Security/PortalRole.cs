namespace Portal.Domain.Security;

/// <summary>What someone may do: Viewer reads, Editor changes what their teams own, Admin everything.</summary>
public enum PortalRole
{
    Viewer,
    Editor,
    Admin,
}
