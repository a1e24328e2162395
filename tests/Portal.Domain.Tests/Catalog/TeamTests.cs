using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.Tests.Catalog;

public class TeamTests
{
    [Fact]
    public void SetParent_OwnSubTeam_IsRejected()
    {
        var parent = new Team("engineering");
        var child = new Team("payments");
        child.SetParent(parent);

        var ex = Assert.Throws<DomainValidationException>(() => parent.SetParent(child));
        Assert.Equal("parent", ex.Field);
        Assert.Null(parent.ParentTeamId);
    }

    [Fact]
    public void SetParent_Itself_IsRejected()
    {
        var team = new Team("engineering");
        Assert.Throws<DomainValidationException>(() => team.SetParent(team));
    }

    [Fact]
    public void AddMember_SamePersonTwice_ChangesRoleInsteadOfDuplicating()
    {
        var team = new Team("payments");
        var person = new Person("ada");
        Assert.True(team.AddMember(person));
        Assert.False(team.AddMember(person));
        Assert.True(team.AddMember(person, MembershipRole.Lead));
        var membership = Assert.Single(team.Memberships);
        Assert.Equal(MembershipRole.Lead, membership.Role);
    }

    [Fact]
    public void SetContact_EmailWithoutAt_IsRejected() =>
        Assert.Throws<DomainValidationException>(() => new Team("payments").SetContact("#payments", "payments.example.com"));
}
