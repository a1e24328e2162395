namespace Portal.Domain.Security;

/// <summary>The person (or token) acting, as the domain sees them.</summary>
/// <param name="Name">Stable identifier written to the audit log (person name, token name, or "system").</param>
/// <param name="DisplayName">For people to read.</param>
/// <param name="Role">What they may do.</param>
/// <param name="TeamIds">Teams whose records an Editor may change.</param>
public sealed record Actor(string Name, string DisplayName, PortalRole Role, IReadOnlySet<Guid> TeamIds)
{
    public static Actor System { get; } = new("system", "Portal", PortalRole.Admin, new HashSet<Guid>());

    /// <summary>
    /// The credential acted with, when <see cref="Name"/> alone does not tell it apart (an API token's id: a token
    /// name can be used again once its token is revoked or expired). The audit log writes it beside the name.
    /// </summary>
    public string? Credential { get; init; }

    /// <summary>Who acted, as the audit log writes it: <see cref="Name"/>, with the <see cref="Credential"/> if any (<c>token:ci#0193…</c>).</summary>
    public string AuditName => Credential is { } credential ? $"{Name}#{credential}" : Name;

    /// <summary>
    /// Other names the same account has acted under (an OpenID Connect account acts as <c>oidc:&lt;subject&gt;</c>
    /// until it is linked to a person, then as the person). Rules about "the same person" (nobody decides their own
    /// exemption) check these too.
    /// </summary>
    public IReadOnlySet<string> OtherNames { get; init; } = new HashSet<string>();

    /// <summary>
    /// Names this actor answers for without being them (an API token answers for the admin who created it). They only
    /// ever restrict (nobody decides a request made by someone they answer for), never grant what those people may do.
    /// </summary>
    public IReadOnlySet<string> AnswersFor { get; init; } = new HashSet<string>();

    public bool IsAdmin => Role == PortalRole.Admin;

    /// <summary>True when <paramref name="name"/> is this actor (<see cref="Is"/>) or someone it answers for (<see cref="AnswersFor"/>): for rules that refuse.</summary>
    public bool IsOrAnswersFor(string? name) =>
        Is(name) || (name is not null && AnswersFor.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when <paramref name="name"/> is this actor's name or one of its <see cref="OtherNames"/> (case-insensitive).</summary>
    public bool Is(string? name) =>
        name is not null
        && (string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
            || OtherNames.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>An Admin may change anything; an Editor only what one of their teams owns.</summary>
    public bool CanEdit(Guid? ownerTeamId) =>
        Role == PortalRole.Admin || (Role == PortalRole.Editor && ownerTeamId is { } id && TeamIds.Contains(id));
}
