using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Portal.Domain.Persistence;

/// <summary>Options of <see cref="PortalDbContext"/> that are the portal's own, not a provider's.</summary>
public static class PortalDbContextOptions
{
    /// <summary>
    /// The clock that stamps saved rows (created, updated, audited, heartbeat times). Hosts pass the injected
    /// <see cref="TimeProvider"/>; without one (design-time tools) the system clock is used.
    /// </summary>
    public static DbContextOptionsBuilder<PortalDbContext> UseClock(this DbContextOptionsBuilder<PortalDbContext> builder, TimeProvider clock)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ClockOptionsExtension(clock));
        return builder;
    }

    internal static TimeProvider ClockOf(DbContextOptions options) => options.FindExtension<ClockOptionsExtension>()?.Clock ?? TimeProvider.System;
}
