namespace Portal.Web.Hosting;

/// <summary>The interactive API reference (Scalar) over <c>/openapi/v1.json</c>.</summary>
public static class ApiReferenceHosting
{
    public static WebApplication MapPortalApiReference(this WebApplication app)
    {
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, "/api/reference", o => o.Title = "Portal API")
            .AllowAnonymous();
        return app;
    }
}
