using Portal.Domain.Common;

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
    /// <summary>GitHub's id of the issue (<c>id</c>): stable across renames and transfers, unlike <see cref="Url"/>; 0 when unknown.</summary>
    public long Id { get; init; }

    /// <summary>When the issue last changed on GitHub (<c>updated_at</c>, UTC); an older answer never undoes a newer one.</summary>
    public DateTime? UpdatedAt { get; init; }

    /// <summary>True when the answer came from GitHub's search, whose index can lag behind the issue itself.</summary>
    public bool FromSearch { get; init; }

    /// <summary>The author's login (<c>user.login</c>).</summary>
    public string? AuthorLogin { get; init; }

    /// <summary>The author's relation to the repository (<c>author_association</c>: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE…).</summary>
    public string? AuthorAssociation { get; init; }

    /// <summary>
    /// True when the issue's <c>debt:…</c> labels may set the new item's assessment: its author is an owner, member or
    /// collaborator of the repository. Anyone may open an issue on a public repository, and an issue template can
    /// apply labels for them, so an outsider's labels are not trusted to rank an item.
    /// </summary>
    public bool LabelsMaySetAssessment => IsInsider(AuthorAssociation);

    /// <summary>Whether an <c>author_association</c> is an owner, member or collaborator of the repository.</summary>
    public static bool IsInsider(string? authorAssociation) => authorAssociation?.ToUpperInvariant() is "OWNER" or "MEMBER" or "COLLABORATOR";

    /// <summary>How people name the issue: <c>acme/billing#12</c>.</summary>
    public string Reference => $"{Organization}/{Repository}#{Number}";

    /// <summary>The title as an item holds it: GitHub allows longer titles than the register, so a long one is shortened.</summary>
    public string ItemTitle
    {
        get
        {
            var t = Title.Trim();
            return TextCut.Shorten(t, DebtItem.MaxTitleLength);
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
            return TextCut.Shorten(body, DebtItem.MaxDescriptionLength, note);
        }
    }
}
