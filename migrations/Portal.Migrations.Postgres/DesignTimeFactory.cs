using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Domain.Persistence;

namespace Portal.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(PostgresProvider.Configure(
        new DbContextOptionsBuilder<PortalDbContext>(),
        Environment.GetEnvironmentVariable("ConnectionStrings__Portal") ?? "Host=localhost;Database=portal_design").Options);
}
