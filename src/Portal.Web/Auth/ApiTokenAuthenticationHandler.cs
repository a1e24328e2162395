using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Domain.Security.Commands;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>Authenticates <c>Authorization: Bearer ptl_…</c> against the stored token hashes.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var check = await tokens.CheckAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (check.Actor is not { } actor)
        {
            // Why, for the 401 (ApiChallengeProblems): unknown, revoked, or expired on which day.
            Context.Items[ApiChallengeProblems.RefusalItem] = check.Refusal;
            return AuthenticateResult.Fail(check.Refusal ?? "The bearer token is refused.");
        }

        // The token's id as the identifier: its name may be used again by a later token, the id never.
        var principal = PortalClaims.Create(actor.Credential ?? actor.DisplayName, actor.DisplayName, actor.Role, PortalClaims.TokenSource, SchemeName);
        foreach (var creator in actor.AnswersFor)
        {
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(PortalClaims.TokenCreator, creator));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Context.Items[ApiChallengeProblems.RefusalItem] is string reason
            ? $"Bearer realm=\"portal\", error=\"invalid_token\", error_description=\"{ApiChallengeProblems.HeaderSafe(reason)}\""
            : "Bearer realm=\"portal\"";
        return Task.CompletedTask;
    }
}
