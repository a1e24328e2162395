using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Auth;

namespace Portal.Web.Tests.Api.Auditing;

/// <summary>
/// Every write endpoint leaves an audit entry, for a success and for a refusal by authorization. The endpoints are
/// discovered from the app's endpoint data source (every route answering POST, PUT, PATCH or DELETE, or any method), so a
/// new write endpoint fails this test until it has a successful call in <see cref="Successes"/> (which proves it audits)
/// or an exemption with its reason in <see cref="Exempt"/>.
/// </summary>
public sealed partial class AuditCompletenessTests : IAsyncLifetime
{
    /// <summary>Write endpoints that audit nothing, and why that is right.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["POST /auth/local/signin"] = "signing in is anonymous by design; it starts a session and changes no record (the sign-in is logged)",
        ["POST /auth/signout"] = "ends the caller's own session; changes no record",
        ["POST /webhooks/github"] = "anonymous by design, authenticated by its signature; the sync job it queues audits every change it makes, replays are audited as webhook.replay and bad signatures as webhook.refused (WebhookEdgeTests)",
        ["POST /healthz"] = "read-only: answers any method and writes nothing",
        ["POST /healthz/details"] = "read-only: answers any method and writes nothing",
    };

    /// <summary>Write endpoints whose refusal is proved here but whose successful use is proved elsewhere, and where.</summary>
    private static readonly Dictionary<string, string> SuccessProvedElsewhere = new(StringComparer.Ordinal)
    {
        ["POST /jobs/{**path}"] = "the Hangfire dashboard's actions need Hangfire's own antiforgery token; JobsDashboardAuditTests proves they are audited",
    };

    private const string Yaml = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: audit-team
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: audit-storefront
          description: Sells things
        spec:
          type: website
          lifecycle: production
          owner: audit-team
        """;

    private readonly FakeTimeProvider _refusalClock = new(DateTimeOffset.UnixEpoch);
    private PortalWebFactory _factory = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask InitializeAsync()
    {
        // The refusal throttle on a clock of its own, moved on a minute per refusal below: every endpoint's refusal gets
        // an entry of its own, not a count (one person refused on many endpoints is capped, RefusalAuditThrottle).
        _factory = await PortalWebFactory.CreateAsync(
            TestProvider.Sqlite, b => b.ConfigureTestServices(s => s.AddSingleton(new RefusalAuditThrottle(_refusalClock))));
        await _factory.SeedDemoAsync();
        _admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "audit-admin"));
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Every write endpoint as <c>METHOD /pattern</c> (an endpoint answering any method is listed as POST), Blazor's pages and connection left out.</summary>
    private IReadOnlyDictionary<string, RouteEndpoint> WriteEndpoints()
    {
        string[] writes = ["POST", "PUT", "PATCH", "DELETE"];
        var found = new SortedDictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

            // Pages post their forms to themselves (Blazor), and _blazor is Blazor's connection: what a page changes goes
            // through the domain's commands, which audit, refusals too.
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || pattern.StartsWith("/_blazor", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is null || methods.Count == 0 ? ["POST"] : methods.Where(writes.Contains))
            {
                found.TryAdd($"{method} {pattern}", endpoint);
            }
        }

        return found;
    }

    /// <summary>A path the endpoint's route matches: each parameter given a value its constraints accept.</summary>
    private static string PathFor(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
                    RoutePatternParameterPart p when p.Name == "kind" => "component",
                    RoutePatternParameterPart p when p.Name == "decision" => "approve",
                    RoutePatternParameterPart p when p.Name == "quarter" => "2027-Q1",
                    RoutePatternParameterPart => "payments",
                    _ => "",
                });
            }
        }

        return path.ToString();
    }

    [Fact]
    public async Task EveryWriteEndpoint_RefusedByAuthorization_LeavesARefusedEntry()
    {
        var cookie = await SignInAsync();
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var missing = new List<string>();
        foreach (var (key, endpoint) in WriteEndpoints().Where(e => !Exempt.ContainsKey(e.Key)))
        {
            // A signed-in browser without an API token: the API's policy refuses every write (CSRF), admin-only routes refuse
            // anyone who is not an admin.
            // A body of a type the endpoint accepts, else routing answers 415 before authorization is asked.
            var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
            using var request = new HttpRequestMessage(new HttpMethod(key.Split(' ')[0]), PathFor(endpoint.RoutePattern))
            {
                Content = new StringContent(accepts.Contains("json", StringComparison.Ordinal) ? "{}" : "x", Encoding.UTF8, accepts),
            };
            request.Headers.Add("Cookie", cookie);
            _refusalClock.Advance(RefusalAuditThrottle.Window);
            var response = await client.SendAsync(request, Ct);
            var audited = await AuditedAsync(a => a.Action == AuditedAuthorizationResults.ForbiddenAction && a.EntityKey == key && !a.Succeeded);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Redirect) || !audited)
            {
                missing.Add($"{key}: answered {(int)response.StatusCode}, refusal audited: {audited}");
            }
        }

        Assert.True(missing.Count == 0, "Refusals not audited:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task EveryWriteEndpoint_Succeeding_LeavesAnEntryByItsCaller()
    {
        var discovered = WriteEndpoints().Keys.Where(k => !Exempt.ContainsKey(k) && !SuccessProvedElsewhere.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);
        var successes = Successes();
        var unproved = discovered.Except(successes.Select(s => s.Key)).ToList();
        var stale = successes.Select(s => s.Key).Except(discovered).ToList();
        Assert.True(unproved.Count == 0, "Write endpoints with no proof that they audit; add a successful call to Successes() (or an exemption with its reason):\n" + string.Join("\n", unproved));
        Assert.True(stale.Count == 0, "Successes() names endpoints that no longer exist:\n" + string.Join("\n", stale));

        var failures = new List<string>();
        foreach (var (key, call) in successes)
        {
            var before = await LastAuditIdAsync();
            var response = await call();
            var audited = await AuditedAsync(a => a.Id > before && a.Actor.StartsWith("token:audit-admin") && a.Succeeded);
            if (!response.IsSuccessStatusCode || !audited)
            {
                failures.Add($"{key}: answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}, audited: {audited}");
            }
        }

        Assert.True(failures.Count == 0, "Successful writes not audited:\n" + string.Join("\n", failures));
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = _factory.Database.CreateContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id, Ct) ?? 0;
    }

    private async Task<bool> AuditedAsync(System.Linq.Expressions.Expression<Func<Portal.Domain.Auditing.AuditEntry, bool>> match)
    {
        await using var db = _factory.Database.CreateContext();
        return await db.AuditEntries.AnyAsync(match, Ct);
    }

    /// <summary>Signs in a catalog person through the local sign-in form and returns the session cookie.</summary>
    private async Task<string> SignInAsync()
    {
        await using var db = _factory.Database.CreateContext();
        // Not an admin (the data has admins too, and an unordered First picked one now and then: an admin passes /jobs's
        // policy and Hangfire answers 404 instead of a refusal).
        var person = await db.People.Where(p => !p.IsOrphaned && p.Role != PortalRole.Admin).OrderBy(p => p.Name).Select(p => p.Name).FirstAsync(Ct);
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/signin", Ct);
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/local/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["person"] = person }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("error=", signedIn.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        return string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
