using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Catalog.Configurations;

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> b)
    {
        b.ToTable("team_memberships");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.TeamId, m.PersonId }).IsUnique();
        b.HasIndex(m => m.PersonId);
        b.HasOne(m => m.Person).WithMany(p => p.Memberships).HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
