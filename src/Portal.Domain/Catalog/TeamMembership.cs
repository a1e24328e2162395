using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A person in a team, with their role there.</summary>
public sealed class TeamMembership : Entity
{
    private TeamMembership()
    {
    }

    internal TeamMembership(Team team, Person person, MembershipRole role)
    {
        Team = team;
        TeamId = team.Id;
        Person = person;
        PersonId = person.Id;
        Role = role;
    }

    public Guid TeamId { get; private set; }

    public Team Team { get; private set; } = null!;

    public Guid PersonId { get; private set; }

    public Person Person { get; private set; } = null!;

    public MembershipRole Role { get; private set; }

    internal void ChangeRole(MembershipRole role)
    {
        Role = role;
        Touch();
    }
}
