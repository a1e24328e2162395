using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Portal.Testing.FakeGitHub;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// The webhook edge: what the headers condemn is refused before a byte of the body is read (a body that never ends
/// proves it: reading it would hang the test), a signed body streams through the HMAC, and deliveries beyond the
/// concurrency gate answer 429.
/// </summary>
public sealed class WebhookEdgeTests : IAsyncDisposable
{
    private const string Secret = "edge-webhook-secret";

    private PortalWebFactory? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private async Task<HttpClient> ClientAsync(params (string Key, string Value)[] settings)
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    /// <summary>A POST whose body sends one chunk and then never ends; the caller's timeout stops it.</summary>
    private static HttpRequestMessage Endless(string? eventName = "push", string? delivery = "d-1", string? signature = "sha256=" + "ab")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StreamContent(new EndlessStream()) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("X-GitHub-Event", eventName), ("X-GitHub-Delivery", delivery), ("X-Hub-Signature-256", signature)])
        {
            if (value is not null)
            {
                request.Headers.Add(name, value);
            }
        }

        return request;
    }

    private static async Task<HttpResponseMessage> SendWithin10SecondsAsync(HttpClient client, HttpRequestMessage request)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    [Fact]
    public async Task Webhook_NoSecretConfigured_Answers503WithoutReadingTheBody()
    {
        var client = await ClientAsync();

        var response = await SendWithin10SecondsAsync(client, Endless(signature: "sha256=" + new string('a', 64)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("GitHub:WebhookSecret", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "d-1", "sha256=" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", HttpStatusCode.BadRequest)]
    [InlineData("push", null, "sha256=" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", HttpStatusCode.BadRequest)]
    [InlineData("push", "d-1", null, HttpStatusCode.Unauthorized)]
    [InlineData("push", "d-1", "sha1=0123456789abcdef0123456789abcdef01234567", HttpStatusCode.Unauthorized)]
    [InlineData("push", "d-1", "sha256=not-hex", HttpStatusCode.Unauthorized)]
    public async Task Webhook_HeaderMissingOrMalformed_RefusedWithoutReadingTheBody(string? eventName, string? delivery, string? signature, HttpStatusCode expected)
    {
        var client = await ClientAsync(("GitHub:WebhookSecret", Secret));

        var response = await SendWithin10SecondsAsync(client, Endless(eventName, delivery, signature));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_SignedChunkedBody_IsHashedWhileStreamingAndAccepted()
    {
        var client = await ClientAsync(("GitHub:WebhookSecret", Secret));
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"" + new string('z', 100_000) + "\",\"hook_id\":7}");
        using var request = FakeWebhookDelivery.Request("ping", Encoding.UTF8.GetString(body), Secret);
        var signature = request.Headers.GetValues("X-Hub-Signature-256").Single();
        request.Content = new StreamContent(new UnknownLengthStream(body));
        request.Content.Headers.ContentType = new("application/json");

        var accepted = await client.SendAsync(request, Ct);
        using var tampered = FakeWebhookDelivery.Request("ping", Encoding.UTF8.GetString(body) + " ", Secret);
        tampered.Headers.Remove("X-Hub-Signature-256");
        tampered.Headers.Add("X-Hub-Signature-256", signature);
        var refused = await client.SendAsync(tampered, Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Webhook_BadSignatures_RefusedAndAuditedOnceAMinutePerAddressWithTheRestCounted()
    {
        var client = await ClientAsync(("GitHub:WebhookSecret", Secret));
        using var missing = FakeWebhookDelivery.Request("ping", "{}", Secret);
        missing.Headers.Remove("X-Hub-Signature-256");
        using var wrong = FakeWebhookDelivery.Request("ping", "{}", "another-secret");
        using var wrongAgain = FakeWebhookDelivery.Request("ping", "{ }", "another-secret");

        var answers = new[] { await client.SendAsync(missing, Ct), await client.SendAsync(wrong, Ct), await client.SendAsync(wrongAgain, Ct) };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await using var db = _factory!.Database.CreateContext();
        var refused = Assert.Single(db.AuditEntries.Where(a => a.Action == GitHubHosting.SignatureRefusedAction).ToList());
        Assert.Equal(("anonymous", "POST /webhooks/github", false), (refused.Actor, refused.EntityKey, refused.Succeeded));
        Assert.Contains("X-Hub-Signature-256", refused.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_MoreAtOnceThanTheGateAndItsQueue_Answers429WithRetryAfter()
    {
        var client = await ClientAsync(("GitHub:WebhookSecret", Secret), ("Limits:WebhookConcurrency", "1"));
        var gate = _factory!.Services.GetRequiredService<ConcurrencyGates>().For("Limits:WebhookConcurrency", 1);
        using var running = gate.AttemptAcquire();
        Assert.True(running.IsAcquired);
        var waiting = gate.AcquireAsync(1, Ct).AsTask();

        var refused = await client.SendAsync(FakeWebhookDelivery.Request("ping", "{}", Secret), Ct);
        running.Dispose();
        (await waiting).Dispose();
        var later = await client.SendAsync(FakeWebhookDelivery.Request("ping", "{}", Secret), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("2", refused.Headers.GetValues("Retry-After").Single());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Limits:WebhookConcurrency", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    /// <summary>A body whose length the client cannot know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>Gives one byte of JSON, then waits forever (until cancelled).</summary>
    private sealed class EndlessStream : Stream
    {
        private bool _started;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_started)
            {
                _started = true;
                buffer.Span[0] = (byte)'{';
                return 1;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
