using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Testing;
using Portal.Testing.FakeGitHub;
using Portal.Web.Cli;

namespace Portal.Web.Tests.Cli;

public class PortalCliTests
{
    [Fact]
    public void Parse_NoArguments_RunsTheWebApp() => Assert.Null(PortalCli.Parse([]));

    [Fact]
    public void Parse_OnlyHostOptions_RunsTheWebApp() => Assert.Null(PortalCli.Parse(["--urls", "http://localhost:5000"]));

    [Fact]
    public void Parse_VerbWithConfigurationOverride_SeparatesHostArguments()
    {
        var cli = PortalCli.Parse(["token", "create", "--name", "ci", "--role", "viewer", "--Database:Provider=Postgres"]);
        Assert.NotNull(cli);
        Assert.Equal(["token", "create", "--name", "ci", "--role", "viewer"], cli.VerbArgs);
        Assert.Equal(["--Database:Provider=Postgres"], cli.HostArgs);
    }

    [Fact]
    public void Parse_Help_IsHelp() => Assert.True(PortalCli.Parse(["--help"])!.IsHelp);

    [Fact]
    public async Task TokenCreate_OnTheRealExecutable_PrintsTheTokenLast()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, stdout, stderr) = await RunAsync(db.ConnectionString, "token", "create", "--name", "ci", "--role", "editor");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("ptl_", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_CreatedBy_AnswersForTheOsUserAndThePersonNeverASharedCli()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        Assert.Equal(0, (await RunAsync(db.ConnectionString, "seed", "demo")).Exit);

        var plain = await RunAsync(db.ConnectionString, "token", "create", "--name", "ci", "--role", "admin");
        var named = await RunAsync(db.ConnectionString, "token", "create", "--name", "ada-ci", "--role", "admin", "--created-by", "ada.okafor");
        var unknown = await RunAsync(db.ConnectionString, "token", "create", "--name", "ghost-ci", "--role", "admin", "--created-by", "nobody.here");

        Assert.True(plain.Exit == 0, plain.Stderr);
        Assert.Contains($"answering for cli:{Environment.UserName}. Store it", plain.Stdout, StringComparison.Ordinal);
        Assert.True(named.Exit == 0, named.Stderr);
        Assert.Contains($"answering for cli:{Environment.UserName} and ada.okafor. Store it", named.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("--created-by 'nobody.here' is nobody in the catalog", unknown.Stderr, StringComparison.Ordinal);
        await using var context = db.CreateContext();
        var tokens = await context.ApiTokens.AsNoTracking().OrderBy(t => t.Name).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["ada-ci", "ci"], tokens.Select(t => t.Name));
        Assert.Equal(["ada.okafor"], tokens[0].CreatedByAlso);
        Assert.All(tokens, t => Assert.Equal("cli:" + Environment.UserName, t.CreatedBy));
    }

    [Fact]
    public async Task SyncGitHub_FakeGitHubTwice_PrintsCountsThenNothingChangedWithMostly304()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var state = new FakeGitHubState();
        state.ValidTokens.Add("fake-token");
        var org = state.AddOrg("acme");
        org.AddTeam("payments").AddMember("carol");
        org.AddRepo("ledger", r => r.SetFile("CODEOWNERS", "* @acme/payments\n"));
        org.AddRepo("billing", r => r.SetFile("README.md", "# billing\n"));
        await using var github = await FakeGitHubServer.StartAsync(state, TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string>
        {
            ["GitHub__ApiUrl"] = github.BaseUrl.ToString(),
            ["GitHub__Organizations__0"] = "acme",
            ["GitHub__Token"] = "fake-token",
        };

        var first = await RunWithAsync(db.ConnectionString, settings, "sync", "github");
        var second = await RunWithAsync(db.ConnectionString, settings, "sync", "github");

        Assert.True(first.Exit == 0, first.Stderr + first.Stdout);
        Assert.Contains("GitHub sync Succeeded", first.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"service\s+2\s+0\s+0", first.Stdout);
        Assert.Equal(0, second.Exit);
        Assert.Contains("nothing changed", second.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"requests: \d+ counted, \d+ answered 304", second.Stdout);
    }

    [Fact]
    public async Task SyncGitHub_BadToken_ExitsOneNamingTheProblem()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var state = new FakeGitHubState();
        state.AddOrg("acme");
        await using var github = await FakeGitHubServer.StartAsync(state, TestContext.Current.CancellationToken);

        var run = await RunWithAsync(
            db.ConnectionString,
            new Dictionary<string, string> { ["GitHub__ApiUrl"] = github.BaseUrl.ToString(), ["GitHub__Organizations__0"] = "acme", ["GitHub__Token"] = "wrong" },
            "sync",
            "github");

        Assert.Equal(1, run.Exit);
        Assert.Contains("Bad credentials", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncGitHub_NotConfigured_FailsWithTheSettingsToSet()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);

        var run = await RunAsync(db.ConnectionString, "sync", "github");

        Assert.Equal(1, run.Exit);
        Assert.Contains("GitHub:Organizations", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewsClose_OnTheRealExecutable_CreatesAndClosesTheReviewThenRefusesASecondClose()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        Assert.Equal(0, (await RunAsync(db.ConnectionString, "seed", "scale", "--services", "20")).Exit);

        var (exit, stdout, stderr) = await RunAsync(db.ConnectionString, "reviews", "close", "2026-q3", "--title", "Bench");
        var again = await RunAsync(db.ConnectionString, "reviews", "close", "2026-Q3");
        var malformed = await RunAsync(db.ConnectionString, "reviews", "close", "2026-Q5");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("Created the organisation review of 2026-Q3.", stdout, StringComparison.Ordinal);
        Assert.Contains("Closed the review of 2026-Q3 (revision 1): 20 services frozen in", stdout, StringComparison.Ordinal);
        Assert.Contains("Phase services read and packed:", stdout, StringComparison.Ordinal);
        Assert.Equal(1, again.Exit);
        Assert.Contains("already closed (revision 1)", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, malformed.Exit);
        Assert.Contains("give the quarter as YYYY-Qn, not '2026-Q5'", malformed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_UnknownRole_FailsWithAMessage()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, _, stderr) = await RunAsync(db.ConnectionString, "token", "create", "--name", "ci", "--role", "owner");
        Assert.Equal(1, exit);
        Assert.Contains("--role must be admin, editor or viewer", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999")]
    [InlineData("0")]
    [InlineData("1826")]
    public async Task TokenCreate_ExpiryOutOfRange_FailsWithTheUsageNotAStackTrace(string days)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);

        var (exit, _, stderr) = await RunAsync(db.ConnectionString, "token", "create", "--name", "ci", "--role", "viewer", "--expires-in-days", days);

        Assert.Equal(1, exit);
        Assert.Contains("--expires-in-days must be from 1 to 1825 days", stderr, StringComparison.Ordinal);
        Assert.Contains("Usage: token create", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateThenSeedDemo_CreatesTheDemoCompanyOnce()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var migrate = await RunAsync(db.ConnectionString, "migrate");
        var first = await RunAsync(db.ConnectionString, "seed", "demo");
        var second = await RunAsync(db.ConnectionString, "seed", "demo");

        Assert.Equal(0, migrate.Exit);
        Assert.Contains("Applied", migrate.Stdout, StringComparison.Ordinal);
        Assert.Contains("Loaded demo company", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("already loaded", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RealBackstageExamples_PrintsASummaryPerKindAndExportRoundTrips()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var import = await RunAsync(db.ConnectionString, "import", TestData.BackstageExamples);
        var dir = Directory.CreateTempSubdirectory("portal-export-").FullName;
        try
        {
            var export = await RunAsync(db.ConnectionString, "export", dir);
            var again = await RunAsync(db.ConnectionString, "import", dir);

            Assert.True(import.Exit == 0, import.Stderr);
            Assert.Matches(@"Component\s+\d+", import.Stdout);
            Assert.Contains("invalid-component.yaml document 1", import.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, export.Exit);
            Assert.True(File.Exists(Path.Combine(dir, "all.yaml")));
            Assert.Equal(0, again.Exit);
            Assert.Matches(@"Component\s+0\s+0\s+\d+", again.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Import_NothingValid_ExitsNonZero()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, stdout, stderr) = await RunAsync(db.ConnectionString, "import", Path.Combine(TestData.BackstageExamples, "components", "invalid-component.yaml"));
        Assert.Equal(1, exit);
        Assert.Contains("nothing could be imported", stderr, StringComparison.Ordinal);
        Assert.Contains("invalid-component.yaml", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NestedAndAliasBombFiles_ReportsTheLimitsImportsTheRestAndExitsNormally()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var dir = Directory.CreateTempSubdirectory("portal-hostile-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "deep.yaml"), HostileYaml.Nested(), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "bomb.yaml"), HostileYaml.AliasBomb(), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "team.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  children: []\n", TestContext.Current.CancellationToken);

            var all = await RunAsync(db.ConnectionString, "import", dir);
            var deepOnly = await RunAsync(db.ConnectionString, "import", Path.Combine(dir, "deep.yaml"));

            // Before YAML limits the first run aborted with a stack overflow (exit 134) and the second never got to run.
            Assert.True(all.Exit == 0, all.Stderr + all.Stdout);
            Assert.Contains($"deep.yaml document 1: beyond Portal's YAML limits at line {HostileYaml.NestedLine},", all.Stdout, StringComparison.Ordinal);
            Assert.Contains("nested more than 64 levels deep", all.Stdout, StringComparison.Ordinal);
            Assert.Contains("bomb.yaml document 1: beyond Portal's YAML limits", all.Stdout, StringComparison.Ordinal);
            Assert.Matches(@"Group\s+1\s+0\s+0\s+0", all.Stdout);
            Assert.Equal(1, deepOnly.Exit);
            Assert.Contains("nothing could be imported", deepOnly.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Import_MissingPath_SaysSo()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, _, stderr) = await RunAsync(db.ConnectionString, "import", "/no/such/place");
        Assert.Equal(1, exit);
        Assert.Contains("neither a file nor a directory", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_ExitsNonZero()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, _, stderr) = await RunAsync(db.ConnectionString, "frobnicate");
        Assert.Equal(1, exit);
        Assert.Contains("Unknown command", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_WithoutConnectionString_FailsNamingTheSetting()
    {
        var (exit, _, stderr) = await RunAsync(null, "migrate", "--Database:Provider=Postgres");
        Assert.NotEqual(0, exit);
        Assert.Contains("ConnectionStrings:Portal", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_LocalModeOnNetworkAddress_RefusesToStart()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, _, stderr) = await RunAsync(db.ConnectionString, "--urls", "http://0.0.0.0:5999");
        Assert.Equal(2, exit);
        Assert.Contains("Auth:Mode is Local", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_LocalModeOnNetworkAddressClaimingLoopbackPublishOutsideAContainer_RefusesToStart()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, _, stderr) = await RunWithAsync(
            db.ConnectionString, new Dictionary<string, string> { ["DOTNET_RUNNING_IN_CONTAINER"] = "false" },
            "--urls", "http://0.0.0.0:5999", "--Edge:PublishedAddress=127.0.0.1");
        Assert.Equal(2, exit);
        Assert.Contains("honoured only when DOTNET_RUNNING_IN_CONTAINER=true", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_OidcWithoutAuthority_StopsAtStartNamingTheKey()
    {
        await using var db = await TestDatabase.CreateEmptyAsync(TestProvider.Sqlite);
        var (exit, stdout, stderr) = await RunAsync(db.ConnectionString, "--urls", "http://127.0.0.1:0", "--Auth:Mode=Oidc");
        Assert.NotEqual(0, exit);
        Assert.Contains("Auth:Oidc:Authority", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs Portal.Web.dll from this test's output folder as a separate process.</summary>
    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? connectionString, params string[] args) =>
        RunWithAsync(connectionString, new Dictionary<string, string>(), args);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunWithAsync(string? connectionString, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Portal"] = connectionString ?? "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // A verb that wrongly starts serving would never exit: give up after a minute and say so.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout, "timed out after 60 s: " + await stderr);
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
