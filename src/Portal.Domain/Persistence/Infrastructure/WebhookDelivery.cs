using Portal.Domain.Common;

namespace Portal.Domain.Persistence.Infrastructure;

/// <summary>
/// A webhook delivery already handled; a second one with the same id, or with the same signed body under a new id, is a
/// replay and is dropped.
/// </summary>
public sealed class WebhookDelivery : IStampedOnSave
{
    private WebhookDelivery()
    {
    }

    public WebhookDelivery(string deliveryId, string eventName, string? action, string? repository, string? bodySha256 = null)
    {
        DeliveryId = deliveryId;
        BodySha256 = bodySha256;
        Event = eventName;
        Action = action;
        Repository = repository;
    }

    public string DeliveryId { get; private set; } = "";

    public string Event { get; private set; } = "";

    public string? Action { get; private set; }

    public string? Repository { get; private set; }

    /// <summary>
    /// SHA-256 of the raw signed body, 64 lower-case hex digits: a replay that comes back under a new delivery id carries
    /// the same body (and signature). Null for deliveries remembered before the hash was kept.
    /// </summary>
    public string? BodySha256 { get; private set; }

    /// <summary>UTC, when the delivery was saved (the DbContext's clock).</summary>
    public DateTime ReceivedAt { get; private set; }

    bool IStampedOnSave.Stamp(DateTime utcNow, bool added)
    {
        if (added)
        {
            ReceivedAt = utcNow;
        }

        return added;
    }
}
