using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtReportConfiguration : IEntityTypeConfiguration<DebtReport>
{
    public void Configure(EntityTypeBuilder<DebtReport> b)
    {
        b.ToTable("debt_reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Note).HasMaxLength(DebtReport.MaxNoteLength);
        b.Property(r => r.Incident).HasMaxLength(DebtReport.MaxIncidentLength);
        b.Property(r => r.Author).HasMaxLength(200);
        b.Property(r => r.AuthorDisplayName).HasMaxLength(200);
        b.Property(r => r.RemovedBy).HasMaxLength(200);
        b.Property(r => r.RemovalReason).HasMaxLength(DebtReport.MaxReasonLength);
        b.Ignore(r => r.IsRemoved);
        b.HasOne<DebtItem>().WithMany().HasForeignKey(r => r.DebtItemId).OnDelete(DeleteBehavior.Cascade);

        // Interest sums each item's reports of the last 90 days.
        b.HasIndex(r => new { r.DebtItemId, r.OccurredOn });
        b.HasIndex(r => r.OccurredOn);

        // The daily limit counts one person's reports of the day.
        b.HasIndex(r => new { r.Author, r.CreatedAt });
    }
}
