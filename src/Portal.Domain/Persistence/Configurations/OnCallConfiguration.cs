using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.OnCall;

namespace Portal.Domain.Persistence.Configurations;

internal sealed class OnCallRotationConfiguration : IEntityTypeConfiguration<OnCallRotation>
{
    public void Configure(EntityTypeBuilder<OnCallRotation> b)
    {
        b.ToTable("on_call_rotations");
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(OnCallRotation.MaxNameLength).IsRequired();
        b.Property(r => r.TimeZoneId).HasMaxLength(OnCallRotation.MaxTimeZoneIdLength).IsRequired();
        b.Property(r => r.ExternalScheduleId).HasMaxLength(OnCallRotation.MaxExternalScheduleIdLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Team).WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);

        // One rotation per level per team: "who is primary for payments" has exactly one answer.
        b.HasIndex(r => new { r.TeamId, r.Level }).IsUnique();

        b.HasMany(r => r.Participants).WithOne().HasForeignKey(p => p.RotationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(r => r.Overrides).WithOne().HasForeignKey(o => o.RotationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Overrides).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OnCallParticipantConfiguration : IEntityTypeConfiguration<OnCallParticipant>
{
    public void Configure(EntityTypeBuilder<OnCallParticipant> b)
    {
        b.ToTable("on_call_participants");
        b.HasKey(p => p.Id);

        // Not unique: renumbering positions in one save would trip a unique index mid-batch.
        b.HasIndex(p => new { p.RotationId, p.Position });
        b.HasIndex(p => p.PersonId);
        b.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OnCallOverrideConfiguration : IEntityTypeConfiguration<OnCallOverride>
{
    public void Configure(EntityTypeBuilder<OnCallOverride> b)
    {
        b.ToTable("on_call_overrides");
        b.HasKey(o => o.Id);

        // Queries read the overrides of a rotation that end after a given instant.
        b.HasIndex(o => new { o.RotationId, o.EndUtc });
        b.HasIndex(o => o.PersonId);
        b.HasOne(o => o.Person).WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
