using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Demo;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Ingest.Backstage;
using Portal.Ingest.Demo;
using Portal.Web.Hosting;

namespace Portal.Web.Cli;

/// <summary>
/// Verbs on the same executable: <c>migrate</c>, <c>seed demo</c>, <c>token create</c>, <c>reviews close</c>… A verb never
/// serves the web app; it exits 0 on success and non-zero with a message on failure.
/// </summary>
public sealed class PortalCli
{
    public const string Usage = """
        Portal: an internal developer portal for teams that are starting to scale.

        Usage:
          dotnet run --project src/Portal.Web                      serve the portal (no verb)
          dotnet run --project src/Portal.Web -- <verb> [options]

        Verbs:
          migrate                                      apply database migrations and exit
          seed demo                                    load the demo company (does nothing if already loaded)
          seed scale --services N [--seed S]           generate a large deterministic catalog for benchmarks;
                     [--teams N] [--people N] [--edges-per-service N]
                     [--debt N]                        --debt adds N tech-debt items over it, all scored
          import <file-or-dir>                         import Backstage catalog-info.yaml files; prints a summary per kind;
                                                       exits 1 when nothing could be imported
          export <dir>                                 write the catalog as Backstage YAML files into <dir>
          sync github                                  run the GitHub sync now, in this process (GitHub:Organizations and
                                                       GitHub:Token or an App must be set); prints counts and request
                                                       figures; exits 1 when the run failed or was interrupted, 3 when
                                                       another sync is running (per-repository errors are listed, exit 0)
          scorecards evaluate [--verbose]              evaluate every service's scorecard now and store what changed;
                                                       prints how many services were evaluated and changed, and the time;
                                                       --verbose adds the time of each phase and of each check
          reviews close QUARTER [--title TITLE]        close a quarter's review now, in this process (creating the
                                                       organisation review first when there is none); prints the
                                                       services frozen, the time and the memory the close needed
          token create --name NAME --role ROLE         create an API token; ROLE is admin, editor or viewer;
                     [--created-by PERSON]             it expires in a year unless --expires-in-days DAYS
                                                       or --no-expiry says otherwise; it answers for
                                                       cli:<os user> and PERSON (a name or e-mail in the
                                                       catalog), who may not decide its exemption requests;
                                                       the token is printed as the last line, once
          --help                                       show this text

        Configuration comes from appsettings.json, environment variables (Database__Provider=Postgres,
        ConnectionStrings__Portal=...) and --Key=Value arguments, as for the web app.
        """;

    private static readonly HashSet<string> Verbs = ["migrate", "seed", "scorecards", "reviews", "token", "import", "export", "sync", "help", "--help", "-h"];

    private PortalCli(string[] verbArgs, string[] hostArgs)
    {
        VerbArgs = verbArgs;
        HostArgs = hostArgs;
    }

    public string[] VerbArgs { get; }

    /// <summary>Arguments left for the host's configuration (e.g. <c>--Database:Provider=Postgres</c>).</summary>
    public string[] HostArgs { get; }

    public bool IsHelp => VerbArgs[0] is "help" or "--help" or "-h";

