using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Testing;

namespace Portal.Web.Tests.Api.Debt;

/// <summary><c>POST /api/v1/debt/{id}/stop-following</c>: admins stop an item following its GitHub issue.</summary>
public abstract class DebtStopFollowingApiTests(TestProvider provider) : IAsyncLifetime
{
    private PortalWebFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = await PortalWebFactory.CreateAsync(provider);
        await _factory.SeedDemoAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task StopFollowing_Admin_ItemIsPortalsOwn()
    {
        var id = await MirrorAsync();
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var response = await admin.PostAsJsonAsync($"/api/v1/debt/{id}/stop-following", new { version = 0 }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("manual", item.GetProperty("summary").GetProperty("source").GetString()?.ToLowerInvariant());
        Assert.Equal(JsonValueKind.String, item.GetProperty("mirrorStoppedAt").ValueKind);
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == DebtCommands.StopFollowingAction && a.Succeeded && a.EntityKey == id.ToString(), Ct));
        }

        var again = await admin.PostAsJsonAsync($"/api/v1/debt/{id}/stop-following", new { version = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("does not follow a GitHub issue", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopFollowing_EditorStaleVersionOrNoVersion_RefusedAndStillFollowing()
    {
        var id = await MirrorAsync();
        var editor = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Editor));
        var admin = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin));

        var forbidden = await editor.PostAsJsonAsync($"/api/v1/debt/{id}/stop-following", new { version = 0 }, Ct);
        var stale = await admin.PostAsJsonAsync($"/api/v1/debt/{id}/stop-following", new { version = 3 }, Ct);
        var missing = await admin.PostAsJsonAsync($"/api/v1/debt/{id}/stop-following", new { }, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.BadRequest), (forbidden.StatusCode, stale.StatusCode, missing.StatusCode));
        Assert.Contains("version", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        Assert.True((await db.DebtItems.SingleAsync(i => i.Id == id, Ct)).IsMirrored);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == DebtCommands.StopFollowingAction + ".denied" && !a.Succeeded, Ct));
    }

    private async Task<Guid> MirrorAsync()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
            var repository = new GitHubRepository(1, "acme", "payments");
            repository.Describe("acme", "payments", "R_1", null, null, [], "main", "https://github.com/acme/payments", false, false, null);
            repository.LinkService(payments.Id);
            db.GitHubRepositories.Add(repository);
            await db.SaveChangesAsync(Ct);
        }

        var issue = new MirroredIssue("https://github.com/acme/payments/issues/7", "acme", "payments", 7, "Retry storm in invoices", "Body", false, false, null, ["tech-debt"])
        {
            Id = 707,
            AuthorLogin = "octocat",
            AuthorAssociation = "MEMBER",
        };
        var sync = new Actor("github:acme/payments", "GitHub acme/payments", PortalRole.Admin, new HashSet<Guid>());
        return (await _factory.Services.GetRequiredService<DebtMirrorCommands>().MirrorAsync(sync, issue, Ct)).ItemId!.Value;
    }
}

public sealed class SqliteDebtStopFollowingApiTests() : DebtStopFollowingApiTests(TestProvider.Sqlite);

public sealed class PostgresDebtStopFollowingApiTests() : DebtStopFollowingApiTests(TestProvider.Postgres);
