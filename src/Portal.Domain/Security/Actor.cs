namespace Portal.Domain.Security;

/// <summary>The person (or token) acting, as the domain sees them.</summary>
/// <param name="Name">Stable identifier written to the audit log (person name, token name, or "system").</param>
/// <param name="DisplayName">For people to read.</param>
/// <param name="Role">What they may do.</param>
/// <param name="TeamIds">Teams whose records an Editor may change.</param>
public sealed record Actor(string Name, string DisplayName, PortalRole Role, IReadOnlySet<Guid> TeamIds)
{
    public static Actor System { get; } = new("system", "Portal", PortalRole.Admin, new HashSet<Guid>());

    public bool IsAdmin => Role == PortalRole.Admin;

    /// <summary>An Admin may change anything; an Editor only what one of their teams owns.</summary>
    public bool CanEdit(Guid? ownerTeamId) =>
        Role == PortalRole.Admin || (Role == PortalRole.Editor && ownerTeamId is { } id && TeamIds.Contains(id));
}
