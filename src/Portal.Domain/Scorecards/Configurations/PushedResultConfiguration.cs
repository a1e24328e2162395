using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class PushedResultConfiguration : IEntityTypeConfiguration<PushedResult>
{
    public void Configure(EntityTypeBuilder<PushedResult> b)
    {
        b.ToTable("scorecard_pushed_results");
        b.HasKey(p => p.Id);
        b.HasOne<Service>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.CriterionKey).HasMaxLength(63);
        b.Property(p => p.Evidence).HasMaxLength(PushedResult.MaxEvidenceLength);
        b.Property(p => p.Source).HasMaxLength(200);
        b.HasIndex(p => new { p.ServiceId, p.CriterionKey }).IsUnique();
    }
}
