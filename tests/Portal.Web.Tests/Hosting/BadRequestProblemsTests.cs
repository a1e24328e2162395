using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// A JSON body over the server's size limit answers a 413 problem document (the framework itself answers a bare
/// status), and a request the framework cannot read for a reason Portal does not know gets a plain sentence, its
/// framework text staying in the log.
/// </summary>
public sealed class BadRequestProblemsTests : IAsyncLifetime
{
    /// <summary>A request carrying this header has a body that fails as Kestrel's does when it is over its size limit.</summary>
    private const string TooLargeHeader = "X-Test-Body-Too-Large";

    private PortalWebFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new OversizedBodies())));

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task JsonWrite_BodyOverTheServersLimit_Answers413ProblemDocument()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/services/ledger")
        {
            Content = new StringContent("{\"title\": \"Ledger\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TooLargeHeader, "1");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("The request body is too large.", problem.GetProperty("title").GetString());
        Assert.Equal("The request body is larger than this endpoint accepts.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void For_UnknownFrameworkMessage_AnswersAPlainSentence()
    {
        var ex = new BadHttpRequestException(
            "Implicit body inferred for parameter \"Portal.Web.Api.Catalog.ServiceEdit body\" but no body was provided. Did you mean to use a Service instead?", 400);

        var problem = Assert.IsType<ProblemHttpResult>(BadRequestProblems.For(ex)).ProblemDetails;

        Assert.Equal(400, problem.Status);
        Assert.DoesNotContain("Portal.Web", problem.Detail, StringComparison.Ordinal);
        Assert.StartsWith("The request could not be read.", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void For_KestrelsOwnTooLargeMessage_AnswersAPlainSentence()
    {
        var ex = new BadHttpRequestException("Request body too large. The max request body size is 30000000 bytes.", 413);

        var problem = Assert.IsType<ProblemHttpResult>(BadRequestProblems.For(ex)).ProblemDetails;

        Assert.Equal("The request body is larger than this endpoint accepts.", problem.Detail);
    }

    [Fact]
    public void For_PortalsOwnBodyLimit_NamesTheLimitAndSetting()
    {
        var ex = new BadHttpRequestException(RequestBodyLimits.TooLargeMessage(2048, "Limits:ImportMaxBytes"), 413);

        var problem = Assert.IsType<ProblemHttpResult>(BadRequestProblems.For(ex)).ProblemDetails;

        Assert.Equal("The request body is larger than 2 KB, the most this endpoint accepts (setting Limits:ImportMaxBytes).", problem.Detail);
    }

    /// <summary>Replaces the body of a request carrying <see cref="TooLargeHeader"/> with one that fails as Kestrel's does over its limit.</summary>
    private sealed class OversizedBodies : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (ctx.Request.Headers.ContainsKey(TooLargeHeader))
                {
                    ctx.Request.Body = new TooLargeStream();
                }

                return nextMiddleware(ctx);
            });
            next(app);
        };
    }

    private sealed class TooLargeStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw TooLarge();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw TooLarge();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw TooLarge();

        private static BadHttpRequestException TooLarge() =>
            new("Request body too large. The max request body size is 30000000 bytes.", StatusCodes.Status413PayloadTooLarge);
    }
}
