using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class BusinessDomainConfiguration : IEntityTypeConfiguration<BusinessDomain>
{
    public void Configure(EntityTypeBuilder<BusinessDomain> b)
    {
        b.MapCatalogEntity("domains");
        b.HasOne(d => d.OwnerTeam).WithMany().HasForeignKey(d => d.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
