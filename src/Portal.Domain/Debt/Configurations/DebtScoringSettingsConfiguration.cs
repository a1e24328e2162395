using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtScoringSettingsConfiguration : IEntityTypeConfiguration<DebtScoringSettings>
{
    public void Configure(EntityTypeBuilder<DebtScoringSettings> b)
    {
        b.ToTable("debt_scoring_settings");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.UpdatedBy).HasMaxLength(200);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Property(s => s.ScoringTable).HasConversion(JsonValue.Converter(() => DebtScoringTable.Default), JsonValue.Comparer<DebtScoringTable>());
    }
}
