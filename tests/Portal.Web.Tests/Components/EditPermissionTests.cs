using Portal.Web.Components.Pages.Catalog;

namespace Portal.Web.Tests.Components;

public sealed class EditPermissionTests
{
    [Fact]
    public void For_EditorOfAnotherTeam_NamesOwnerAndWhomToAsk()
    {
        var permission = EditPermission.For(canEdit: false, isAdmin: false, isViewer: false, "Billing", "#billing", grantingTeam: null);

        Assert.False(permission.CanEdit);
        Assert.Equal("Owned by Billing — ask #billing. Only its team, the teams it is part of, and admins may edit it.", permission.Reason);
    }

    [Fact]
    public void For_Viewer_SaysTheRoleDoesNotEdit()
    {
        var permission = EditPermission.For(canEdit: false, isAdmin: false, isViewer: true, "Billing", null, grantingTeam: null);

        Assert.Equal("Owned by Billing. Your role is Viewer, which reads but does not edit.", permission.Reason);
    }

    [Fact]
    public void For_Unowned_SaysAnAdminCanEdit()
    {
        var permission = EditPermission.For(canEdit: false, isAdmin: false, isViewer: false, owner: null, null, grantingTeam: null);

        Assert.Contains("Nobody owns this service", permission.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_MemberOfParentTeam_SaysWhichTeamGrantsIt()
    {
        var permission = EditPermission.For(canEdit: true, isAdmin: false, isViewer: false, "Billing", "#billing", grantingTeam: "Customer Experience");

        Assert.True(permission.CanEdit);
        Assert.Equal("You may edit this as a member of Customer Experience, which Billing is part of.", permission.Reason);
    }

    [Fact]
    public void For_OwnerOrAdmin_NeedsNoExplanation()
    {
        Assert.Null(EditPermission.For(canEdit: true, isAdmin: false, isViewer: false, "Billing", "#billing", grantingTeam: null).Reason);
        Assert.Null(EditPermission.For(canEdit: true, isAdmin: true, isViewer: false, "Billing", "#billing", grantingTeam: "Platform").Reason);
    }
}
