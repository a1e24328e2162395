using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtItemServiceConfiguration : IEntityTypeConfiguration<DebtItemService>
{
    public void Configure(EntityTypeBuilder<DebtItemService> b)
    {
        b.ToTable("debt_item_services");
        b.HasKey(s => new { s.DebtItemId, s.ServiceId });
        b.HasIndex(s => s.ServiceId);
        b.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
