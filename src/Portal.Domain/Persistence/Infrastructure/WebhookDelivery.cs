namespace Portal.Domain.Persistence.Infrastructure;

/// <summary>A webhook delivery already handled; a second one with the same id is a replay and is dropped.</summary>
public sealed class WebhookDelivery
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

    public DateTime ReceivedAt { get; private set; } = DateTime.UtcNow;
}
