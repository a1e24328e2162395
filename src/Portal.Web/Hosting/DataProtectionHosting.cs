using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;

namespace Portal.Web.Hosting;

/// <summary>
/// Data Protection keys shared through the database (every instance behind a load balancer reads the same key ring),
/// encrypted at rest with the certificate named by <c>DataProtection:CertificatePath</c> when one is configured.
/// </summary>
public static class DataProtectionHosting
{
    public const string ApplicationName = "portal";

    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<PortalDbContext>>((o, dbFactory) => o.XmlRepository = new DatabaseXmlRepository(dbFactory));

        if (LoadCertificate(settings, builder.Environment.ContentRootPath) is { } certificate)
        {
            // Also registers the certificate for decryption, so reading the keys needs no certificate store.
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        else if (builder.Environment.IsProduction())
        {
            builder.Services.AddHostedService<UnprotectedKeysWarning>();
        }

        return builder;
    }

    /// <summary>
    /// The certificate <paramref name="settings"/> name, with its private key; null when none is configured. A file that
    /// is missing, unreadable, not PKCS#12, opened with the wrong password or without a private key throws, naming the
    /// setting to fix, so the app does not start with keys it could not read back.
    /// </summary>
    public static X509Certificate2? LoadCertificate(KeyProtectionOptions settings, string contentRoot)
    {
        const string pathKey = KeyProtectionOptions.Section + ":" + nameof(KeyProtectionOptions.CertificatePath);
        const string passwordKey = KeyProtectionOptions.Section + ":" + nameof(KeyProtectionOptions.CertificatePassword);
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return null;
        }

        var path = Path.GetFullPath(settings.CertificatePath, contentRoot);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{pathKey}: no certificate file at '{path}'. Give the path of a PKCS#12 (.pfx) file, or remove the setting to store the keys unencrypted.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"{pathKey}: the certificate '{path}' could not be opened ({ex.Message}). Check {passwordKey} and that the file is PKCS#12 (.pfx).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException($"{pathKey}: the certificate '{path}' cannot be read by this process ({ex.Message}).", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{pathKey}: the certificate '{path}' has no private key; the keys could be encrypted but never read back. Export it with its private key.");
        }

        return certificate;
    }
}
