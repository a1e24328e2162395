using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Ingest.Demo;
using Portal.Testing;

namespace Portal.Web.Tests;

/// <summary>The real app on a fresh, migrated database of the given provider (with extra settings or services, if any).</summary>
public sealed class PortalWebFactory(TestDatabase database, bool ownsDatabase = true, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    public static async Task<PortalWebFactory> CreateAsync(TestProvider provider, Action<IWebHostBuilder>? configure = null) =>
        new(await TestDatabase.CreateAsync(provider), configure: configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider == TestProvider.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Portal", Database.ConnectionString);
        builder.UseSetting("Auth:Mode", "Local");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        configure?.Invoke(builder);
    }

    /// <summary>The demo company without last quarter's review (tests that need it seed it with <c>DemoReviewSeeder</c>).</summary>
    public async Task SeedDemoAsync() =>
        await new DemoSeeder(Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), Services.GetRequiredService<TimeProvider>()).SeedAsync();

    /// <summary>A new token's secret, of <paramref name="role"/> (without a name, a fresh one: token names in use are unique); made by the admin <paramref name="createdBy"/> ("test" unless said), whom it answers for.</summary>
    public async Task<string> CreateTokenAsync(PortalRole role, string? name = null, string createdBy = "test")
    {
        var (_, secret) = await Services.GetRequiredService<ApiTokenService>()
            .CreateAsync(new Actor(createdBy, createdBy, PortalRole.Admin, new HashSet<Guid>()), name ?? $"test-{Guid.NewGuid():N}", role);
        return secret;
    }

    public HttpClient CreateClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
