using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.MapCatalogEntity("resources");
        b.HasOne(r => r.OwnerTeam).WithMany().HasForeignKey(r => r.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(r => r.System).WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.SetNull);
    }
}
