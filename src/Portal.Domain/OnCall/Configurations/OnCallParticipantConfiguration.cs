using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.OnCall.Configurations;

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
