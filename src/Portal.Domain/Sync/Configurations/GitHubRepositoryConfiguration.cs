using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Sync.Configurations;

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
        b.Property(r => r.RenamedFrom).HasMaxLength(100);
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
