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
