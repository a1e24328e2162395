using Portal.Domain.Common;

namespace Portal.Domain.Persistence.Infrastructure;

/// <summary>A webhook delivery already handled; a second one with the same id is a replay and is dropped.</summary>
public sealed class WebhookDelivery : IStampedOnSave
{
    private WebhookDelivery()
    {
    }

    public WebhookDelivery(string deliveryId, string eventName, string? action, string? repository)
    {
        DeliveryId = deliveryId;
        Event = eventName;
        Action = action;
        Repository = repository;
    }

    public string DeliveryId { get; private set; } = "";

    public string Event { get; private set; } = "";

    public string? Action { get; private set; }

    public string? Repository { get; private set; }

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
