using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Scorecards.Commands;

namespace Portal.Domain.Scorecards.Records;

/// <summary>
/// A request that one criterion not apply to one service, with a reason and an end date (or permanent, admins
/// only): requested by an editor of the owner team, approved or rejected by an admin, revocable.
/// </summary>
public sealed class Exemption : IVersioned
{
    public const int MaxReasonLength = 1000;

    /// <summary>How far ahead an editor's request may end; admins may ask for longer or for permanent.</summary>
    public const int MaxEditorDays = 365;

    private Exemption()
    {
    }

    public Exemption(Guid serviceId, string criterionKey, string? reason, DateOnly? endsOn, string requestedBy, string requestedByName, DateTime at)
        : this(serviceId, criterionKey, reason, endsOn, new Actor(requestedBy, requestedByName, PortalRole.Viewer, new HashSet<Guid>()), at)
    {
    }

    /// <summary>
    /// A request by <paramref name="requester"/>, keeping every name they act under or answer for, and
    /// <paramref name="sameAccount"/> (the names linked to those when they asked), for four eyes.
    /// </summary>
    public Exemption(Guid serviceId, string criterionKey, string? reason, DateOnly? endsOn, Actor requester, DateTime at, IEnumerable<string>? sameAccount = null)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("reason", "is required: say why the criterion does not apply");
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            throw new DomainValidationException("reason", $"is longer than {MaxReasonLength} characters");
        }

        if (endsOn is { } end && end < DateOnly.FromDateTime(at))
        {
            throw new DomainValidationException("endsOn", $"{end:yyyy-MM-dd} is in the past");
        }

        ServiceId = serviceId;
        CriterionKey = criterionKey;
        Reason = reason.Trim();
        EndsOn = endsOn;
        RequestedBy = requester.Name;
        RequestedByName = requester.DisplayName;
        RequestedByAlso = [.. requester.OtherNames.Concat(requester.AnswersFor).Concat(sameAccount ?? [])
            .Where(n => !string.Equals(n, requester.Name, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
        RequestedAt = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid ServiceId { get; private set; }

    public string CriterionKey { get; private set; } = "";

    public string Reason { get; private set; } = "";

    /// <summary>Last day it applies; null when permanent.</summary>
    public DateOnly? EndsOn { get; private set; }

    public ExemptionStatus Status { get; private set; } = ExemptionStatus.Requested;

    public string RequestedBy { get; private set; } = "";

    public string RequestedByName { get; private set; } = "";

    /// <summary>
    /// The requester's other names when they asked: the names the same account acted under (<see cref="Actor.OtherNames"/>),
    /// whom it answered for (<see cref="Actor.AnswersFor"/>, a token's creator), and every name linked to those then (a
    /// person's sign-in account, a token creator's person and account). Kept so that an account unlinked from the person
    /// afterwards, or another token of the same creator, still counts as the requester. Null on
    /// requests made before Portal kept them: those compare <see cref="RequestedBy"/> alone.
    /// </summary>
    public List<string>? RequestedByAlso { get; private set; }

    public DateTime RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public int Version { get; private set; }

    public void IncrementVersion() => Version++;

    /// <summary>Approved and not ended on <paramref name="today"/>.</summary>
    public bool AppliesOn(DateOnly today) => Status == ExemptionStatus.Approved && (EndsOn is null || today <= EndsOn);

    /// <summary>
    /// Four eyes: whoever asked for the exemption does not approve or reject it. Refused when any name the decider acts
    /// under or answers for is one the requester acted under or answered for when asking.
    /// </summary>
    public bool MayBeDecidedBy(Actor who) => !IsRequester(who, RequestedBy, RequestedByAlso);

    /// <summary>True when <paramref name="who"/> shares a name with the requester (<paramref name="requestedBy"/> and <paramref name="requestedByAlso"/>), case-insensitively.</summary>
    public static bool IsRequester(Actor who, string requestedBy, IEnumerable<string>? requestedByAlso) =>
        who.IsOrAnswersFor(requestedBy) || (requestedByAlso?.Any(who.IsOrAnswersFor) ?? false);

    public void Decide(bool approve, Actor by, DateTime at, string? note)
    {
        if (Status != ExemptionStatus.Requested)
        {
            throw new DomainValidationException("status", $"the request was already {Status.ToString().ToLowerInvariant()}");
        }

        if (!MayBeDecidedBy(by))
        {
            throw new DomainValidationException("decidedBy", "the person who requested the exemption cannot decide it");
        }

        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainValidationException("note", "is required when rejecting: say why");
        }

        Status = approve ? ExemptionStatus.Approved : ExemptionStatus.Rejected;
        DecidedBy = by.Name;
        DecidedByName = by.DisplayName;
        DecidedAt = at;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void Revoke(string by, string byName, DateTime at, string? note)
    {
        if (Status is not (ExemptionStatus.Approved or ExemptionStatus.Requested))
        {
            throw new DomainValidationException("status", $"a {Status.ToString().ToLowerInvariant()} exemption cannot be revoked");
        }

        Status = ExemptionStatus.Revoked;
        DecidedBy = by;
        DecidedByName = byName;
        DecidedAt = at;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public ExemptionGrant ToGrant() => new(CriterionKey, Reason, EndsOn, DecidedByName ?? "");
}
