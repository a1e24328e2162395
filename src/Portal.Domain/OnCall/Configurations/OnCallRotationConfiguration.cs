using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.OnCall.Configurations;

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
