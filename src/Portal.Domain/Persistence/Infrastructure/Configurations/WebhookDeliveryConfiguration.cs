using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Persistence.Infrastructure.Configurations;

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
        b.Property(d => d.BodySha256).HasMaxLength(64);
        b.HasIndex(d => d.ReceivedAt);
        b.HasIndex(d => d.BodySha256);
    }
}
