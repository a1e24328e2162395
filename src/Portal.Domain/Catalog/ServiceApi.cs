using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A service providing or consuming an API.</summary>
public sealed class ServiceApi : Entity
{
    private ServiceApi()
    {
    }

    public ServiceApi(Service service, Api api, ApiRelation relation)
    {
        ServiceId = service.Id;
        Service = service;
        ApiId = api.Id;
        Api = api;
        Relation = relation;
    }

    public Guid ServiceId { get; private set; }

    public Service Service { get; private set; } = null!;

    public Guid ApiId { get; private set; }

    public Api Api { get; private set; } = null!;

    public ApiRelation Relation { get; private set; }
}
