using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Sync;

namespace Portal.Domain.Persistence.Configurations;

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

internal sealed class SyncRunErrorConfiguration : IEntityTypeConfiguration<SyncRunError>
{
    public void Configure(EntityTypeBuilder<SyncRunError> b)
    {
        b.ToTable("sync_run_errors");
        b.HasKey(e => e.Id);
        b.Property(e => e.Repository).HasMaxLength(300);
        b.Property(e => e.Path).HasMaxLength(500);
        b.Property(e => e.Message).HasMaxLength(2000);
    }
}

internal sealed class SyncRunRepositoryConfiguration : IEntityTypeConfiguration<SyncRunRepository>
{
    public void Configure(EntityTypeBuilder<SyncRunRepository> b)
    {
        b.ToTable("sync_run_repositories");
        b.HasKey(r => new { r.RunId, r.GitHubId });
        b.HasOne<SyncRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GitHubRepositoryConfiguration : IEntityTypeConfiguration<GitHubRepository>
{
    public void Configure(EntityTypeBuilder<GitHubRepository> b)
    {
        b.ToTable("github_repositories");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.GitHubId).IsUnique();
        b.HasIndex(r => new { r.Organization, r.Name });
        b.HasIndex(r => r.ServiceId);
        b.Property(r => r.NodeId).HasMaxLength(100);
        b.Property(r => r.Organization).HasMaxLength(100);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.Language).HasMaxLength(100);
        b.Property(r => r.DefaultBranch).HasMaxLength(250);
        b.Property(r => r.HtmlUrl).HasMaxLength(500);
        b.Property(r => r.CodeOwnersTeam).HasMaxLength(200);
        b.Property(r => r.CodeOwnersSha).HasMaxLength(64);
        b.Property(r => r.LastError).HasMaxLength(2000);
        b.Property(r => r.Topics)
            .HasConversion(JsonValue.Converter<List<string>>(() => []), JsonValue.Comparer<List<string>>());
        b.Property(r => r.CatalogFiles)
            .HasConversion(JsonValue.Converter<Dictionary<string, string>>(() => []), JsonValue.Comparer<Dictionary<string, string>>());
        b.Property(r => r.CatalogShas)
            .HasConversion(JsonValue.Converter<Dictionary<string, string>>(() => []), JsonValue.Comparer<Dictionary<string, string>>());
        b.Ignore(r => r.FullName);
    }
}

internal sealed class SyncLeaseConfiguration : IEntityTypeConfiguration<SyncLease>
{
    public void Configure(EntityTypeBuilder<SyncLease> b)
    {
        b.ToTable("sync_leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.Holder).HasMaxLength(200);
    }
}

internal sealed class HttpCacheEntryConfiguration : IEntityTypeConfiguration<HttpCacheEntry>
{
    public void Configure(EntityTypeBuilder<HttpCacheEntry> b)
    {
        b.ToTable("http_cache");
        b.HasKey(e => e.Key);
        b.Property(e => e.Key).HasMaxLength(64);
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.ETag).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(200);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.HasKey(d => d.DeliveryId);
        b.Property(d => d.DeliveryId).HasMaxLength(100);
        b.Property(d => d.Event).HasMaxLength(100);
        b.Property(d => d.Action).HasMaxLength(100);
        b.Property(d => d.Repository).HasMaxLength(300);
        b.HasIndex(d => d.ReceivedAt);
    }
}
