using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtScoringStateConfiguration : IEntityTypeConfiguration<DebtScoringState>
{
    public void Configure(EntityTypeBuilder<DebtScoringState> b)
    {
        b.ToTable("debt_scoring_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
