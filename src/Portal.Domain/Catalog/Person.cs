using Portal.Domain.Common;
using Portal.Domain.Security;

namespace Portal.Domain.Catalog;

/// <summary>Someone who can own, be on call, and sign in (Backstage <c>User</c>).</summary>
public sealed class Person : CatalogEntity
{
    private readonly List<TeamMembership> _memberships = [];

    private Person()
    {
    }

    public Person(string name, string? displayName = null, string? email = null, string ns = CatalogName.DefaultNamespace)
        : base(ns, name, displayName)
    {
        SetEmail(email);
    }

    public string? Email { get; private set; }

    public string? GitHubLogin { get; private set; }

    /// <summary>A number to call the person on, as they would dial it (<c>+44 20 7946 0958</c>); shown where people look for who is on call.</summary>
    public string? Phone { get; private set; }

    /// <summary>What the person may do in Portal when signed in locally.</summary>
    public PortalRole Role { get; private set; } = PortalRole.Editor;

    public IReadOnlyCollection<TeamMembership> Memberships => _memberships;

    public void SetEmail(string? email)
    {
        if (!string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainValidationException("email", $"'{email}' is not an e-mail address");
        }

        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Touch();
    }

    /// <summary>Sets the phone number; <see cref="PhoneNumber.Normalise"/> says what is accepted.</summary>
    public void SetPhone(string? phone)
    {
        Phone = PhoneNumber.Normalise(phone);
        Touch();
    }

    public void SetGitHubLogin(string? login)
    {
        GitHubLogin = string.IsNullOrWhiteSpace(login) ? null : login.Trim();
        Touch();
    }

    public void SetRole(PortalRole role)
    {
        Role = role;
        Touch();
    }
}
