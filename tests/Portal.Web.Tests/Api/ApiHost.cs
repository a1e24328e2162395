using Portal.Domain.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Api;

/// <summary>One app on the demo company, shared by a test class whose tests only read or are refused (class fixture).</summary>
public abstract class ApiHost(TestProvider provider) : IAsyncLifetime
{
    public PortalWebFactory Factory { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = await PortalWebFactory.CreateAsync(provider);
        await Factory.SeedDemoAsync();
        Admin = Factory.CreateClient(await Factory.CreateTokenAsync(PortalRole.Admin, "admin"));
        Viewer = Factory.CreateClient(await Factory.CreateTokenAsync(PortalRole.Viewer, "viewer"));
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The shared app on SQLite.</summary>
public sealed class SqliteApiHost() : ApiHost(TestProvider.Sqlite);

/// <summary>The shared app on PostgreSQL.</summary>
public sealed class PostgresApiHost() : ApiHost(TestProvider.Postgres);
