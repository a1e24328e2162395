namespace Portal.Testing;

/// <summary>
/// Base for integration tests: each test class gets its own migrated database on the provider its
/// subclass names, so the same tests run on SQLite and PostgreSQL. Test classes add xunit's
/// <c>IAsyncLifetime</c>, whose members this class already has.
/// </summary>
public abstract class DatabaseTest(TestProvider provider) : IAsyncDisposable
{
    private TestDatabase? _db;

    protected TestProvider Provider { get; } = provider;

    protected TestDatabase Db => _db ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public virtual async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(Provider);

    public virtual async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
