using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class FrameworkVersionConfiguration : IEntityTypeConfiguration<FrameworkVersionRecord>
{
    public void Configure(EntityTypeBuilder<FrameworkVersionRecord> b)
    {
        b.ToTable("scorecard_framework_versions");
        b.HasKey(v => v.Version);
        b.Property(v => v.Version).ValueGeneratedNever();
        b.Property(v => v.CreatedBy).HasMaxLength(200);
    }
}
