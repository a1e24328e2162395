using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class ReviewClosingConfiguration : IEntityTypeConfiguration<ReviewClosing>
{
    public void Configure(EntityTypeBuilder<ReviewClosing> b)
    {
        b.ToTable("review_closings");
        b.HasKey(c => c.Id);
        b.HasOne<Review>().WithMany().HasForeignKey(c => c.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Phase).HasMaxLength(200);
        b.Property(c => c.RequestedBy).HasMaxLength(200);
        b.Property(c => c.RequestedByName).HasMaxLength(200);
        b.Property(c => c.Error).HasMaxLength(ReviewClosing.MaxErrorLength);
        b.Property(c => c.Claim).IsConcurrencyToken();
        b.Ignore(c => c.IsFinished);
        b.Ignore(c => c.IsGivenUp);
        b.HasIndex(c => new { c.ReviewId, c.RequestedAt });
    }
}
