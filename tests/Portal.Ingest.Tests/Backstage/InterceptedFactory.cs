using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Persistence;
using Portal.Testing;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Contexts on the test database with an interceptor added.</summary>
internal sealed class InterceptedFactory(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<PortalDbContext>(database.Options()).AddInterceptors(interceptor).Options);
}
