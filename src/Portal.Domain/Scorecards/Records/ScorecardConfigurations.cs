using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Persistence;

namespace Portal.Domain.Scorecards.Records;

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

internal sealed class ScorecardStateConfiguration : IEntityTypeConfiguration<ScorecardState>
{
    public void Configure(EntityTypeBuilder<ScorecardState> b)
    {
        b.ToTable("scorecard_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
