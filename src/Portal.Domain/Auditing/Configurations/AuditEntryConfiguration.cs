using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Auditing.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(a => a.Id);
        b.Property(a => a.Actor).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityKey).HasMaxLength(300);
        b.Property(a => a.CorrelationId).HasMaxLength(100);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityKey });
    }
}
