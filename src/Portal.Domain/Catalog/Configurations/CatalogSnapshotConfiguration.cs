using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class CatalogSnapshotConfiguration : IEntityTypeConfiguration<CatalogSnapshot>
{
    public void Configure(EntityTypeBuilder<CatalogSnapshot> b)
    {
        b.ToTable("catalog_snapshots");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.Day).IsUnique();
    }
}
