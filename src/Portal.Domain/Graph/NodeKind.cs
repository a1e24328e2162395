namespace Portal.Domain.Graph;

/// <summary>What a node of the dependency graph stands for.</summary>
public enum NodeKind
{
    Service,
    Resource,
}
