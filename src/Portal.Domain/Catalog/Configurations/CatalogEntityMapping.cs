using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Persistence;

namespace Portal.Domain.Catalog.Configurations;

/// <summary>Columns every catalog entity shares; called from each entity's configuration.</summary>
internal static class CatalogEntityMapping
{
    public static void MapCatalogEntity<T>(this EntityTypeBuilder<T> b, string table)
        where T : CatalogEntity
    {
        b.ToTable(table);
        b.HasKey(e => e.Id);
        b.Property(e => e.Namespace).HasMaxLength(CatalogName.MaxLength).IsRequired();
        b.Property(e => e.Name).HasMaxLength(CatalogName.MaxLength).IsRequired();
        b.HasIndex(e => new { e.Namespace, e.Name }).IsUnique();
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Description).HasMaxLength(10_000);
        b.Property(e => e.SourceLocation).HasMaxLength(1000);
        b.Property(e => e.Annotations)
            .HasConversion(JsonValue.Converter<Dictionary<string, string>>(() => []), JsonValue.Comparer<Dictionary<string, string>>());
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.DisplayName);
        b.Ignore(e => e.Ref);
    }
}
