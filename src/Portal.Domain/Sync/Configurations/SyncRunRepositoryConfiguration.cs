using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Sync.Configurations;

internal sealed class SyncRunRepositoryConfiguration : IEntityTypeConfiguration<SyncRunRepository>
{
    public void Configure(EntityTypeBuilder<SyncRunRepository> b)
    {
        b.ToTable("sync_run_repositories");
        b.HasKey(r => new { r.RunId, r.GitHubId });
        b.HasOne<SyncRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
