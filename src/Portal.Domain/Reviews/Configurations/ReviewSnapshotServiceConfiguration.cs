using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class ReviewSnapshotServiceConfiguration : IEntityTypeConfiguration<ReviewSnapshotService>
{
    public void Configure(EntityTypeBuilder<ReviewSnapshotService> b)
    {
        b.ToTable("review_snapshot_services");
        b.HasKey(s => s.Id);

        // The only link is to its snapshot: services, teams and criteria are copied, so nothing live can change or remove the record.
        b.HasOne<ReviewSnapshot>().WithMany().HasForeignKey(s => s.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Service).HasMaxLength(200).IsRequired();
        b.Property(s => s.DisplayName).HasMaxLength(300).IsRequired();
        b.Property(s => s.Team).HasMaxLength(200);
        b.Property(s => s.TeamName).HasMaxLength(300);
        b.Property(s => s.Levels).HasMaxLength(16);
        b.Property(s => s.Statuses).HasMaxLength(500);
        b.Property(s => s.Detail).IsRequired();
        b.HasIndex(s => new { s.SnapshotId, s.Service }).IsUnique();
        b.HasIndex(s => new { s.SnapshotId, s.Team });
    }
}
