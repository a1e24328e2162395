using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>The dialog's form: what a person types, turned into a <see cref="DebtItemEdit"/> on save.</summary>
public sealed class DebtItemEditModel
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public List<string> Services { get; set; } = [];

    public string? OwnerTeam { get; set; }

    public ScalingSignal Signal { get; set; } = ScalingSignal.CompoundingShortcuts;

    public DebtKind Kind { get; set; } = DebtKind.Code;

    public DebtQuadrant Quadrant { get; set; } = DebtQuadrant.InadvertentPrudent;

    public int Likelihood { get; set; } = 3;

    public int Impact { get; set; } = 3;

    public double? EffortDays { get; set; }

    public double? InterestOverride { get; set; }

    public DateTime? PayBackBy { get; set; }

    public DebtStatus Status { get; set; } = DebtStatus.Proposed;

    public string? TargetQuarter { get; set; }

    public string? WontFixReason { get; set; }

    public DateTime? RevisitOn { get; set; }

    public string? BusinessOutcome { get; set; }

    public List<LinkRow> Links { get; set; } = [];

    public string? FindingKey { get; set; }

    public int Version { get; set; }

    public static DebtItemEditModel From(DebtItemDetailsDto d) => new()
    {
        Title = d.Title,
        Description = d.Description,
        Services = [.. d.Summary.Services.Select(s => s.Ref)],
        OwnerTeam = d.OwnerOverridden ? d.Summary.Owner?.Ref : null,
        Signal = d.Signal,
        Kind = d.Summary.Kind,
        Quadrant = d.Summary.Quadrant,
        Likelihood = d.Summary.Likelihood,
        Impact = d.Summary.Impact,
        EffortDays = d.Summary.EffortDays,
        InterestOverride = d.InterestOverride,
        PayBackBy = d.Summary.PayBackBy?.ToDateTime(TimeOnly.MinValue),
        Status = d.Status,
        TargetQuarter = d.Summary.TargetQuarter,
        WontFixReason = d.WontFixReason,
        RevisitOn = d.RevisitOn?.ToDateTime(TimeOnly.MinValue),
        BusinessOutcome = d.BusinessOutcome,
        Links = [.. d.Links.Select(l => new LinkRow { Kind = l.Kind, Url = l.Url, Title = l.Title })],
        FindingKey = d.FindingKey,
        Version = d.Version,
    };

    public static DebtItemEditModel From(DebtItemEdit e) => new()
    {
        Title = e.Title,
        Description = e.Description,
        Services = [.. e.Services],
        OwnerTeam = e.OwnerTeam,
        Signal = e.Signal,
        Kind = e.Kind,
        Quadrant = e.Quadrant,
        Likelihood = e.Likelihood,
        Impact = e.Impact,
        EffortDays = e.EffortDays > 0 ? e.EffortDays : null,
        InterestOverride = e.InterestOverride,
        PayBackBy = e.PayBackBy?.ToDateTime(TimeOnly.MinValue),
        Status = e.Status,
        TargetQuarter = e.TargetQuarter,
        WontFixReason = e.WontFixReason,
        RevisitOn = e.RevisitOn?.ToDateTime(TimeOnly.MinValue),
        BusinessOutcome = e.BusinessOutcome,
        Links = [.. e.Links.Select(l => new LinkRow { Kind = l.Kind, Url = l.Url, Title = l.Title })],
        FindingKey = e.FindingKey,
    };

    /// <summary>A missing effort goes through as 0, so the domain names the field like any other mistake.</summary>
    public DebtItemEdit ToEdit() => new(
        Title,
        Description,
        Services,
        string.IsNullOrWhiteSpace(OwnerTeam) ? null : OwnerTeam,
        Signal,
        Kind,
        Quadrant,
        Likelihood,
        Impact,
        EffortDays ?? 0,
        InterestOverride,
        PayBackBy is { } p ? DateOnly.FromDateTime(p) : null,
        Status,
        TargetQuarter,
        WontFixReason,
        RevisitOn is { } r ? DateOnly.FromDateTime(r) : null,
        BusinessOutcome,
        [.. Links.Where(l => !string.IsNullOrWhiteSpace(l.Url)).Select(l => new DebtLink(l.Kind, l.Url!, l.Title))])
    {
        FindingKey = FindingKey,
    };

    /// <summary>One link row in the form.</summary>
    public sealed class LinkRow
    {
        public DebtLinkKind Kind { get; set; } = DebtLinkKind.GitHubIssue;

        public string? Url { get; set; }

        public string? Title { get; set; }
    }
}
