using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portal.Ingest.Jobs;
using Portal.Testing;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Hosting;

/// <summary>Actions on the jobs dashboard are written to the audit log with who, what and which jobs.</summary>
public sealed partial class JobsDashboardAuditTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex DashboardAntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex DashboardAntiforgeryToken();

    public async ValueTask InitializeAsync() => _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(c => c.Split(';')[0]) : []);

    [Fact]
    public async Task TriggerARecurringJob_AuditedWithTheJobsId()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInAsLocalAdministratorAsync(client);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/jobs/recurring");
        page.Headers.Add("Cookie", cookie);
        var dashboard = await client.SendAsync(page, Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync(Ct);
        var header = DashboardAntiforgeryHeader().Match(html);
        var token = DashboardAntiforgeryToken().Match(html);
        Assert.True(header.Success && token.Success, "The dashboard page carries no antiforgery token: " + html[..Math.Min(html.Length, 3000)]);

        using var trigger = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", RescoreDebtJob.RecurringId)]),
        };
        trigger.Headers.Add("Cookie", string.Join("; ", new[] { cookie, Cookies(dashboard) }.Where(c => c.Length > 0)));
        trigger.Headers.TryAddWithoutValidation(header.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[1].Value));
        var response = await client.SendAsync(trigger, Ct);

        Assert.True(response.IsSuccessStatusCode, $"The dashboard answered {(int)response.StatusCode}.");
        await using var db = _factory.Database.CreateContext();
        var entry = Assert.Single(await db.AuditEntries.Where(a => a.Action == JobsDashboardAudit.Action).ToListAsync(Ct));
        Assert.Equal(("local-admin", "job", "/recurring/trigger", true), (entry.Actor, entry.EntityType, entry.EntityKey, entry.Succeeded));
        Assert.Contains(RescoreDebtJob.RecurringId, entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardPolling_StatsPostedEveryFewSeconds_NotAudited()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInAsLocalAdministratorAsync(client);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        page.Headers.Add("Cookie", cookie);
        var dashboard = await client.SendAsync(page, Ct);
        var html = await dashboard.Content.ReadAsStringAsync(Ct);
        var header = DashboardAntiforgeryHeader().Match(html);
        var token = DashboardAntiforgeryToken().Match(html);
        Assert.True(header.Success && token.Success, "The dashboard page carries no antiforgery token.");

        for (var i = 0; i < 3; i++)
        {
            using var stats = new HttpRequestMessage(HttpMethod.Post, "/jobs/stats")
            {
                Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("metrics[]", "enqueued:count")]),
            };
            stats.Headers.Add("Cookie", string.Join("; ", new[] { cookie, Cookies(dashboard) }.Where(c => c.Length > 0)));
            stats.Headers.TryAddWithoutValidation(header.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[1].Value));
            var response = await client.SendAsync(stats, Ct);
            Assert.True(response.IsSuccessStatusCode, $"The dashboard answered {(int)response.StatusCode}.");
        }

        await using var db = _factory.Database.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == JobsDashboardAudit.Action, Ct));
    }

    /// <summary>The built-in administrator (offered while the catalog has nobody to sign in as); returns every cookie set.</summary>
    private static async Task<string> SignInAsLocalAdministratorAsync(HttpClient client)
    {
        var page = await client.GetAsync("/signin", Ct);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/local/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["person"] = "local-admin" }),
        };
        post.Headers.Add("Cookie", Cookies(page));
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return string.Join("; ", new[] { Cookies(page), Cookies(signedIn) }.Where(c => c.Length > 0));
    }
}
