using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class LevelHistoryConfiguration : IEntityTypeConfiguration<LevelHistoryRecord>
{
    public void Configure(EntityTypeBuilder<LevelHistoryRecord> b)
    {
        b.ToTable("scorecard_level_history");
        b.HasKey(h => h.Id);
        b.HasOne<Service>().WithMany().HasForeignKey(h => h.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(h => h.Levels).HasMaxLength(16);
        b.HasIndex(h => new { h.ServiceId, h.Day }).IsUnique();
    }
}
