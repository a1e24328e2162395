using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<SelfAssessment>
{
    public void Configure(EntityTypeBuilder<SelfAssessment> b)
    {
        b.ToTable("scorecard_answers");
        b.HasKey(a => a.Id);
        b.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.CriterionKey).HasMaxLength(63);
        b.Property(a => a.Note).HasMaxLength(SelfAssessment.MaxNoteLength);
        b.Property(a => a.EvidenceUrl).HasMaxLength(2000);
        b.Property(a => a.AnsweredBy).HasMaxLength(200);
        b.Property(a => a.AnsweredByName).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.ServiceId, a.CriterionKey }).IsUnique();
        b.HasIndex(a => a.ExpiresAt);
    }
}
