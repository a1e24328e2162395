using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class PendingReferenceConfiguration : IEntityTypeConfiguration<PendingReference>
{
    public void Configure(EntityTypeBuilder<PendingReference> b)
    {
        b.ToTable("pending_references");
        b.HasKey(x => x.Id);
        b.Property(x => x.RecordKind).HasMaxLength(40);
        b.Property(x => x.Field).HasMaxLength(40);
        b.Property(x => x.Target).HasMaxLength(PendingReference.MaxTargetLength);
        b.HasIndex(x => new { x.RecordId, x.Field, x.Target }).IsUnique();
        b.HasIndex(x => x.Target);
    }
}
