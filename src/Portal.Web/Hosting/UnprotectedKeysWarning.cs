namespace Portal.Web.Hosting;

/// <summary>At start in Production without <c>DataProtection:CertificatePath</c>: warns that the keys are stored unencrypted.</summary>
internal sealed class UnprotectedKeysWarning(ILogger<UnprotectedKeysWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Data Protection keys are stored unencrypted in the database (table data_protection_keys): anyone who can read the database or a backup of it can forge sign-in cookies. Set {Setting} to a PKCS#12 certificate (and its password) to encrypt them; see docs/operations.md, 'Protecting the keys'.",
            KeyProtectionOptions.Section + ":" + nameof(KeyProtectionOptions.CertificatePath));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
