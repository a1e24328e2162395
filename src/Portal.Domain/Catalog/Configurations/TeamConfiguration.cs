using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.MapCatalogEntity("teams");
        b.Property(t => t.Type).HasMaxLength(40);
        b.Property(t => t.ContactChannel).HasMaxLength(200);
        b.Property(t => t.Email).HasMaxLength(320);
        b.HasOne(t => t.ParentTeam).WithMany().HasForeignKey(t => t.ParentTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(t => t.Memberships).WithOne(m => m.Team).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
