using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Testing;
using Portal.Web.Auth;

namespace Portal.Web.Tests.Auth;

/// <summary>
/// Auditing a refusal never changes the answer: when the audit write fails (on PostgreSQL an outage ends in EF Core's
/// <see cref="RetryLimitExceededException"/>) the caller still gets its 401 or 403, and a caller who hangs up at once is
/// still audited.
/// </summary>
public sealed class RefusalAnswerTests : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;
    private bool _auditDown;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _factory = await PortalWebFactory.CreateAsync(TestProvider.Sqlite, b => b.ConfigureTestServices(s => s.AddSingleton(sp =>
            new RefusalAudit(
                new SwitchableFactory(sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), () => _auditDown),
                sp.GetRequiredService<RefusalAuditThrottle>(),
                sp.GetRequiredService<ILogger<RefusalAudit>>()))));

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task UnknownToken_AuditWriteFailsWithRetryLimitExceeded_Still401WithProblemAndChallenge()
    {
        _auditDown = true;
        var response = await _factory.CreateClient("ptl_not-a-token").GetAsync("/api/v1/services", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Not signed in", problem.GetProperty("title").GetString());
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewerOnAnAdminEndpoint_AuditWriteFailsWithRetryLimitExceeded_Still403()
    {
        var client = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Viewer));
        _auditDown = true;

        var response = await client.GetAsync("/api/v1/audit.csv", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SignedInCallerHangsUpAtOnce_RefusalStillAudited()
    {
        var refusals = _factory.Services.GetRequiredService<IAuthorizationMiddlewareResultHandler>();
        using var hungUp = new CancellationTokenSource();
        await hungUp.CancelAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            RequestAborted = hungUp.Token,
            User = PortalClaims.Create("ada", "Ada", PortalRole.Viewer, PortalClaims.LocalSource, CookieAuthenticationDefaults.AuthenticationScheme),
        };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/v1/audit.csv";
        var policy = new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole("Admin").Build();

        await refusals.HandleAsync(_ => Task.CompletedTask, context, policy, PolicyAuthorizationResult.Forbid());

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        await using var db = _factory.Database.CreateContext();
        var entry = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditedAuthorizationResults.ForbiddenAction).ToListAsync(Ct));
        Assert.Equal(("ada", "GET /api/v1/audit.csv", false), (entry.Actor, entry.EntityKey, entry.Succeeded));
    }

    [Fact]
    public async Task VeryLongPath_EntryKeepsTheFirst256Characters()
    {
        var path = "/api/v1/services/" + new string('x', 5000);

        var response = await _factory.CreateClient("ptl_not-a-token").GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = _factory.Database.CreateContext();
        var entry = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditedAuthorizationResults.TokenRefusedAction).ToListAsync(Ct));
        var details = JsonDocument.Parse(entry.After!).RootElement;
        var logged = details.GetProperty("path").GetString()!;
        Assert.Equal(AuditWrite.MaxTextLength, logged.Length);
        Assert.EndsWith("…", logged, StringComparison.Ordinal);
        Assert.StartsWith("/api/v1/services/xxx", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounded_NeverSplitsASurrogatePair()
    {
        var text = new string('a', AuditWrite.MaxTextLength - 2) + "😀" + new string('b', 10);

        var bounded = AuditWrite.Bounded(text)!;

        Assert.EndsWith("a…", bounded, StringComparison.Ordinal);
        Assert.Equal(AuditWrite.MaxTextLength - 1, bounded.Length);
        Assert.Equal(text[..AuditWrite.MaxTextLength], AuditWrite.Bounded(text[..AuditWrite.MaxTextLength]));
    }

    /// <summary>The real database until <c>down</c> says otherwise; then fails as EF Core's retrying strategy does once PostgreSQL stays away.</summary>
    private sealed class SwitchableFactory(IDbContextFactory<PortalDbContext> inner, Func<bool> down) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            down() ? throw new RetryLimitExceededException("The database is down.", new TimeoutException()) : inner.CreateDbContext();
    }
}
