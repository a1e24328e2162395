using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Components.Pages.Scorecards;

/// <summary>What the answer form edits.</summary>
public sealed class AnswerFormModel
{
    [Range(0, 4, ErrorMessage = "Choose a maturity from 0 to 4.")]
    public int Maturity { get; set; } = -1;

    [Required(ErrorMessage = "A note is required: say why this answer is right.")]
    [StringLength(2000, ErrorMessage = "The note is longer than 2,000 characters.")]
    public string? Note { get; set; }

    [Url(ErrorMessage = "The evidence link must be an http(s) address.")]
    public string? EvidenceUrl { get; set; }
}
