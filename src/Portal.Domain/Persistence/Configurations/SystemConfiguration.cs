using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;

namespace Portal.Domain.Persistence.Configurations;

internal sealed class SystemConfiguration : IEntityTypeConfiguration<SoftwareSystem>
{
    public void Configure(EntityTypeBuilder<SoftwareSystem> b)
    {
        b.MapCatalogEntity("systems");
        b.HasOne(s => s.OwnerTeam).WithMany().HasForeignKey(s => s.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(s => s.Domain).WithMany().HasForeignKey(s => s.DomainId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BusinessDomainConfiguration : IEntityTypeConfiguration<BusinessDomain>
{
    public void Configure(EntityTypeBuilder<BusinessDomain> b)
    {
        b.MapCatalogEntity("domains");
        b.HasOne(d => d.OwnerTeam).WithMany().HasForeignKey(d => d.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
