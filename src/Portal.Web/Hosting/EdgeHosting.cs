using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// The web edge: forwarded headers from trusted proxies (so Portal sees <c>https</c> and the caller's address behind
/// a proxy), HSTS in Production, <c>Secure</c> cookies over HTTPS (always in Production), and security headers on
/// every response (<see cref="ContentSecurityPolicy"/>, <c>nosniff</c>, <c>Referrer-Policy</c>).
/// </summary>
public static partial class EdgeHosting
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the connection's own peer address, kept before forwarded headers replace it.</summary>
    public const string RawPeerItem = "portal.raw-peer";

    public static WebApplicationBuilder AddPortalEdge(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new ContainerNetwork(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => LocalModePeerCheck.For(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ContainerNetwork>()));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<EdgeOptions>, ContainerNetwork, IConfiguration>((o, edge, container, config) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = edge.Value.ForwardLimit;

            // Loopback stays trusted (the defaults): a proxy in the same network namespace needs no setting. In a
            // container it is not the same: connections from the host arrive from the container's gateway (see below).
            foreach (var proxy in TrustedGateways(container, config))
            {
                o.KnownProxies.Add(proxy);
            }

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

    /// <summary>
    /// The container's gateways when its port is published on loopback only (<c>Edge:PublishedAddress</c>, set by
    /// docker/compose.yaml): then only processes on the host reach the port, and they arrive from the gateway, so a
    /// reverse proxy on the host (nginx, Caddy) is believed without settings. Published on any other address, outside
    /// callers may arrive from the gateway too, and nothing is trusted without <c>Edge:KnownProxies</c>.
    /// </summary>
    public static IReadOnlyList<System.Net.IPAddress> TrustedGateways(ContainerNetwork container, IConfiguration config) =>
        container.InContainer && LocalModeExposure.PublishedOnLoopback(config) ? container.Gateways : [];

    /// <summary>The connection's own peer address (before forwarded headers), or null when unknown.</summary>
    public static System.Net.IPAddress? RawPeer(HttpContext ctx) => ctx.Items[RawPeerItem] as System.Net.IPAddress;

    /// <summary>
    /// First in the pipeline: every later middleware sees the scheme and address the proxy saw (the connection's own
    /// address is kept in <see cref="RawPeerItem"/>). Warns at start-up when Portal runs in a container that trusts no
    /// proxy, where every caller may seem to come from one address.
    /// </summary>
    public static WebApplication UsePortalForwardedHeaders(this WebApplication app)
    {
        WarnAboutProxies(app);
        app.Use((ctx, next) =>
        {
            ctx.Items[RawPeerItem] = ctx.Connection.RemoteIpAddress;
            return next();
        });
        app.UseForwardedHeaders();
        return app;
    }

    private static void WarnAboutProxies(WebApplication app)
    {
        var container = app.Services.GetRequiredService<ContainerNetwork>();
        if (!container.InContainer)
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Edge");
        var edge = app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value;
        var gateways = TrustedGateways(container, app.Configuration);
        if (gateways.Count > 0)
        {
            LogTrustingGateway(logger, string.Join(", ", gateways));
        }
        else if (edge.KnownProxies.Length == 0 && edge.KnownNetworks.Length == 0)
        {
            LogNoProxyInContainer(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Running in a container published on loopback (Edge:PublishedAddress): the container's gateway {Gateways} is believed as a proxy, so a reverse proxy on the host needs no setting")]
    private static partial void LogTrustingGateway(ILogger logger, string gateways);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running in a container with no trusted proxy (Edge:KnownProxies and Edge:KnownNetworks are empty): behind a reverse proxy or the container's port forwarding every caller may seem to come from one address, so they share one rate-limit allowance (Limits:*) and X-Forwarded-Proto is ignored. Set Edge:KnownProxies (or Edge:KnownNetworks) to your proxy's address as the container sees it; see docs/operations.md")]
    private static partial void LogNoProxyInContainer(ILogger logger);

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
