using System.Security.Claims;
using Portal.Web.Auth;

namespace Portal.Web.Components.Layout;

/// <summary>Small helpers for showing who is signed in.</summary>
public static class PortalClaimsView
{
    public static string Role(ClaimsPrincipal user) => PortalClaims.RoleOf(user).ToString();
}
