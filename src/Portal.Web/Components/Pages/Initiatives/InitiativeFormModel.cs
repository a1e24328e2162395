using System.ComponentModel.DataAnnotations;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Initiatives;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Web.Components.Pages.Initiatives;

/// <summary>What the initiative form edits; the domain checks it again (teams exist, dates, permission).</summary>
public sealed class InitiativeFormModel : IValidatableObject
{
    [Required(ErrorMessage = "Title: state the target in words.")]
    [StringLength(Initiative.MaxTitleLength, ErrorMessage = "Title: at most 200 characters.")]
    public string? Title { get; set; }

    [StringLength(Initiative.MaxDescriptionLength, ErrorMessage = "Details: at most 4,000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Signal: choose the signal the target is on.")]
    public ScalingSignal? Signal { get; set; }

    [Required(ErrorMessage = "Target level: choose Bronze, Silver or Gold.")]
    public ScoreLevel? TargetLevel { get; set; }

    /// <summary>Teams in scope (references); empty for the whole organisation.</summary>
    public IReadOnlyCollection<string> Teams { get; set; } = [];

    /// <summary>Only services of this tier or more critical; null for every tier.</summary>
    public int? MaxTier { get; set; }

    [Required(ErrorMessage = "Owner team: choose the team accountable for it.")]
    public string? OwnerTeam { get; set; }

    public DateTime? StartsOn { get; set; }

    [Required(ErrorMessage = "Due on: choose the date the target should be met.")]
    public DateTime? DueOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TargetLevel is ScoreLevel.None)
        {
            yield return new ValidationResult("Target level: choose Bronze, Silver or Gold.", [nameof(TargetLevel)]);
        }

        if (StartsOn is { } start && DueOn is { } due && due.Date <= start.Date)
        {
            yield return new ValidationResult($"Due on: must be after the start ({start:yyyy-MM-dd}).", [nameof(DueOn)]);
        }

        if (Teams.Count > Initiative.MaxScopeTeams)
        {
            yield return new ValidationResult($"Teams in scope: at most {Initiative.MaxScopeTeams}; leave it empty for the whole organisation.", [nameof(Teams)]);
        }
    }

    /// <summary>The form filled in with an initiative, for editing it.</summary>
    public static InitiativeFormModel From(InitiativeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var s = view.Summary;
        return new()
        {
            Title = s.Title,
            Description = view.Description,
            Signal = s.Signal,
            TargetLevel = s.TargetLevel,
            Teams = [.. view.ScopeTeamRefs],
            MaxTier = s.MaxTier,
            OwnerTeam = s.OwnerTeam.Length == 0 ? null : s.OwnerTeam,
            StartsOn = s.StartsOn.ToDateTime(TimeOnly.MinValue),
            DueOn = s.DueOn.ToDateTime(TimeOnly.MinValue),
        };
    }

    /// <summary>
    /// The form filled in from a review's action item: its title, owner team (also the scope), due date, details, and
    /// signal and level when it has a target. An item past due gets a date a quarter from <paramref name="today"/>.
    /// </summary>
    public static InitiativeFormModel From(ActionItemDto item, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(item);
        var due = item.DueOn > today ? item.DueOn : today.AddDays(90);
        return new()
        {
            Title = item.Title,
            Description = item.Description,
            Signal = item.Signal,
            TargetLevel = item.TargetLevel,
            Teams = item.Team is { } team ? [team] : [],
            OwnerTeam = item.Team,
            StartsOn = today.ToDateTime(TimeOnly.MinValue),
            DueOn = due.ToDateTime(TimeOnly.MinValue),
        };
    }

    /// <summary>The input the domain command takes.</summary>
    public InitiativeInput ToInput() => new(
        Title?.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), Signal, TargetLevel, [.. Teams], MaxTier,
        OwnerTeam, StartsOn is { } s ? DateOnly.FromDateTime(s) : null, DueOn is { } d ? DateOnly.FromDateTime(d) : null);
}
