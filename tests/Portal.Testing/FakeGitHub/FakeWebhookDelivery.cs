using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Testing.FakeGitHub;

/// <summary>Webhook deliveries as GitHub sends them: JSON body, event and delivery headers, HMAC-SHA256 signature.</summary>
public static class FakeWebhookDelivery
{
    /// <summary>The <c>X-Hub-Signature-256</c> value GitHub computes for <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A POST to <c>webhooks/github</c> (relative to the client's base address), signed with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Request(string eventName, string body, string secret, string? deliveryId = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/github") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", Signature(secret, bytes));
        return request;
    }
}
