using Bunit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Security;
using Portal.Web.Auth;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Components.Pages.Auth;

namespace Portal.Web.Tests.Components.Pages.Auth;

/// <summary>A page refused inside an open page (no request reaches the middleware) is audited, once a minute per person and page.</summary>
public sealed class PageRefusalAuditTests : ComponentTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<RefusalRecorder>();
    }

    [Fact]
    public void ViewerNavigatesToAnAdminPage_RefusalAuditedWithThePagesRoute()
    {
        var viewer = PortalClaims.Create("ada", "Ada", PortalRole.Viewer, PortalClaims.LocalSource, CookieAuthenticationDefaults.AuthenticationScheme);

        var cut = Render<PageRefusalAudit>(p => p
            .Add(c => c.RouteData, new RouteData(typeof(AuditLog), new Dictionary<string, object?>()))
            .Add(c => c.User, viewer));
        cut.Render(p => p
            .Add(c => c.RouteData, new RouteData(typeof(AuditLog), new Dictionary<string, object?> { ["x"] = 1 }))
            .Add(c => c.User, viewer));

        cut.WaitForAssertion(
            () =>
            {
                using var db = Db.CreateContext();
                var entry = Assert.Single(db.AuditEntries.Where(a => a.Action == AuditedAuthorizationResults.ForbiddenAction).ToList());
                Assert.Equal(("ada", "PAGE /admin/audit", false), (entry.Actor, entry.EntityKey, entry.Succeeded));
            },
            TimeSpan.FromSeconds(10));
    }
}
