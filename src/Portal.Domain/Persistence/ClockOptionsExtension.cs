using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Domain.Persistence;

/// <summary>
/// Carries the <see cref="TimeProvider"/> that <see cref="PortalDbContext"/> stamps saved rows with
/// (<see cref="PortalDbContextOptions.UseClock"/>). It adds no EF services, so contexts with different clocks share
/// one internal service provider.
/// </summary>
internal sealed class ClockOptionsExtension(TimeProvider clock) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public TimeProvider Clock { get; } = clock;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "UseClock ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Portal:Clock"] = "1";
    }
}
