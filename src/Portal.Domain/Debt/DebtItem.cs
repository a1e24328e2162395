using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt;

/// <summary>
/// One piece of technical debt: what it is, which services it affects, how likely it is to hurt and how
/// badly, what paying it down costs, and where it stands. Its cost of delay and priority are computed by
/// <see cref="DebtScoring"/> and stored (<see cref="ApplyScore"/>) so the register sorts by them in SQL.
/// </summary>
public sealed partial class DebtItem : Entity, IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxOutcomeLength = 500;
    public const int MaxReasonLength = 1_000;
    public const int MaxServices = 20;
    public const int MaxLinks = 20;
    public const double MaxEffortDays = 10_000;
    public const double MaxInterestHoursPerMonth = 10_000;

    private readonly List<DebtItemService> _services = [];

    private DebtItem()
    {
    }

    /// <summary>A new item in <see cref="DebtStatus.Proposed"/>; every argument is validated as the setters do.</summary>
    public DebtItem(string title, ScalingSignal signal, DebtKind kind, DebtQuadrant quadrant, int likelihood, int impact, double effortDays, string createdBy, DateTime now)
    {
        CreatedAt = now;
        UpdatedAt = now;
        CreatedBy = createdBy;
        Describe(title, null, now);
        Classify(signal, kind, quadrant, now);
        Assess(likelihood, impact, effortDays, now);
    }

    public string Title { get; private set; } = "";

    /// <summary>Markdown; rendered through the sanitising Markdown renderer, never as raw HTML.</summary>
    public string? Description { get; private set; }

    public ScalingSignal Signal { get; private set; }

    public DebtKind Kind { get; private set; }

    public DebtQuadrant Quadrant { get; private set; }

    /// <summary>1–5: how likely it is to cause an incident or a slowdown within a quarter.</summary>
    public int Likelihood { get; private set; }

    /// <summary>1–5: how bad that incident or slowdown would be.</summary>
    public int Impact { get; private set; }

    /// <summary>Engineer-days to pay it down; always more than zero.</summary>
    public double EffortDays { get; private set; }

    /// <summary>Hours lost per month set by a person; null means "use the reports of pain".</summary>
    public double? InterestOverride { get; private set; }

    /// <summary>When it should be paid back by; expected for deliberate debt. Near or past it, the cost of delay rises.</summary>
    public DateOnly? PayBackBy { get; private set; }

    public DebtStatus Status { get; private set; } = DebtStatus.Proposed;

    /// <summary>Why it will not be fixed; set only in <see cref="DebtStatus.WontFix"/>.</summary>
    public string? WontFixReason { get; private set; }

    /// <summary>When to look at a <see cref="DebtStatus.WontFix"/> decision again.</summary>
    public DateOnly? RevisitOn { get; private set; }

    /// <summary>The quarter it is planned for, as <c>2026-Q4</c> (text sorts in time order).</summary>
    public string? TargetQuarter { get; private set; }

    /// <summary>The business outcome that paying it down protects.</summary>
    public string? BusinessOutcome { get; private set; }

    public List<DebtLink> Links { get; private set; } = [];

    /// <summary>The accountable team: the owner of the most critical affected service, unless a person chose another.</summary>
    public Guid? OwnerTeamId { get; private set; }

    public Team? OwnerTeam { get; private set; }

    /// <summary>True when a person chose <see cref="OwnerTeam"/> instead of letting it follow the services.</summary>
    public bool OwnerOverridden { get; private set; }

    public IReadOnlyCollection<DebtItemService> Services => _services;

    public DataSource Source { get; private set; } = DataSource.Manual;

    /// <summary>The issue this item mirrors (GitHub issue URL); unique, so a sync upserts by it.</summary>
    public string? ExternalUrl { get; private set; }

    /// <summary>The graph or ownership finding it was accepted from, so that finding stops being suggested.</summary>
    public string? FindingKey { get; private set; }

    /// <summary>UTC instant it became <see cref="DebtStatus.Done"/>; counts as done effort in that quarter.</summary>
    public DateTime? DoneAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>Hours lost per month that the score used: the override, or the last 90 days of reports.</summary>
    public double InterestHoursPerMonth { get; private set; }

    /// <summary>Hours per quarter that waiting costs; see <see cref="DebtScoring"/>.</summary>
    public double CostOfDelay { get; private set; }

    /// <summary>Cost of delay per engineer-day of effort: hours saved per day spent.</summary>
    public double Priority { get; private set; }

    /// <summary>When <see cref="CostOfDelay"/> and <see cref="Priority"/> were last computed (UTC).</summary>
    public DateTime? ScoredAt { get; private set; }

    /// <summary>Lower-case title, outcome and the start of the description, for search.</summary>
    public string SearchText { get; private set; } = "";

    public int Version { get; private set; }

    public bool IsOpen => Status is not (DebtStatus.Done or DebtStatus.WontFix);

    public void IncrementVersion() => Version++;

    public void Describe(string? title, string? description, DateTime now)
    {
        var t = title?.Trim() ?? "";
        if (t.Length == 0)
        {
            throw new DomainValidationException("title", "is required");
        }

        if (t.Length > MaxTitleLength)
        {
            throw new DomainValidationException("title", $"is longer than {MaxTitleLength} characters");
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            throw new DomainValidationException("description", $"is longer than {MaxDescriptionLength:N0} characters");
        }

        Title = t;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Stamp(now);
    }

    public void Classify(ScalingSignal signal, DebtKind kind, DebtQuadrant quadrant, DateTime now)
    {
        if (!Enum.IsDefined(signal))
        {
            throw new DomainValidationException("signal", $"'{signal}' is not one of the seven signals");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainValidationException("kind", $"'{kind}' is not a kind of debt");
        }

        if (!Enum.IsDefined(quadrant))
        {
            throw new DomainValidationException("quadrant", $"'{quadrant}' is not a quadrant");
        }

        (Signal, Kind, Quadrant) = (signal, kind, quadrant);
        Stamp(now);
    }

    /// <summary>Sets likelihood and impact (1–5 each) and the effort in engineer-days (more than zero).</summary>
    public void Assess(int likelihood, int impact, double effortDays, DateTime now)
    {
        if (likelihood is < 1 or > 5)
        {
            throw new DomainValidationException("likelihood", $"must be 1 to 5, not {likelihood}");
        }

        if (impact is < 1 or > 5)
        {
            throw new DomainValidationException("impact", $"must be 1 to 5, not {impact}");
        }

        DebtScoring.RequireEffort(effortDays);
        if (effortDays > MaxEffortDays)
        {
            throw new DomainValidationException("effortDays", $"must be at most {MaxEffortDays:N0} engineer-days");
        }

        (Likelihood, Impact, EffortDays) = (likelihood, impact, effortDays);
        Stamp(now);
    }

    /// <summary>Sets hours lost per month by hand; null goes back to the reports of pain.</summary>
    public void OverrideInterest(double? hoursPerMonth, DateTime now)
    {
        if (hoursPerMonth is { } h && (double.IsNaN(h) || h < 0 || h > MaxInterestHoursPerMonth))
        {
            throw new DomainValidationException("interestOverride", $"must be between 0 and {MaxInterestHoursPerMonth:N0} hours per month");
        }

        InterestOverride = hoursPerMonth;
        Stamp(now);
    }

    public void SetPayBackBy(DateOnly? date, DateTime now)
    {
        PayBackBy = date;
        Stamp(now);
    }

    public void SetBusinessOutcome(string? outcome, DateTime now)
    {
        var o = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        if (o is { Length: > MaxOutcomeLength })
        {
            throw new DomainValidationException("businessOutcome", $"is longer than {MaxOutcomeLength} characters");
        }

        BusinessOutcome = o;
        Stamp(now);
    }

    public void SetLinks(IEnumerable<DebtLink> links, DateTime now)
    {
        var list = links.Select(l => l.Validated()).DistinctBy(l => l.Url, StringComparer.Ordinal).ToList();
        if (list.Count > MaxLinks)
        {
            throw new DomainValidationException("links", $"at most {MaxLinks} links are allowed");
        }

        Links = list;
        Stamp(now);
    }

    /// <summary>Plans it for a quarter, or unplans it (null). <see cref="DebtStatus.Planned"/> needs one.</summary>
    public void SetTargetQuarter(Quarter? quarter, DateTime now)
    {
        if (quarter is null && Status == DebtStatus.Planned)
        {
            throw new DomainValidationException("targetQuarter", "is required while the item is Planned");
        }

        TargetQuarter = quarter?.ToString();
        Stamp(now);
    }

    /// <summary>
    /// Moves the item to <paramref name="status"/>. Planned needs a target quarter; Won't fix needs a reason and a
    /// date to look again that is after <paramref name="today"/>. Becoming Done records when; leaving Done forgets it.
    /// </summary>
    public void SetStatus(DebtStatus status, string? wontFixReason, DateOnly? revisitOn, DateOnly today, DateTime now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainValidationException("status", $"'{status}' is not a status");
        }

        if (status == DebtStatus.Planned && TargetQuarter is null)
        {
            throw new DomainValidationException("targetQuarter", "choose the quarter it is planned for");
        }

        if (status == DebtStatus.WontFix)
        {
            var reason = wontFixReason?.Trim();
            if (string.IsNullOrEmpty(reason))
            {
                throw new DomainValidationException("wontFixReason", "say why it will not be fixed");
            }

            if (reason.Length > MaxReasonLength)
            {
                throw new DomainValidationException("wontFixReason", $"is longer than {MaxReasonLength} characters");
            }

            if (revisitOn is not { } revisit)
            {
                throw new DomainValidationException("revisitOn", "choose a date to look at this decision again");
            }

            if (revisit <= today)
            {
                throw new DomainValidationException("revisitOn", "must be after today");
            }

            (WontFixReason, RevisitOn) = (reason, revisit);
        }
        else
        {
            (WontFixReason, RevisitOn) = (null, null);
        }

        if (status == DebtStatus.Done && Status != DebtStatus.Done)
        {
            DoneAt = now;
        }
        else if (status != DebtStatus.Done)
        {
            DoneAt = null;
        }

        Status = status;
        Stamp(now);
    }

    /// <summary>
    /// A person moves the item along the workflow (<see cref="DebtWorkflow"/>); then as <see cref="SetStatus"/>.
    /// Re-saving a Won't-fix decision unchanged is allowed even once its look-again date has passed.
    /// </summary>
    public void MoveTo(DebtStatus status, string? wontFixReason, DateOnly? revisitOn, DateOnly today, DateTime now)
    {
        if (!DebtWorkflow.CanMove(Status, status))
        {
            throw new DomainValidationException("status", DebtWorkflow.WhyNot(Status, status));
        }

        if (status == DebtStatus.WontFix && Status == DebtStatus.WontFix && WontFixReason == wontFixReason?.Trim() && RevisitOn == revisitOn)
        {
            return;
        }

        SetStatus(status, wontFixReason, revisitOn, today, now);
    }

    /// <summary>True for a Won't-fix decision whose look-again date has come: it is back in the register's default view.</summary>
    public bool IsLookAgainDue(DateOnly today) => Status == DebtStatus.WontFix && RevisitOn is { } r && r <= today;

    /// <summary>Replaces the affected services (at most <see cref="MaxServices"/>, no duplicates).</summary>
    public void SetServices(IReadOnlyCollection<Service> services, DateTime now)
    {
        if (services.Count > MaxServices)
        {
            throw new DomainValidationException("services", $"at most {MaxServices} services can be affected by one item");
        }

        var wanted = services.DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        _services.RemoveAll(link => !wanted.ContainsKey(link.ServiceId));
        foreach (var service in wanted.Values.Where(s => _services.All(link => link.ServiceId != s.Id)))
        {
            _services.Add(new DebtItemService(this, service));
        }

        Stamp(now);
    }

    /// <summary>Sets the accountable team; <paramref name="overridden"/> says a person chose it rather than the services.</summary>
    public void AssignOwner(Team? team, bool overridden, DateTime now)
    {
        OwnerTeam = team;
        OwnerTeamId = team?.Id;
        OwnerOverridden = overridden && team is not null;
        Stamp(now);
    }

    /// <summary>Says where the item came from (and for a sync, the issue it mirrors).</summary>
    public void RecordSource(DataSource source, string? externalUrl, DateTime now)
    {
        if (externalUrl is { Length: > DebtLink.MaxUrlLength })
        {
            throw new DomainValidationException("externalUrl", $"is longer than {DebtLink.MaxUrlLength} characters");
        }

        Source = source;
        ExternalUrl = string.IsNullOrWhiteSpace(externalUrl) ? null : externalUrl.Trim();
        Stamp(now);
    }

    /// <summary>Remembers the finding this item was accepted from.</summary>
    public void RecordFinding(string? findingKey, DateTime now)
    {
        FindingKey = string.IsNullOrWhiteSpace(findingKey) ? null : findingKey.Trim();
        Stamp(now);
    }

    /// <summary>Stores the computed numbers; never changes <see cref="Version"/>' meaning for people (scores are derived).</summary>
    public void ApplyScore(DebtScoreValues score, DateTime now)
    {
        InterestHoursPerMonth = score.InterestHoursPerMonth;
        CostOfDelay = score.CostOfDelay;
        Priority = score.Priority;
        ScoredAt = now;
    }

    private void Stamp(DateTime now)
    {
        UpdatedAt = now;
        var description = Description is { } d ? TextCut.Prefix(d, 2_000) : null;
        SearchText = string.Join(' ', Title, BusinessOutcome, description).ToLowerInvariant();
    }
}