    /// <summary>Null when the arguments name no verb: then the web app runs.</summary>
    public static PortalCli? Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            return args.Length > 0 && !args[0].StartsWith('-') ? new PortalCli(args, []) : null;
        }

        var verb = new List<string>();
        var host = new List<string>();
        foreach (var arg in args)
        {
            (arg.StartsWith("--", StringComparison.Ordinal) && (arg.Contains('=') && (arg.Contains(':') || arg.Contains("__", StringComparison.Ordinal))) ? host : verb).Add(arg);
        }

        return new PortalCli([.. verb], [.. host]);
    }

    /// <summary>The exit code of a verb stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public async Task<int> RunAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        try
        {
            return VerbArgs switch
            {
                ["migrate"] => await MigrateAsync(services, stdout, ct),
                ["seed", "demo"] => await SeedDemoAsync(services, stdout, ct),
                ["seed", "scale", .. var rest] => await SeedScaleAsync(services, rest, stdout, stderr, ct),
                ["token", "create", .. var rest] => await CreateTokenAsync(services, rest, stdout, stderr, ct),
                ["import", var path] => await ImportAsync(services, path, stdout, stderr, ct),
                ["export", var dir] => await ExportAsync(services, dir, stdout, ct),
                ["sync", "github"] => await SyncGitHubAsync(services, stdout, stderr, ct),
                ["scorecards", "evaluate"] => await EvaluateScorecardsAsync(services, false, stdout, ct),
                ["scorecards", "evaluate", "--verbose"] => await EvaluateScorecardsAsync(services, true, stdout, ct),
                ["scorecards", ..] => Fail(stderr, "scorecards: the only action is evaluate: scorecards evaluate [--verbose]"),
                ["reviews", "close", .. var rest] => await ReviewCloseVerb.RunAsync(services, rest, stdout, stderr, ct),
                ["reviews", ..] => Fail(stderr, "reviews: the only action is close. " + ReviewCloseVerb.Usage),
                ["sync", ..] => Fail(stderr, "sync: the only source is github: sync github"),
                ["import"] or ["export"] => Fail(stderr, $"{VerbArgs[0]}: give a path, e.g. {VerbArgs[0]} ./catalog"),
                _ => Fail(stderr, $"Unknown command '{string.Join(' ', VerbArgs)}'. Run with --help to see the verbs."),
            };
        }
        catch (OptionsValidationException ex)
        {
            return Fail(stderr, "Configuration is not valid: " + string.Join(" ", ex.Failures));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine($"{VerbArgs[0]}: interrupted.");
            return Interrupted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(stderr, $"{VerbArgs[0]} failed: {ex.GetBaseException().Message}");
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await stdout.WriteLineAsync(applied.Count == 0
            ? $"Database ({options.Provider}) is up to date; nothing to apply."
            : $"Applied {applied.Count} migration(s) to {options.Provider}: {string.Join(", ", applied)}");
        return 0;
    }

    private static async Task<int> EvaluateScorecardsAsync(IServiceProvider services, bool verbose, TextWriter stdout, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var run = await services.GetRequiredService<Portal.Domain.Scorecards.Evaluation.ScorecardEvaluation>().EvaluateAllAsync(ct);
        await stdout.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Evaluated {run.Services:N0} services under framework version {run.FrameworkVersion} on graph version {run.GraphVersion}: {run.Changed:N0} changed, in {run.Elapsed.TotalMilliseconds:N0} ms"));
        if (verbose && run.Timings is { } timings)
        {
            await stdout.WriteLineAsync("Where the time went:");
            foreach (var line in timings.Lines())
            {
                await stdout.WriteLineAsync("  " + line);
            }
        }

        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var result = await services.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        if (result.AlreadyLoaded)
        {
            await stdout.WriteLineAsync("Demo data is already loaded; nothing changed.");
            return 0;
        }

        await stdout.WriteLineAsync(
            $"Loaded demo company {DemoSeeder.CompanyName} from its catalog files: {result.Teams} teams, {result.People} people, {result.Services} services, "
            + $"{result.Systems} systems, {result.Resources} resources, {result.Apis} APIs, {result.Dependencies} dependencies.");
        foreach (var (part, changes) in result.Parts.Where(p => p.Changes > 0))
        {
            await stdout.WriteLineAsync($"  {part}: {changes} added");
        }

        return 0;
    }

    private static async Task<int> SeedScaleAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var options = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--services" or "--teams" or "--people" or "--edges-per-service" or "--seed" or "--debt" && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value >= 0)
            {
                options[args[i]] = value;
                i++;
            }
            else
            {
                return Fail(stderr, $"seed scale: unexpected or invalid argument '{args[i]}'. Usage: seed scale --services N [--teams N] [--people N] [--edges-per-service N] [--debt N] [--seed S]");
            }
        }

        if (!options.TryGetValue("--services", out var count))
        {
            return Fail(stderr, "seed scale: --services is required, e.g. seed scale --services 10000");
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var spec = new ScaleSpec(
            count,
            options.TryGetValue("--teams", out var teams) ? teams : null,
            options.TryGetValue("--people", out var people) ? people : null,
            null,
            options.GetValueOrDefault("--edges-per-service", 5),
            options.GetValueOrDefault("--seed", 42));
        var result = await services.GetRequiredService<ScaleSeeder>().SeedAsync(spec, ct);
        await stdout.WriteLineAsync(
            $"Generated {result.Services} services, {result.Teams} teams, {result.People} people, {result.Systems} systems and "
            + $"{result.Dependencies} dependencies in {result.Elapsed.TotalSeconds:0.0} s.");
        if (options.GetValueOrDefault("--debt") is > 0 and var debt)
        {
            var added = await services.GetRequiredService<Portal.Domain.Debt.Demo.ScaleDebtSeeder>().SeedAsync(debt, spec.Seed, ct);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Generated {added.Items:N0} debt items ({added.Open:N0} open) in {added.Written.TotalSeconds:0.0} s; scored every item: {added.ScoredItems:N0} written in {added.Scored.TotalMilliseconds:0} ms."));
        }

        return 0;
    }

    private static readonly Actor CliActor = new("cli", "Command line", PortalRole.Admin, new HashSet<Guid>());

    private static async Task<int> ImportAsync(IServiceProvider services, string path, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return Fail(stderr, $"import: '{path}' is neither a file nor a directory.");
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var report = await services.GetRequiredService<BackstageImporter>().ImportAsync(path, CliActor, ct);
        await ImportReportText.WriteAsync(report, stdout);
        if (report.NothingImported)
        {
            await stderr.WriteLineAsync("import: nothing could be imported; see the problems above.");
            return 1;
        }

        return 0;
    }

    private static async Task<int> SyncGitHubAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var outcome = await services.GetRequiredService<Portal.Ingest.GitHub.GitHubSync>().RunAsync(Portal.Domain.Sync.SyncTrigger.Cli, ct);
        if (outcome.Skipped)
        {
            await stderr.WriteLineAsync($"sync github: {outcome.Message}");
            return 3;
        }

        var run = await services.GetRequiredService<Portal.Domain.Sync.Queries.SyncQueries>().RunAsync(outcome.RunId!.Value, ct);
        await SyncRunText.WriteAsync(run!, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, stdout);
        if (run!.ErrorCount > 0)
        {
            var errors = await services.GetRequiredService<Portal.Domain.Sync.Queries.SyncQueries>().ErrorsAsync(run.Id, 1, 50, ct);
            await SyncRunText.WriteErrorsAsync(errors, stdout);
        }

        if (outcome.Status is Portal.Domain.Sync.SyncRunStatus.Failed or Portal.Domain.Sync.SyncRunStatus.Interrupted)
        {
            await stderr.WriteLineAsync($"sync github: {outcome.Message}");
            return 1;
        }

        return 0;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string directory, TextWriter stdout, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await services.GetRequiredService<BackstageExporter>().ExportToDirectoryAsync(directory, ct);
        await stdout.WriteLineAsync($"Exported the catalog to {Path.GetFullPath(directory)} (all.yaml lists the files).");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        const string usage = "Usage: token create --name NAME --role admin|editor|viewer [--expires-in-days DAYS | --no-expiry] [--created-by PERSON]";
        string? name = null;
        string? createdBy = null;
        string? role = null;
        TimeSpan? lifetime = ApiToken.DefaultLifetime;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case "--expires-in-days" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days))
                    {
                        return Fail(stderr, $"token create: --expires-in-days must be a whole number of days, not '{args[i]}'.");
                    }

                    // Checked before it becomes a TimeSpan: a huge number would not fit one.
                    if (days < 1 || days > ApiToken.MaxLifetime.TotalDays)
                    {
                        return Fail(stderr, $"token create: --expires-in-days must be from 1 to {ApiToken.MaxLifetime.TotalDays:0} days, not {days} (or use --no-expiry). {usage}");
                    }

                    lifetime = TimeSpan.FromDays(days);
                    break;
                case "--no-expiry":
                    lifetime = null;
                    break;
                case "--created-by" when i + 1 < args.Length:
                    createdBy = args[++i];
                    break;
                default:
                    return Fail(stderr, $"token create: unexpected argument '{args[i]}'. {usage}");
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return Fail(stderr, $"token create: --name is required. {usage}");
        }

        if (role is null || !Enum.TryParse<PortalRole>(role, ignoreCase: true, out var parsedRole) || !Enum.IsDefined(parsedRole))
        {
            return Fail(stderr, $"token create: --role must be admin, editor or viewer, not '{role}'.");
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);

        // The token answers for whoever made it (four eyes on exemptions): the operating system's user and, when given,
        // the person they are in the catalog. Never one shared "cli" that every CLI-made token would answer for.
        var creator = CliTokenCreator.ForOsUser(Environment.UserName);
        if (createdBy is not null)
        {
            if (await services.GetRequiredService<Portal.Domain.Security.Queries.ActorDirectory>().ForPersonAsync(createdBy.Trim(), null, ct) is not { } person)
            {
                return Fail(stderr, $"token create: --created-by '{createdBy}' is nobody in the catalog: give a person's name (namespace/name) or e-mail. {usage}");
            }

            creator = creator with { AnswersFor = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { person.Name } };
        }

        ApiTokenDto token;
        string secret;
        try
        {
            (token, secret) = await services.GetRequiredService<ApiTokenService>().CreateAsync(creator, name, parsedRole, lifetime, ct);
        }
        catch (DomainValidationException ex)
        {
            return Fail(stderr, $"token create: {(ex.Field == "expiresInDays" ? "--expires-in-days" : "--" + ex.Field)} {ex.Reason}.");
        }

        var expiry = token.ExpiresAt is { } at ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"expires {at:yyyy-MM-dd HH:mm} UTC") : "never expires";
        var answersFor = string.Join(" and ", new[] { creator.Name }.Concat(creator.AnswersFor));
        await stdout.WriteLineAsync($"Created {token.Role.ToString().ToLowerInvariant()} token '{token.Name}' ({expiry}), answering for {answersFor}. Store it now; it is not shown again:");
        await stdout.WriteLineAsync(secret);
        return 0;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return 1;
    }
}
