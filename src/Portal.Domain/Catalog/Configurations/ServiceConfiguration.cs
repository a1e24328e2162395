using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.MapCatalogEntity("services");
        b.Property(s => s.Kind).HasMaxLength(40);
        b.Property(s => s.OwnerRef).HasMaxLength(200);
        b.Ignore(s => s.IsOwnedByPerson);
        b.Property(s => s.RepositoryUrl).HasMaxLength(500);
        b.Property(s => s.SearchText).HasMaxLength(12_000);
        b.Property(s => s.Links)
            .HasConversion(JsonValue.Converter<List<ServiceLink>>(() => []), JsonValue.Comparer<List<ServiceLink>>());
        b.PrimitiveCollection(s => s.Tags);
        b.HasOne(s => s.OwnerTeam).WithMany().HasForeignKey(s => s.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(s => s.OnCallTeam).WithMany().HasForeignKey(s => s.OnCallTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(s => s.System).WithMany().HasForeignKey(s => s.SystemId).OnDelete(DeleteBehavior.SetNull);

        // The catalog grid sorts and filters by these; counting and paging stay in the database.
        b.HasIndex(s => s.Name);
        b.HasIndex(s => s.OwnerTeamId);
        b.HasIndex(s => s.SystemId);
        b.HasIndex(s => new { s.Tier, s.Name });
        b.HasIndex(s => new { s.Lifecycle, s.Name });
        b.HasIndex(s => s.Kind);
    }
}
