using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("reviews");
        b.HasKey(r => r.Id);
        b.Property(r => r.Quarter).HasMaxLength(7).IsRequired();
        b.Property(r => r.Title).HasMaxLength(Review.MaxTitleLength).IsRequired();
        b.Property(r => r.ScopeTeamIds).HasConversion(JsonValue.Converter<List<Guid>>(() => []), JsonValue.Comparer<List<Guid>>());
        b.Property(r => r.CreatedBy).HasMaxLength(200);
        b.Property(r => r.ClosedBy).HasMaxLength(200);
        b.Property(r => r.ReopenedBy).HasMaxLength(200);
        b.Property(r => r.ReopenReason).HasMaxLength(Review.MaxReasonLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsOrganisation);
        b.Ignore(r => r.ParsedQuarter);
        b.HasIndex(r => r.Quarter).IsUnique();
    }
}
