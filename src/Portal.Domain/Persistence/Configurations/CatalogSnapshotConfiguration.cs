using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;

namespace Portal.Domain.Persistence.Configurations;

internal sealed class CatalogSnapshotConfiguration : IEntityTypeConfiguration<CatalogSnapshot>
{
    public void Configure(EntityTypeBuilder<CatalogSnapshot> b)
    {
        b.ToTable("catalog_snapshots");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.Day).IsUnique();
    }
}
