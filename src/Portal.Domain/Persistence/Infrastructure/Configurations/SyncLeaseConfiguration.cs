using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Persistence.Infrastructure.Configurations;

internal sealed class SyncLeaseConfiguration : IEntityTypeConfiguration<SyncLease>
{
    public void Configure(EntityTypeBuilder<SyncLease> b)
    {
        b.ToTable("sync_leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.Holder).HasMaxLength(200);
    }
}
