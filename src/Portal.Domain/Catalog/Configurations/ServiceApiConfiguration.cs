using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

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
