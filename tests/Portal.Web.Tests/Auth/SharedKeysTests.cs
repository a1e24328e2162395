using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Testing;

namespace Portal.Web.Tests.Auth;

/// <summary>Two portal instances on one PostgreSQL database, as behind a load balancer.</summary>
public sealed partial class SharedKeysTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task SignInCookie_FromOneInstance_IsAcceptedByAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(TestProvider.Postgres);
        string cookie;
        await using (var first = new PortalWebFactory(db, ownsDatabase: false))
        {
            var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var page = await client.GetAsync("/signin", ct);
            var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(ct)).Groups[1].Value);
            using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/local/signin")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["person"] = "local-admin" }),
            };
            post.Headers.Add("Cookie", antiforgeryCookie);
            var signedIn = await client.SendAsync(post, ct);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            cookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }

        await using var second = new PortalWebFactory(db, ownsDatabase: false);
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        var response = await other.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
