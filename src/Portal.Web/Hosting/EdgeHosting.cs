using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// The web edge: forwarded headers from trusted proxies (so Portal sees <c>https</c> and the caller's address behind
/// a proxy), HSTS in Production, <c>Secure</c> cookies over HTTPS (always in Production), and security headers on
/// every response (<see cref="ContentSecurityPolicy"/>, <c>nosniff</c>, <c>Referrer-Policy</c>).
/// </summary>
public static class EdgeHosting
{
    public static WebApplicationBuilder AddPortalEdge(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<EdgeOptions>>((o, edge) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = edge.Value.ForwardLimit;

            // Loopback stays trusted (the defaults): a proxy on the same machine needs no setting.
            foreach (var proxy in edge.Value.ProxyAddresses)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in edge.Value.ProxyNetworks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<EdgeOptions>>((o, edge) => o.MaxAge = TimeSpan.FromDays(edge.Value.HstsMaxAgeDays));

        var secure = SecurePolicy(builder.Environment);
        // The cookie policy marks every cookie Portal sets, the antiforgery cookie included. Antiforgery's own
        // setting stays "same as request": set to "always", it refuses plain-HTTP requests outright, which would break
        // a trial on http://localhost (browsers keep Secure cookies for localhost).
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = secure);
        return builder;
    }

    /// <summary><c>Secure</c> on every cookie in Production (TLS ends at the proxy at the latest); elsewhere when the request is HTTPS.</summary>
    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>First in the pipeline: every later middleware sees the scheme and address the proxy saw.</summary>
    public static WebApplication UsePortalForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>HSTS (Production, HTTPS only), the cookie policy, and the security headers on every response, error pages included.</summary>
    public static WebApplication UsePortalSecurityHeaders(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        app.UseCookiePolicy();
        var edge = app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value;
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        string[] formTargets = auth.Mode == AuthMode.Oidc && Uri.TryCreate(auth.Oidc.Authority, UriKind.Absolute, out var authority)
            ? [authority.GetLeftPart(UriPartial.Authority)]
            : [];
        app.Use((ctx, next) =>
        {
            var nonce = ContentSecurityPolicy.NonceFor(ctx);
            var path = ctx.Request.Path;

            // On starting, so error pages (whose handler clears the headers) carry them too.
            ctx.Response.OnStarting(() =>
            {
                var headers = ctx.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy.For(path, nonce, formTargets, edge.ImageSources);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next();
        });
        return app;
    }
}
