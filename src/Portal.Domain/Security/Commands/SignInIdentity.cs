namespace Portal.Domain.Security.Commands;

/// <summary>What an OpenID Connect provider said about someone who just signed in.</summary>
/// <param name="Issuer">The token's issuer (<c>iss</c>).</param>
/// <param name="Subject">The account's subject (<c>sub</c>): unique and stable within the issuer.</param>
/// <param name="Email">The <c>email</c> claim, if any.</param>
/// <param name="EmailVerified">True only when the provider said the e-mail is verified.</param>
public sealed record SignInIdentity(string Issuer, string Subject, string? Email, bool EmailVerified);
