using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Persistence;

namespace Portal.Domain.Security.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Hint).HasMaxLength(16);
        b.Property(t => t.CreatedBy).HasMaxLength(200);
        b.Property(t => t.CreatedByAlso).HasConversion(JsonValue.Converter<List<string>?>(() => null), JsonValue.Comparer<List<string>?>());
        b.HasIndex(t => t.Hash).IsUnique();
        b.Property(t => t.NameKey).HasMaxLength(200);
        b.HasIndex(t => t.NameKey).IsUnique();
        b.Property(t => t.NameFolded).HasMaxLength(200);
        b.HasIndex(t => t.NameFolded);
        b.Ignore(t => t.IsActive);
    }
}
