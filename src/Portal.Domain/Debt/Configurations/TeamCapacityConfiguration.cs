using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Debt.Configurations;

internal sealed class TeamCapacityConfiguration : IEntityTypeConfiguration<TeamCapacity>
{
    public void Configure(EntityTypeBuilder<TeamCapacity> b)
    {
        b.ToTable("team_capacities");
        b.HasKey(c => c.Id);
        b.Property(c => c.Quarter).HasMaxLength(7).IsRequired();
        b.Property(c => c.UpdatedBy).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Team).WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.TeamId, c.Quarter }).IsUnique();
        b.HasIndex(c => c.Quarter);
    }
}
