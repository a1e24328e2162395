using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class ApiConfiguration : IEntityTypeConfiguration<Api>
{
    public void Configure(EntityTypeBuilder<Api> b)
    {
        b.MapCatalogEntity("apis");
        b.Property(a => a.Type).HasMaxLength(40);
        b.HasOne(a => a.OwnerTeam).WithMany().HasForeignKey(a => a.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(a => a.System).WithMany().HasForeignKey(a => a.SystemId).OnDelete(DeleteBehavior.SetNull);
    }
}
