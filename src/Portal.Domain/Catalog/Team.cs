using Portal.Domain.Common;

namespace Portal.Domain.Catalog;

/// <summary>A group of people that owns services (Backstage <c>Group</c>).</summary>
public sealed class Team : CatalogEntity
{
    private readonly List<TeamMembership> _memberships = [];

    private Team()
    {
    }

    public Team(string name, string? title = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, title)
    {
    }

    /// <summary>Backstage <c>spec.type</c>: team, business-unit, product-area…</summary>
    public string Type { get; private set; } = "team";

    public Guid? ParentTeamId { get; private set; }

    public Team? ParentTeam { get; private set; }

    /// <summary>Where to reach the team, e.g. <c>#payments</c> on chat.</summary>
    public string? ContactChannel { get; private set; }

    public string? Email { get; private set; }

    /// <summary>The team disappeared from its source (e.g. deleted on GitHub). Kept for history.</summary>
    public bool IsGone { get; private set; }

    public IReadOnlyCollection<TeamMembership> Memberships => _memberships;

    public void SetType(string? type)
    {
        Type = string.IsNullOrWhiteSpace(type) ? "team" : type.Trim().ToLowerInvariant();
        Touch();
    }

    public void SetContact(string? channel, string? email)
    {
        if (email is not null && !string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainValidationException("email", $"'{email}' is not an e-mail address");
        }

        ContactChannel = string.IsNullOrWhiteSpace(channel) ? null : channel.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Touch();
    }

    /// <summary>Sets the parent team; refuses a parent that would make the hierarchy a loop.</summary>
    public void SetParent(Team? parent)
    {
        for (var t = parent; t is not null; t = t.ParentTeam)
        {
            if (t == this || t.Id == Id)
            {
                throw new DomainValidationException("parent", $"'{parent!.Name}' is '{Name}' or one of its sub-teams");
            }
        }

        ParentTeam = parent;
        ParentTeamId = parent?.Id;
        Touch();
    }

    public void MarkGone()
    {
        IsGone = true;
        Touch();
    }

    public void MarkPresent()
    {
        IsGone = false;
        Touch();
    }

    /// <summary>Adds the person or changes their role; returns false when nothing changed.</summary>
    public bool AddMember(Person person, MembershipRole role = MembershipRole.Member)
    {
        var existing = _memberships.FirstOrDefault(m => m.PersonId == person.Id);
        if (existing is not null)
        {
            if (existing.Role == role)
            {
                return false;
            }

            existing.ChangeRole(role);
            return true;
        }

        _memberships.Add(new TeamMembership(this, person, role));
        Touch();
        return true;
    }

    public bool RemoveMember(Guid personId)
    {
        var removed = _memberships.RemoveAll(m => m.PersonId == personId) > 0;
        if (removed)
        {
            Touch();
        }

        return removed;
    }
}
