namespace Portal.Domain.Debt;

/// <summary>
/// A GitHub issue labelled as tech debt, as the sync read it: what <see cref="Commands.DebtMirrorCommands"/> turns
/// into a debt item. Plain data, so the domain needs no GitHub client.
/// </summary>
/// <param name="Url">The issue's web address (<c>html_url</c>): the item's <see cref="DebtItem.ExternalUrl"/>.</param>
/// <param name="Organization">The repository's owner.</param>
/// <param name="Repository">The repository's name; its service becomes the affected service.</param>
/// <param name="Number">The issue number.</param>
/// <param name="Title">The issue title.</param>
/// <param name="Body">The issue body, Markdown.</param>
/// <param name="Closed">True when the issue is closed.</param>
/// <param name="ClosedAsNotPlanned">True when it was closed as "not planned" (<c>state_reason</c>).</param>
/// <param name="ClosedAt">UTC instant it was closed.</param>
/// <param name="Labels">Label names, which may seed the item's assessment (<see cref="DebtLabels"/>).</param>
public sealed record MirroredIssue(
    string Url,
    string Organization,
    string Repository,
    int Number,
    string Title,
    string? Body,
    bool Closed,
    bool ClosedAsNotPlanned,
    DateTime? ClosedAt,
    IReadOnlyList<string> Labels)
{
    /// <summary>How people name the issue: <c>acme/billing#12</c>.</summary>
    public string Reference => $"{Organization}/{Repository}#{Number}";

    /// <summary>The title as an item holds it: GitHub allows longer titles than the register, so a long one is shortened.</summary>
    public string ItemTitle
    {
        get
        {
            var t = Title.Trim();
            return t.Length <= DebtItem.MaxTitleLength ? t : t[..(DebtItem.MaxTitleLength - 1)].TrimEnd() + "…";
        }
    }

    /// <summary>The body as an item holds it: a body longer than the register keeps is cut, saying where the rest is.</summary>
    public string? ItemDescription
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body))
            {
                return null;
            }

            var body = Body.Trim();
            var note = $"\n\n… (cut here: the full text is on GitHub, {Url})";
            return body.Length <= DebtItem.MaxDescriptionLength ? body : body[..(DebtItem.MaxDescriptionLength - note.Length)].TrimEnd() + note;
        }
    }
}
