namespace Portal.Web.Hosting;

/// <summary>
/// Settings of the <c>DataProtection</c> section: the certificate that encrypts the Data Protection keys at rest (the
/// keys that protect sign-in cookies and antiforgery tokens, stored in the database's <c>data_protection_keys</c>).
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A PKCS#12 file (<c>.pfx</c>/<c>.p12</c>) holding the certificate and its private key; relative paths are from the
    /// content root. Empty: keys are stored unencrypted (a warning at start in Production).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The file's password; give it through the environment (<c>DataProtection__CertificatePassword</c>) or user-secrets, never in a file.</summary>
    public string? CertificatePassword { get; set; }
}
