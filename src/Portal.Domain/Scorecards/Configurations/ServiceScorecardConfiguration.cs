using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class ServiceScorecardConfiguration : IEntityTypeConfiguration<ServiceScorecardRecord>
{
    public void Configure(EntityTypeBuilder<ServiceScorecardRecord> b)
    {
        b.ToTable("service_scorecards");
        b.HasKey(s => s.ServiceId);
        b.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Fingerprint).HasMaxLength(64);
        // Record() replaces the list whole and nothing changes it in place: EF keeps the list itself as its snapshot.
        b.Property(s => s.Results).HasConversion(StoredResultsJson.Converter, JsonValue.ReplacedWholeComparer<List<CriterionResult>>());
        b.HasIndex(s => s.Overall);
    }
}
