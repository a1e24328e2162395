using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>
/// A directed edge from a calling service to a service or a resource, with what is known about how
/// the call behaves under failure (timeout, retries, circuit breaker, fallback, bulkhead).
/// </summary>
public sealed class Dependency : Entity, IVersioned
{
    private Dependency()
    {
    }

    private Dependency(Service from, InteractionKind kind, DataSource source)
    {
        SourceServiceId = from.Id;
        SourceService = from;
        Kind = kind;
        Source = source;
    }

    public Guid SourceServiceId { get; private set; }

    public Service SourceService { get; private set; } = null!;

    public Guid? TargetServiceId { get; private set; }

    public Service? TargetService { get; private set; }

    public Guid? TargetResourceId { get; private set; }

    public Resource? TargetResource { get; private set; }

    public InteractionKind Kind { get; private set; }

    public int? TimeoutMs { get; private set; }

    public int? Retries { get; private set; }

    public bool? Backoff { get; private set; }

    public bool? CircuitBreaker { get; private set; }

    public bool? Fallback { get; private set; }

    public bool? Bulkhead { get; private set; }

    public Criticality? Criticality { get; private set; }

    /// <summary>For edges to resources: whether the service reads, writes or both.</summary>
    public ResourceAccess? Access { get; private set; }

    public DataSource Source { get; private set; }

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    public static Dependency ToService(Service from, Service to, InteractionKind kind, DataSource source = DataSource.Manual)
    {
        if (from.Id == to.Id)
        {
            throw new DomainValidationException("target", $"'{from.Name}' cannot depend on itself");
        }

        return new Dependency(from, kind, source) { TargetServiceId = to.Id, TargetService = to };
    }

    public static Dependency ToResource(Service from, Resource to, ResourceAccess access, DataSource source = DataSource.Manual) =>
        new(from, InteractionKind.SharedDatabase, source) { TargetResourceId = to.Id, TargetResource = to, Access = access };

    public void SetKind(InteractionKind kind)
    {
        Kind = kind;
        Touch();
    }

    /// <summary>Sets the resilience settings; null means "not known".</summary>
    public void SetResilience(int? timeoutMs, int? retries, bool? backoff, bool? circuitBreaker, bool? fallback, bool? bulkhead)
    {
        if (timeoutMs is <= 0 or > 600_000)
        {
            throw new DomainValidationException("timeoutMs", $"must be between 1 and 600000 ms, not {timeoutMs}");
        }

        if (retries is < 0 or > 20)
        {
            throw new DomainValidationException("retries", $"must be between 0 and 20, not {retries}");
        }

        TimeoutMs = timeoutMs;
        Retries = retries;
        Backoff = backoff;
        CircuitBreaker = circuitBreaker;
        Fallback = fallback;
        Bulkhead = bulkhead;
        Touch();
    }

    public void SetCriticality(Criticality? criticality)
    {
        Criticality = criticality;
        Touch();
    }

    public void SetAccess(ResourceAccess? access)
    {
        Access = access;
        Touch();
    }

    public void RecordSource(DataSource source)
    {
        Source = source;
        Touch();
    }
}
