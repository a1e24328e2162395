using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class DependencyConfiguration : IEntityTypeConfiguration<Dependency>
{
    public void Configure(EntityTypeBuilder<Dependency> b)
    {
        b.ToTable("dependencies", t => t.HasCheckConstraint(
            "ck_dependencies_one_target",
            "(target_service_id IS NULL) <> (target_resource_id IS NULL)"));
        b.HasKey(d => d.Id);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne(d => d.SourceService).WithMany().HasForeignKey(d => d.SourceServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.TargetService).WithMany().HasForeignKey(d => d.TargetServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.TargetResource).WithMany().HasForeignKey(d => d.TargetResourceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.SourceServiceId, d.TargetServiceId }).IsUnique();
        b.HasIndex(d => new { d.SourceServiceId, d.TargetResourceId }).IsUnique();
        b.HasIndex(d => d.TargetServiceId);
        b.HasIndex(d => d.TargetResourceId);
    }
}
