using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Catalog;
using Portal.Domain.Persistence;

namespace Portal.Domain.Reviews.Configurations;

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> b)
    {
        b.ToTable("initiatives");
        b.HasKey(i => i.Id);
        b.HasOne<Team>().WithMany().HasForeignKey(i => i.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ActionItem>().WithMany().HasForeignKey(i => i.FromActionItemId).OnDelete(DeleteBehavior.SetNull);
        b.Property(i => i.Title).HasMaxLength(Initiative.MaxTitleLength).IsRequired();
        b.Property(i => i.Description).HasMaxLength(Initiative.MaxDescriptionLength);
        b.Property(i => i.ScopeTeamIds).HasConversion(JsonValue.Converter<List<Guid>>(() => []), JsonValue.Comparer<List<Guid>>());
        b.Property(i => i.CreatedBy).HasMaxLength(200);
        b.Property(i => i.CreatedByName).HasMaxLength(200);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.Status, i.DueOn });
    }
}
