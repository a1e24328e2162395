namespace Portal.Web.Hosting;

/// <summary>
/// A 401 from <c>/api</c> says why: the token handler leaves its reason (unknown, revoked, expired on …) in
/// <see cref="RefusalItem"/>, and this writes it as a problem document (the <c>WWW-Authenticate</c> header carries it
/// too, as RFC 6750's <c>error_description</c>).
/// </summary>
public static class ApiChallengeProblems
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which the token handler leaves why it refused a token.</summary>
    public const string RefusalItem = "portal.api-token-refusal";

    /// <summary>Outside authentication, so it sees the challenge's 401 before anything is written.</summary>
    public static WebApplication UsePortalApiChallengeProblems(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            await next();
            if (ctx.Response.StatusCode == StatusCodes.Status401Unauthorized && !ctx.Response.HasStarted
                && ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                var reason = ctx.Items[RefusalItem] as string
                    ?? "This needs an API token: send Authorization: Bearer ptl_… (admins create tokens on the Admin page).";
                await Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in").ExecuteAsync(ctx);
            }
        });
        return app;
    }

    /// <summary>The reason as a quoted-string for <c>WWW-Authenticate</c>: printable ASCII only, no quotes or backslashes.</summary>
    public static string HeaderSafe(string reason) =>
        new([.. reason.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?')]);
}
