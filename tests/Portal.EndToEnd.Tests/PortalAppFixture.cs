using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Ingest.Demo;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// The real Portal (its <c>Program</c>, Kestrel, Blazor circuits, Hangfire) on a free 127.0.0.1 port,
/// in Local sign-in mode, on a fresh SQLite file that the app migrates at start. The catalog is empty.
/// </summary>
public class PortalAppFixture : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}.db");
    private PortalFactory? _factory;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not been started yet.");

    public virtual async ValueTask InitializeAsync()
    {
        _factory = new PortalFactory($"Data Source={_databasePath};Foreign Keys=True", Settings);
        // Loopback only: the app refuses Local sign-in mode on a network-facing address.
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single().TrimEnd('/') + "/");
        await SeedAsync(_factory.Services);
    }

    /// <summary>Settings on top of the fixture's own, e.g. a GitHub organisation.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Puts data in the database once the app has started (and migrated it).</summary>
    protected virtual Task SeedAsync(IServiceProvider services) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        // Pooled connections keep the file open; release them so it can be deleted.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_databasePath + suffix);
        }

        GC.SuppressFinalize(this);
    }

    private sealed class PortalFactory(string connectionString, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Portal", connectionString);
            builder.UseSetting("Auth:Mode", "Local");
            // Test output shows the app's log on failure; keep it to what might explain one.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Hangfire", "Warning");

            // Journeys sign in and call the API far more often than a person: the limiter stays on, with room for them.
            foreach (var rule in new[] { "ApiPerToken", "ApiPerAddress", "SignIn", "Webhook" })
            {
                builder.UseSetting($"Limits:{rule}:PermitLimit", "1000000");
                builder.UseSetting($"Limits:{rule}:WindowSeconds", "1");
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>The app with the demo company ("Quill &amp; Ledger") loaded through <see cref="DemoSeeder"/>.</summary>
public sealed class DemoPortalAppFixture : PortalAppFixture
{
    /// <summary>Team channels link to a (made-up) Slack workspace, as a company's portal would.</summary>
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Chat:ChannelUrl"] = "https://quill-ledger.slack.com/app_redirect?channel={channel}",
    };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        // Every part, the last quarter's review included, as the dashboard's button loads it.
        await services.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
