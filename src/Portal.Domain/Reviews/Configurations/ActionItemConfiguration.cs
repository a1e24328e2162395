using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.ToTable("review_action_items");
        b.HasKey(a => a.Id);
        b.HasOne<Review>().WithMany().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Team>().WithMany().HasForeignKey(a => a.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.SetNull);
        b.Property(a => a.Title).HasMaxLength(ActionItem.MaxTitleLength).IsRequired();
        b.Property(a => a.Description).HasMaxLength(ActionItem.MaxDescriptionLength);
        b.Property(a => a.StatusNote).HasMaxLength(ActionItem.MaxNoteLength);
        b.Property(a => a.StatusChangedBy).HasMaxLength(200);
        b.Property(a => a.CreatedBy).HasMaxLength(200);
        b.Property(a => a.CreatedByName).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.ReviewId, a.DueOn });
        b.HasIndex(a => new { a.OwnerTeamId, a.Status });
    }
}
