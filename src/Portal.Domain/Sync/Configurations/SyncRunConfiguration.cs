using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Sync.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> b)
    {
        b.ToTable("sync_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Source).HasMaxLength(40);
        b.Property(r => r.Scope).HasMaxLength(300);
        b.Property(r => r.Host).HasMaxLength(200);
        b.Property(r => r.Phase).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.Property(r => r.Counts)
            .HasConversion(JsonValue.Converter<Dictionary<string, SyncCounts>>(() => []), JsonValue.Comparer<Dictionary<string, SyncCounts>>());
        b.HasMany(r => r.Errors).WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Errors).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(r => new { r.Source, r.StartedAt });
        b.Ignore(r => r.IsFinished);
        b.Ignore(r => r.ChangedNothing);
    }
}
