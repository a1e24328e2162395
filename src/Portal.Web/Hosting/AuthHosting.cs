using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Portal.Domain.Security;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>Sign-in (local or OpenID Connect), API tokens, roles, and Data Protection keys shared through the database (<see cref="DataProtectionHosting"/>).</summary>
public static class AuthHosting
{
    public const string AdminPolicy = "Admin";
    public const string EditorPolicy = "Editor";
    public const string ApiPolicy = "Api";
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// The browser's cookie may read the API (the export download link), never change it: a write must carry an
    /// API token, so a page on another site cannot make a signed-in browser change the catalog (CSRF), whatever
    /// the cookie's SameSite setting.
    /// </summary>
    internal static bool ReadsOrCarriesAToken(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context)
    {
        var method = context.Resource is HttpContext http ? http.Request.Method : HttpMethods.Get;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || context.User.Identities.Any(i => i.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName
                && i.HasClaim(c => c.Type == PortalClaims.Source && c.Value == PortalClaims.TokenSource && c.Issuer == ClaimsIdentity.DefaultIssuer));
    }

    public static WebApplicationBuilder AddPortalAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        var authentication = builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = auth.Mode == AuthMode.Oidc ? OidcScheme : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "portal.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = EdgeHosting.SecurePolicy(builder.Environment);
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/forbidden";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(auth.SessionIdleMinutes);
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        if (auth.Mode == AuthMode.Oidc)
        {
            authentication.AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = auth.Oidc.Authority;
                o.ClientId = auth.Oidc.ClientId;
                o.ClientSecret = auth.Oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.RequireHttpsMetadata = auth.Oidc.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
                o.Scope.Clear();
                foreach (var scope in auth.Oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Scope.Add(scope);
                }

                o.Events.OnTokenValidated = ctx =>
                {
                    if (ctx.Principal?.Identity is ClaimsIdentity identity)
                    {
                        OidcSignIn.TokenValidated(identity, auth.Oidc);
                    }

                    return Task.CompletedTask;
                };

                // email_verified may come only from the user-info endpoint; keep it when it does.
                o.ClaimActions.MapUniqueJsonKey(auth.Oidc.EmailVerifiedClaim, auth.Oidc.EmailVerifiedClaim);
                o.Events.OnTicketReceived = ctx => OidcSignIn.TicketReceivedAsync(ctx, auth.Oidc);
            });
        }

        builder.Services.AddAuthorizationBuilder()
            // Only the role Portal wrote counts (PortalClaims.RoleOf), never a role claim from anyone else.
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => PortalClaims.RoleOf(c.User) == PortalRole.Admin))
            .AddPolicy(EditorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => PortalClaims.RoleOf(c.User) >= PortalRole.Editor))
            .AddPolicy(ApiPolicy, p => p
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName, CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => ReadsOrCarriesAToken(ctx)));
        builder.Services.AddHostedService<RefusalAuditFlush>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton<ActorResolver>();
        builder.Services.AddSingleton<RefusalRecorder>();
        builder.Services.AddScoped<SessionCookieEvents>();
        builder.Services.AddSingleton<PrincipalRefresher>();

        // Replaces Blazor's provider (registered with TryAdd by AddInteractiveServerComponents): open circuits re-read roles.
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, PortalAuthenticationStateProvider>();

        // Keys in the database, shared by every instance (and encrypted when a certificate is configured).
        builder.AddPortalDataProtection();
        return builder;
    }
}
