using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.OnCall.Configurations;

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
