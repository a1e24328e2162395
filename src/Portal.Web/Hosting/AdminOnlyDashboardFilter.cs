using Hangfire.Dashboard;
using Portal.Domain.Security;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>
/// Only signed-in admins see the dashboard. Hangfire's default filter merely checks for a local
/// request, which is not authorization.
/// </summary>
public sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && PortalClaims.RoleOf(user) == PortalRole.Admin;
    }
}
