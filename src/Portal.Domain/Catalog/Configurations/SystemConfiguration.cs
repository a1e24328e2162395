using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class SystemConfiguration : IEntityTypeConfiguration<SoftwareSystem>
{
    public void Configure(EntityTypeBuilder<SoftwareSystem> b)
    {
        b.MapCatalogEntity("systems");
        b.HasOne(s => s.OwnerTeam).WithMany().HasForeignKey(s => s.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(s => s.Domain).WithMany().HasForeignKey(s => s.DomainId).OnDelete(DeleteBehavior.SetNull);
    }
}
