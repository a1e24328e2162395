namespace Portal.Domain.Catalog;

/// <summary>How a service calls what it depends on.</summary>
public enum InteractionKind
{
    /// <summary>Imported from Backstage <c>dependsOn</c>: someone has yet to say how.</summary>
    Unknown,
    SyncHttp,
    SyncGrpc,
    AsyncEvent,
    AsyncQueue,
    SharedDatabase,
    Library,
}
