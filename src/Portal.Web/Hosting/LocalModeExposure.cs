using System.Net;
using Portal.Web.Auth;

namespace Portal.Web.Hosting;

/// <summary>
/// Whether <c>Auth:Mode=Local</c> (anyone can sign in as anyone) would be reachable from the network, so the web app
/// refuses to start. It is not when the app listens on loopback only, when <c>Auth:AllowLocalModeOnNetwork</c> accepts
/// the risk, or when it runs in a container (<c>DOTNET_RUNNING_IN_CONTAINER=true</c>) whose port the host publishes on
/// loopback only (<c>Edge:PublishedAddress</c>, which docker/compose.yaml sets from the address it publishes on): a
/// container has to listen on all of its own interfaces for a published port to reach it. Outside a container
/// <c>Edge:PublishedAddress</c> is ignored. When it is what let the app start, <see cref="LocalModePeerCheck"/> checks
/// every request too.
/// </summary>
public static class LocalModeExposure
{
    /// <summary>The addresses that would expose Local sign-in; empty when the app may start.</summary>
    public static IReadOnlyList<string> Exposed(IConfiguration config)
    {
        var auth = config.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Mode != AuthMode.Local || auth.AllowLocalModeOnNetwork || PublishedOnLoopback(config))
        {
            return [];
        }

        return LocalModeGuard.NonLoopbackBindings(config);
    }

    /// <summary>
    /// True when Local mode may start only because the container's port is published on loopback: the app listens on
    /// other addresses and the risk is not accepted with <c>Auth:AllowLocalModeOnNetwork</c>.
    /// </summary>
    public static bool AllowedOnlyByPublishedAddress(IConfiguration config)
    {
        var auth = config.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        return auth.Mode == AuthMode.Local && !auth.AllowLocalModeOnNetwork && PublishedOnLoopback(config)
            && LocalModeGuard.NonLoopbackBindings(config).Count > 0;
    }

    /// <summary>True in a container whose <c>Edge:PublishedAddress</c> is a loopback address (or <c>localhost</c>).</summary>
    public static bool PublishedOnLoopback(IConfiguration config) =>
        ContainerNetwork.RunsInContainer(config)
        && config[$"{EdgeOptions.Section}:{nameof(EdgeOptions.PublishedAddress)}"]?.Trim() is { Length: > 0 } published
        && (published.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(published.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>Why the app does not start, and the ways out.</summary>
    public static string RefusalMessage(IReadOnlyList<string> exposed) =>
        $"Refusing to start: Auth:Mode is Local (anyone can sign in as anyone) but the portal would listen on {string.Join(", ", exposed)}. "
        + "Use Auth:Mode=Oidc, bind to localhost, in a container publish the port on loopback only and say so with Edge:PublishedAddress=127.0.0.1 "
        + "(docker/compose.yaml does by default; honoured only when DOTNET_RUNNING_IN_CONTAINER=true), "
        + "or set Auth:AllowLocalModeOnNetwork=true if you accept the risk.";
}
