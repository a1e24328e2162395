using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Sync.Configurations;

internal sealed class SyncRunErrorConfiguration : IEntityTypeConfiguration<SyncRunError>
{
    public void Configure(EntityTypeBuilder<SyncRunError> b)
    {
        b.ToTable("sync_run_errors");
        b.HasKey(e => e.Id);
        b.Property(e => e.Repository).HasMaxLength(300);
        b.Property(e => e.Path).HasMaxLength(500);
        b.Property(e => e.Message).HasMaxLength(2000);
    }
}
