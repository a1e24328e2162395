using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>Data Protection keys encrypted at rest with the certificate of <c>DataProtection:CertificatePath</c>.</summary>
public sealed partial class KeyProtectionTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateTempSubdirectory("portal-key-protection-").FullName;

    private TestDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Certificate_KeysAreStoredEncrypted_AndCookiesIssuedStillRead()
    {
        var certificate = WriteCertificate(withPrivateKey: true);
        string cookie;
        await using (var first = App(certificate, Password))
        {
            cookie = await SignInAsync(first);
        }

        await using var db = _db.CreateContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(Ct);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        // A restarted (or second) instance reads the encrypted key ring back from the database and accepts the cookie.
        await using var second = App(certificate, Password);
        var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task NoCertificate_KeysAreStoredAsBefore()
    {
        await using (var app = App(null, null))
        {
            await SignInAsync(app);
        }

        await using var db = _db.CreateContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(Ct);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.DoesNotContain("encryptedSecret", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPassword_StopsStartNamingThePasswordSetting()
    {
        await using var app = App(WriteCertificate(withPrivateKey: true), "not the password");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("DataProtection:CertificatePassword", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_StopsStartNamingThePathSetting()
    {
        await using var app = App(Path.Combine(_folder, "nowhere.pfx"), Password);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("DataProtection:CertificatePath: no certificate file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateWithoutPrivateKey_StopsStart()
    {
        await using var app = App(WriteCertificate(withPrivateKey: false), Password);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("has no private key", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Production_WarnsAtStartOnlyWhenKeysAreUnencrypted(bool withCertificate, bool warned)
    {
        var logs = new CapturingLoggerProvider();
        await using var app = App(withCertificate ? WriteCertificate(withPrivateKey: true) : null, Password, b =>
        {
            b.UseEnvironment("Production");
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });

        app.CreateClient();

        Assert.Equal(warned, logs.Messages.Any(m => m.Level == LogLevel.Warning && m.Text.Contains("keys are stored unencrypted", StringComparison.Ordinal)));
    }

    private PortalWebFactory App(string? certificatePath, string? password, Action<IWebHostBuilder>? configure = null) =>
        new(_db, ownsDatabase: false, b =>
        {
            if (certificatePath is not null)
            {
                b.UseSetting("DataProtection:CertificatePath", certificatePath);
                b.UseSetting("DataProtection:CertificatePassword", password);
            }

            configure?.Invoke(b);
        });

    /// <summary>A self-signed RSA certificate in a PKCS#12 file, with or without its private key.</summary>
    private string WriteCertificate(bool withPrivateKey)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portal key protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var path = Path.Combine(_folder, withPrivateKey ? "keys.pfx" : "public-only.pfx");
        File.WriteAllBytes(path, (withPrivateKey ? certificate : publicOnly).Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    /// <summary>Signs in as the local administrator and returns the cookies the app set.</summary>
    private static async Task<string> SignInAsync(PortalWebFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/signin", Ct);
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/local/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["person"] = "local-admin" }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private sealed record LogMessage(LogLevel Level, string Text);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogMessage> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<LogMessage> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(new LogMessage(logLevel, formatter(state, exception)));
        }
    }
}
