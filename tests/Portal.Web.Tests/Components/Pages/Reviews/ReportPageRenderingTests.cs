using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Persistence;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Cli;

namespace Portal.Web.Tests.Components.Pages.Reviews;

/// <summary>
/// The printable review report is rendered once on the server as plain HTML (<c>[ExcludeFromInteractiveRouting]</c>):
/// the whole report is in the response and no circuit is started to render it again, while every other page stays
/// interactive and signing in is still required.
/// </summary>
public sealed partial class ReportPageRenderingTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;
    private string _quarter = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite);
        await _factory.SeedDemoAsync();
        _quarter = (await _factory.Services.GetRequiredService<DemoReviewSeeder>().SeedAsync(Ct))!;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What marks a component the browser should start a circuit for in prerendered HTML.</summary>
    private const string InteractiveMarker = "\"type\":\"server\"";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Signs in on the local sign-in form as <paramref name="person"/>; returns the cookies to send.</summary>
    private async Task<string> SignInAsync(string person)
    {
        var client = Client();
        var page = await client.GetAsync("/signin", Ct);
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/local/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["person"] = person, ["returnUrl"] = "/" }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await Client().SendAsync(request, Ct);
    }

    [Fact]
    public async Task Report_SignedIn_WholeReportInTheHtmlAndNoCircuit()
    {
        var cookies = await SignInAsync("fatima.zahra");

        var report = await GetAsync($"/reviews/{_quarter}/report", cookies);
        var review = await GetAsync($"/reviews/{_quarter}", cookies);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (report.StatusCode, review.StatusCode));
        var html = await report.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-render-mode=\"static\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"report-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"review-teams\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"report-initiatives\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(InteractiveMarker, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading the report", html, StringComparison.Ordinal);
        Assert.Contains(InteractiveMarker, await review.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The per-team table is a plain semantic table, not MudBlazor's.
        var teams = html[html.IndexOf("data-testid=\"review-teams\"", StringComparison.Ordinal)..];
        teams = teams[..teams.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("<table class=\"portal-table\"><caption>", teams, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">", teams, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-simple-table", teams, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoTimeZoneCookieYet_SaysItCountsFromUtc()
    {
        var cookies = await SignInAsync("fatima.zahra");

        var first = await (await GetAsync($"/reviews/{_quarter}/report", cookies)).Content.ReadAsStringAsync(Ct);
        var later = await (await GetAsync($"/reviews/{_quarter}/report", cookies + "; portal-browser-tz=Europe/Stockholm")).Content.ReadAsStringAsync(Ct);

        Assert.Contains("Times and days in UTC", first, StringComparison.Ordinal);
        Assert.Contains("has not told Portal its time zone yet", first, StringComparison.Ordinal);
        Assert.Contains("Times and days in Europe/Stockholm", later, StringComparison.Ordinal);
        Assert.DoesNotContain("has not told Portal its time zone yet", later, StringComparison.Ordinal);

        // The hint is for the screen: printed, it would only be noise on the PDF.
        Assert.Contains("<span class=\"no-print\" data-testid=\"report-zone-hint\">Your browser has not told Portal", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_DayLine_OpenFromTodayClosedFromItsClosingDayWithoutAComparisonNothing()
    {
        // 2030-Q1 closed (compared with the demo's closed review), 2030-Q2 open (compared with now).
        Assert.Equal(0, await ReviewCloseVerb.RunAsync(_factory.Services, ["2030-Q1"], new StringWriter(), new StringWriter(), Ct));
        var admin = new Actor("erik.johansson", "Erik Johansson", PortalRole.Admin, new HashSet<Guid>());
        await _factory.Services.GetRequiredService<ReviewCommands>().CreateAsync(admin, new ReviewInput("2030-Q2"), Ct);
        DateTime closedAt;
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            closedAt = (await db.ReviewSnapshots.SingleAsync(s => s.Quarter == "2030-Q1" && s.Complete, Ct)).TakenAt;
        }

        var cookies = await SignInAsync("fatima.zahra") + "; portal-browser-tz=Europe/Stockholm";

        var closed = DayLine(await (await GetAsync("/reviews/2030-Q1/report", cookies)).Content.ReadAsStringAsync(Ct));
        var open = DayLine(await (await GetAsync("/reviews/2030-Q2/report", cookies)).Content.ReadAsStringAsync(Ct));
        var first = DayLine(await (await GetAsync($"/reviews/{_quarter}/report", cookies)).Content.ReadAsStringAsync(Ct));

        var closingDay = DateOnly.FromDateTime(closedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"action items due before {closingDay}, the day this review closed (in UTC), count as missed", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("Today is", closed, StringComparison.Ordinal);
        Assert.Contains("Today is ", open, StringComparison.Ordinal);
        Assert.Contains("action items due before today count as missed", open, StringComparison.Ordinal);
        Assert.DoesNotContain("missed", first, StringComparison.Ordinal);
        Assert.Contains("Times and days in Europe/Stockholm.", first, StringComparison.Ordinal);
    }

    /// <summary>The report's line under its title saying which zone its days are in and which day "missed" counts from.</summary>
    private static string DayLine(string html)
    {
        var line = html[html.IndexOf("data-testid=\"report-day\"", StringComparison.Ordinal)..];
        return line[..line.IndexOf("</p>", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Report_Anonymous_SentToSignIn()
    {
        var response = await GetAsync($"/reviews/{_quarter}/report", cookies: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("report-summary", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownQuarter_404AndSaysSoStatically()
    {
        var cookies = await SignInAsync("fatima.zahra");

        var response = await GetAsync("/reviews/2019-Q1/report", cookies);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no review of 2019-Q1", html, StringComparison.Ordinal);
        Assert.DoesNotContain(InteractiveMarker, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/reviews/2031-Q1")]
    [InlineData("/reviews/2031-q1/report")]
    public async Task Review_UnknownQuarter_404NamesTheQuarterAndLinksBackToTheReviews(string path)
    {
        var cookies = await SignInAsync("fatima.zahra");

        var response = await GetAsync(path, cookies);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Matches("<h1[^>]*>There is no review of 2031-Q1</h1>", html);
        Assert.Matches("<a[^>]*href=\"/reviews\"[^>]*data-testid=\"not-found-back\"[^>]*>Back to the reviews</a>|<a[^>]*data-testid=\"not-found-back\"[^>]*href=\"/reviews\"[^>]*>Back to the reviews</a>", html);
        Assert.Contains("Nobody has started a review of that quarter", html, StringComparison.Ordinal);
        Assert.DoesNotContain("There is nothing at this address", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_NotAQuarter_404SaysHowReviewsAreAddressed()
    {
        var cookies = await SignInAsync("fatima.zahra");

        var response = await GetAsync("/reviews/last-year", cookies);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no review of last-year", html, StringComparison.Ordinal);
        Assert.Contains("is not a quarter: reviews are addressed by quarter, such as 2026-Q4.", html, StringComparison.Ordinal);
    }
}
