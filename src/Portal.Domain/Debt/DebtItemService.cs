using Portal.Domain.Catalog;

namespace Portal.Domain.Debt;

/// <summary>A service a debt item affects (many to many).</summary>
public sealed class DebtItemService
{
    private DebtItemService()
    {
    }

    internal DebtItemService(DebtItem item, Service service)
    {
        DebtItemId = item.Id;
        ServiceId = service.Id;
        Service = service;
    }

    public Guid DebtItemId { get; private set; }

    public Guid ServiceId { get; private set; }

    public Service Service { get; private set; } = null!;
}
