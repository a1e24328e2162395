using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;

namespace Portal.Domain.Persistence.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.MapCatalogEntity("resources");
        b.HasOne(r => r.OwnerTeam).WithMany().HasForeignKey(r => r.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(r => r.System).WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.SetNull);
    }
}

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

internal sealed class ServiceApiConfiguration : IEntityTypeConfiguration<ServiceApi>
{
    public void Configure(EntityTypeBuilder<ServiceApi> b)
    {
        b.ToTable("service_apis");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ServiceId, x.ApiId, x.Relation }).IsUnique();
        b.HasIndex(x => x.ApiId);
        b.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Api).WithMany().HasForeignKey(x => x.ApiId).OnDelete(DeleteBehavior.Cascade);
    }
}
