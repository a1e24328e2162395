namespace Portal.Web.Components.Pages.Catalog;

/// <summary>
/// Says, in words, whether the viewer may edit a service and why: who owns it and whom to ask when they may not,
/// and which of their teams gives them the right when it is not the owning team itself.
/// </summary>
/// <param name="CanEdit">The Edit button works.</param>
/// <param name="Reason">Shown next to the button: why it is disabled, or why it is enabled for someone outside the owning team.</param>
public sealed record EditPermission(bool CanEdit, string? Reason)
{
    /// <param name="canEdit">What the domain says (<c>Actor.CanEdit</c>).</param>
    /// <param name="isAdmin">Admins edit everything; no explanation needed.</param>
    /// <param name="isViewer">A Viewer edits nothing, whichever team they are in.</param>
    /// <param name="owner">The owning team's display name, if any.</param>
    /// <param name="ownerContact">The owning team's chat channel or e-mail, if known.</param>
    /// <param name="grantingTeam">The viewer's team the owning team belongs to, when that (not membership of the owner) grants the right.</param>
    public static EditPermission For(bool canEdit, bool isAdmin, bool isViewer, string? owner, string? ownerContact, string? grantingTeam)
    {
        if (canEdit)
        {
            return new(true, isAdmin || grantingTeam is null || owner is null
                ? null
                : $"You may edit this as a member of {grantingTeam}, which {owner} is part of.");
        }

        var ask = ownerContact is { Length: > 0 } contact ? $" — ask {contact}" : "";
        return new(false, (owner, isViewer) switch
        {
            (null, _) => "Nobody owns this service: an admin can edit it and give it an owner.",
            (_, true) => $"Owned by {owner}{ask}. Your role is Viewer, which reads but does not edit.",
            _ => $"Owned by {owner}{ask}. Only its team, the teams it is part of, and admins may edit it.",
        });
    }
}
