using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Reviews.Snapshots;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class ReviewSnapshotConfiguration : IEntityTypeConfiguration<ReviewSnapshot>
{
    public void Configure(EntityTypeBuilder<ReviewSnapshot> b)
    {
        b.ToTable("review_snapshots");
        b.HasKey(s => s.Id);
        b.HasOne<Review>().WithMany().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Quarter).HasMaxLength(7).IsRequired();
        b.Property(s => s.ClosedBy).HasMaxLength(200);
        b.Property(s => s.CriterionKeys).HasMaxLength(20_000);
        b.Property(s => s.Content).IsRequired();
        b.Ignore(s => s.Keys);
        b.HasIndex(s => new { s.ReviewId, s.Revision }).IsUnique();
        b.HasIndex(s => new { s.Quarter, s.Complete });
    }
}
