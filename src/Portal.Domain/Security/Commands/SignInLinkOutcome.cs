namespace Portal.Domain.Security.Commands;

/// <summary>How a sign-in account was matched to a person in the catalog.</summary>
public enum SignInLinkOutcome
{
    /// <summary>A person was already linked to this account.</summary>
    Linked,

    /// <summary>This sign-in linked the account to the person with the same verified e-mail (audited).</summary>
    NewlyLinked,

    /// <summary>No person matches: signed in without a person (role from the provider, no team rights).</summary>
    NoPerson,

    /// <summary>Refused: the matching person belongs to another account, or the e-mail is ambiguous.</summary>
    Refused,
}
