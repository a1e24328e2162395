using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtRegisterStateConfiguration : IEntityTypeConfiguration<DebtRegisterState>
{
    public void Configure(EntityTypeBuilder<DebtRegisterState> b)
    {
        b.ToTable("debt_register_state");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new DebtRegisterState { Id = DebtRegisterState.SingletonId, Version = 0 });
    }
}
