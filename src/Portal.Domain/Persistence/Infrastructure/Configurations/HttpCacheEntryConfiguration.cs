using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Persistence.Infrastructure.Configurations;

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
