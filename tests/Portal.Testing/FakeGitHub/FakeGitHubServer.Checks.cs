using System.Globalization;

namespace Portal.Testing.FakeGitHub;

/// <summary>Token, app JWT and injected-fault checks of the fake.</summary>
public sealed partial class FakeGitHubServer
{
    private FakeResponse? CheckToken(string authorization)
    {
        var token = Credential(authorization);
        if (token is null)
        {
            return FakeResponse.Error(401, "Requires authentication", Docs.Auth);
        }

        if (State.ValidTokens.Contains(token))
        {
            return null;
        }

        return State.App?.FindToken(token) is { } issued && issued.ExpiresAt > State.Clock.GetUtcNow()
            ? null
            : FakeResponse.Error(401, "Bad credentials", Docs.Auth);
    }

    private FakeResponse? CheckJwt(string authorization)
    {
        if (State.App is not { } app)
        {
            return null; // the route answers 404: no app is registered
        }

        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        var error = bearer is null ? "A JSON web token could not be decoded" : app.Validate(bearer, State.Clock.GetUtcNow());
        return error is null ? null : FakeResponse.Error(401, error, Docs.Apps);
    }

    private FakeResponse? InjectedFault(string path)
    {
        if (Faults.Take(FakeGitHubFaults.FaultKind.ServerError, path) is { } failure)
        {
            var message = failure.Status switch
            {
                500 => "Server Error",
                502 => "Bad Gateway",
                503 => "Service Unavailable",
                504 => "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
                _ => "Server Error",
            };
            return FakeResponse.Error(failure.Status, message, Docs.Rest);
        }

        if (Faults.Take(FakeGitHubFaults.FaultKind.SecondaryRateLimit, path) is { } limited)
        {
            return FakeResponse.Error(
                    403,
                    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
                    Docs.SecondaryRateLimit)
                .WithHeader("Retry-After", limited.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        }

        return null;
    }
}
