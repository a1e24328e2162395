using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtCandidateDismissalConfiguration : IEntityTypeConfiguration<DebtCandidateDismissal>
{
    public void Configure(EntityTypeBuilder<DebtCandidateDismissal> b)
    {
        b.ToTable("debt_candidate_dismissals");
        b.HasKey(d => d.Id);
        b.Property(d => d.FindingKey).HasMaxLength(DebtCandidateDismissal.MaxKeyLength);
        b.Property(d => d.Title).HasMaxLength(DebtItem.MaxTitleLength);
        b.Property(d => d.Reason).HasMaxLength(DebtCandidateDismissal.MaxReasonLength);
        b.Property(d => d.DismissedBy).HasMaxLength(200);
        b.Property(d => d.DismissedByDisplayName).HasMaxLength(200);
        b.HasIndex(d => d.FindingKey).IsUnique();
    }
}
