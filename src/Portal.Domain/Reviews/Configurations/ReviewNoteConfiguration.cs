using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class ReviewNoteConfiguration : IEntityTypeConfiguration<ReviewNote>
{
    public void Configure(EntityTypeBuilder<ReviewNote> b)
    {
        b.ToTable("review_notes");
        b.HasKey(n => n.Id);
        b.HasOne<Review>().WithMany().HasForeignKey(n => n.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Team>().WithMany().HasForeignKey(n => n.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.Property(n => n.Text).HasMaxLength(ReviewNote.MaxTextLength).IsRequired();
        b.Property(n => n.CreatedBy).HasMaxLength(200);
        b.Property(n => n.CreatedByName).HasMaxLength(200);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasIndex(n => new { n.ReviewId, n.CreatedAt });
    }
}
