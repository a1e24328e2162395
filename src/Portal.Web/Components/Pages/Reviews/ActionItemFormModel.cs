using System.ComponentModel.DataAnnotations;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Web.Components.Pages.Reviews;

/// <summary>What the action-item form edits; the domain checks it again (team exists, date not past, target with a signal).</summary>
public sealed class ActionItemFormModel : IValidatableObject
{
    [Required(ErrorMessage = "Say what will be done.")]
    [StringLength(ActionItem.MaxTitleLength, ErrorMessage = "The title is longer than 200 characters.")]
    public string? Title { get; set; }

    [StringLength(ActionItem.MaxDescriptionLength, ErrorMessage = "The description is longer than 4,000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the team that will do it.")]
    public string? OwnerTeam { get; set; }

    [Required(ErrorMessage = "Choose the date it is due.")]
    public DateTime? DueOn { get; set; }

    public ScalingSignal? Signal { get; set; }

    public ScoreLevel? TargetLevel { get; set; }

    /// <summary>One service the target is about (reference); empty for all the team's services.</summary>
    public string? Service { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TargetLevel is not null && Signal is null)
        {
            yield return new ValidationResult("Choose the signal that should reach the target level.", [nameof(Signal)]);
        }

        if (TargetLevel is ScoreLevel.None)
        {
            yield return new ValidationResult("A target level is Bronze, Silver or Gold.", [nameof(TargetLevel)]);
        }
    }

    /// <summary>The form filled in with an existing item, for editing it.</summary>
    public static ActionItemFormModel From(ActionItemDto item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            Title = item.Title,
            Description = item.Description,
            OwnerTeam = item.Team,
            DueOn = item.DueOn.ToDateTime(TimeOnly.MinValue),
            Signal = item.Signal,
            TargetLevel = item.TargetLevel,
            Service = item.Service,
        };
    }

    /// <summary>The input the domain command takes.</summary>
    public ActionItemInput ToInput() => new(
        Title?.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), OwnerTeam,
        DueOn is { } d ? DateOnly.FromDateTime(d) : null, Signal, TargetLevel, string.IsNullOrWhiteSpace(Service) ? null : Service.Trim());
}
