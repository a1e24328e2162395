using Portal.Domain.Security;

namespace Portal.Domain.Tests.Security;

public class ActorTests
{
    private static readonly Guid Mine = Guid.NewGuid();
    private static readonly Guid Theirs = Guid.NewGuid();

    [Fact]
    public void CanEdit_EditorOnOwnTeamsService_IsAllowed() =>
        Assert.True(new Actor("ada", "Ada", PortalRole.Editor, new HashSet<Guid> { Mine }).CanEdit(Mine));

    [Fact]
    public void CanEdit_EditorOnOtherTeamsService_IsRefused() =>
        Assert.False(new Actor("ada", "Ada", PortalRole.Editor, new HashSet<Guid> { Mine }).CanEdit(Theirs));

    [Fact]
    public void CanEdit_EditorOnUnownedService_IsRefused() =>
        Assert.False(new Actor("ada", "Ada", PortalRole.Editor, new HashSet<Guid> { Mine }).CanEdit(null));

    [Fact]
    public void CanEdit_ViewerEvenInOwningTeam_IsRefused() =>
        Assert.False(new Actor("ada", "Ada", PortalRole.Viewer, new HashSet<Guid> { Mine }).CanEdit(Mine));

    [Fact]
    public void CanEdit_Admin_IsAllowedAnywhere() =>
        Assert.True(new Actor("root", "Root", PortalRole.Admin, new HashSet<Guid>()).CanEdit(Theirs));

    [Fact]
    public void Issue_StoresOnlyHashOfSecret()
    {
        var (token, secret) = ApiToken.Issue("ci", PortalRole.Viewer, "admin", new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc), ApiToken.DefaultLifetime);
        Assert.StartsWith(ApiToken.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(ApiToken.HashOf(secret), token.Hash);
        Assert.DoesNotContain(secret, token.Hash, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40);
    }

    [Fact]
    public void Issue_TwoTokens_HaveDifferentSecrets() =>
        Assert.NotEqual(ApiToken.Issue("a", PortalRole.Viewer, "x", DateTime.UnixEpoch, null).Secret, ApiToken.Issue("a", PortalRole.Viewer, "x", DateTime.UnixEpoch, null).Secret);
}
