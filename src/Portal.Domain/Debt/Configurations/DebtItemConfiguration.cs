using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Configurations;

internal sealed class DebtItemConfiguration : IEntityTypeConfiguration<DebtItem>
{
    public void Configure(EntityTypeBuilder<DebtItem> b)
    {
        b.ToTable("debt_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Title).HasMaxLength(DebtItem.MaxTitleLength).IsRequired();
        b.Property(i => i.Description).HasMaxLength(DebtItem.MaxDescriptionLength);
        b.Property(i => i.WontFixReason).HasMaxLength(DebtItem.MaxReasonLength);
        b.Property(i => i.TargetQuarter).HasMaxLength(7);
        b.Property(i => i.BusinessOutcome).HasMaxLength(DebtItem.MaxOutcomeLength);
        b.Property(i => i.ExternalUrl).HasMaxLength(DebtLink.MaxUrlLength);
        b.Property(i => i.FindingKey).HasMaxLength(300);
        b.Property(i => i.CreatedBy).HasMaxLength(200);
        b.Property(i => i.SearchText).HasMaxLength(3_000);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Property(i => i.Links).HasConversion(JsonValue.Converter<List<DebtLink>>(() => []), JsonValue.Comparer<List<DebtLink>>());
        b.Ignore(i => i.IsOpen);
        b.Ignore(i => i.IsMirrored);
        b.Property(i => i.GitHubAuthor).HasMaxLength(DebtItem.MaxAuthorLength);
        b.Property(i => i.GitHubAuthorAssociation).HasMaxLength(DebtItem.MaxAuthorLength);
        b.Ignore(i => i.OpenedByOutsider);
        b.Property(i => i.StatusBeforeClosed).HasConversion<string>().HasMaxLength(20);
        b.HasOne(i => i.OwnerTeam).WithMany().HasForeignKey(i => i.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(i => i.Services).WithOne().HasForeignKey(s => s.DebtItemId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Services).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The register sorts by priority (first page of 20,000 in milliseconds) and filters by these.
        b.HasIndex(i => i.Priority);
        b.HasIndex(i => new { i.Status, i.Priority });
        b.HasIndex(i => new { i.OwnerTeamId, i.Priority });
        b.HasIndex(i => new { i.Signal, i.Priority });
        b.HasIndex(i => i.TargetQuarter);
        // Not unique: the issue's id is the identity (a released or closed item keeps an address a recreated repository's
        // new issue may take; docs/github-sync.md, "Tech-debt issues").
        b.HasIndex(i => i.ExternalUrl);
        b.HasIndex(i => i.GitHubIssueId).IsUnique();
        b.HasIndex(i => i.FindingKey);
    }
}
