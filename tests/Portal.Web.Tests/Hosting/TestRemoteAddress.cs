using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// The test server has no client address: this start-up filter takes it from <see cref="Header"/>, set before any of
/// the app's middleware (as the connection's address would be), so forwarded headers and rate limits see it.
/// </summary>
internal sealed class TestRemoteAddress : IStartupFilter
{
    /// <summary>The request header standing for the client address.</summary>
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((ctx, nextMiddleware) =>
        {
            if (ctx.Request.Headers[Header] is [{ } address])
            {
                ctx.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }

            return nextMiddleware(ctx);
        });
        next(app);
    };
}
