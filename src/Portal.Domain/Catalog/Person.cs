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

    /// <summary>
    /// The OpenID Connect issuer of the sign-in account linked to this person (null until they first sign in).
    /// Only sign-in sets it: no catalog source can, so catalog data never decides who someone is.
    /// </summary>
    public string? SignInIssuer { get; private set; }

    /// <summary>The OpenID Connect subject (<c>sub</c>) of the linked sign-in account, stable for the account's life.</summary>
    public string? SignInSubject { get; private set; }

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

    /// <summary>
    /// Links the person to a sign-in account, once. Linking the same account again changes nothing; a person already
    /// linked to another account is refused, so nobody can take over a linked person.
    /// </summary>
    /// <returns>True when this call made the link, false when it was already there.</returns>
    public bool LinkSignIn(string issuer, string subject)
    {
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(subject))
        {
            throw new DomainValidationException("subject", "a sign-in link needs both the issuer and the subject");
        }

        if (SignInSubject is not null)
        {
            return SignInIssuer == issuer && SignInSubject == subject
                ? false
                : throw new DomainValidationException("sign-in", $"person '{Ref}' is already linked to another sign-in account");
        }

        SignInIssuer = issuer;
        SignInSubject = subject;
        Touch();
        return true;
    }

    /// <summary>
    /// Removes the link to a sign-in account (an admin's correction: the account belonged to someone else, or the person
    /// moved to a new account). The next sign-in of any account links again by verified e-mail.
    /// </summary>
    public void UnlinkSignIn()
    {
        if (SignInSubject is null)
        {
            throw new DomainValidationException("sign-in", $"person '{Ref}' is not linked to a sign-in account");
        }

        SignInIssuer = null;
        SignInSubject = null;
        Touch();
    }

    public void SetRole(PortalRole role)
    {
        Role = role;
        Touch();
    }
}
