using Portal.Domain.Security;

namespace Portal.Domain.Auditing.Refusals;

/// <summary>
/// One refusal to be audited: who was refused what, the client address as the request arrived from it (written on the
/// entry; null when unknown), and the <c>Caller</c> key the throttle counts it under: refusals with one key share one
/// entry a window (e.g. <c>authentication.refused|2001:db8:1::/48</c>, or an action, an actor and an endpoint).
/// </summary>
public sealed record RefusalAttempt(string Caller, Actor Actor, string Action, string EntityType, string EntityKey, string? ClientAddress)
{
    /// <summary>
    /// Who is refused, over all their <see cref="Caller"/> keys: the account a signed-in caller refused on many
    /// endpoints is (e.g. <c>authorization.refused|ada</c>), else the caller key itself (one client address). The
    /// throttle writes at most <see cref="RefusalAuditThrottle.MaxEntriesPerPrincipal"/> entries a window for one
    /// principal, and names principals in the count beyond its caps.
    /// </summary>
    public string Principal { get; init; } = Caller;
}
