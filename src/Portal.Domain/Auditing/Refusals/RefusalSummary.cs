using Portal.Domain.Security;

namespace Portal.Domain.Auditing.Refusals;

/// <summary>
/// Refusals the throttle counted instead of writing, to be written as one entry once their window closed: one caller's
/// (under that caller's action, record and actor), or everyone's beyond the caps (<see cref="RefusalAuditThrottle.LeftOutAction"/>,
/// by principal: <c>authorization.refused|ada</c>, <c>authentication.refused|203.0.113.7</c>). <c>EntityKey</c> is the
/// record the last counted refusal was about; <c>ByKey</c> how many refusals each record (or, for the summary beyond
/// the caps, each principal) had, at most <see cref="RefusalAuditThrottle.MaxKeysPerSummary"/> named, those counted
/// most, and the rest under <see cref="RefusalAuditThrottle.OtherKeys"/>.
/// </summary>
public sealed record RefusalSummary(
    Actor Actor,
    string Action,
    string EntityType,
    string EntityKey,
    string? ClientAddress,
    int LeftOut,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyDictionary<string, int> ByKey);
