using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Scorecards.Configurations;

internal sealed class ExemptionConfiguration : IEntityTypeConfiguration<Exemption>
{
    public void Configure(EntityTypeBuilder<Exemption> b)
    {
        b.ToTable("scorecard_exemptions");
        b.HasKey(e => e.Id);
        b.HasOne<Service>().WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.CriterionKey).HasMaxLength(63);
        b.Property(e => e.Reason).HasMaxLength(Exemption.MaxReasonLength);
        b.Property(e => e.DecisionNote).HasMaxLength(Exemption.MaxReasonLength);
        b.Property(e => e.RequestedBy).HasMaxLength(200);
        b.Property(e => e.RequestedByName).HasMaxLength(200);
        b.Property(e => e.RequestedByAlso).HasConversion(JsonValue.Converter<List<string>?>(() => null), JsonValue.Comparer<List<string>?>());
        b.Property(e => e.DecidedBy).HasMaxLength(200);
        b.Property(e => e.DecidedByName).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.ServiceId, e.CriterionKey });
        b.HasIndex(e => e.Status);
    }
}
