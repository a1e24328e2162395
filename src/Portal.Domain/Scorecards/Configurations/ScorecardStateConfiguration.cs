using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class ScorecardStateConfiguration : IEntityTypeConfiguration<ScorecardState>
{
    public void Configure(EntityTypeBuilder<ScorecardState> b)
    {
        b.ToTable("scorecard_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
