using Microsoft.Extensions.Options;
using Portal.Domain;
using Portal.Ingest;
using Portal.Web.Api;
using Portal.Web.Auth;
using Portal.Web.Cli;
using Portal.Web.Hosting;

var cli = PortalCli.Parse(args);
if (cli is { IsHelp: true })
{
    Console.WriteLine(PortalCli.Usage);
    return 0;
}

var builder = WebApplication.CreateBuilder(cli?.HostArgs ?? args);
builder.AddPortalEdge();
builder.AddPortalBadRequestProblems();
builder.AddPortalLimits();
builder.AddPortalObservability();
builder.AddPortalDatabase();
builder.Services.AddPortalDomain().AddPortalIngest();
builder.AddPortalJobs(runServer: cli is null);
builder.AddPortalGitHub();
builder.AddPortalAuth();
builder.AddPortalUi();

if (cli is null && LocalModeExposure.Exposed(builder.Configuration) is { Count: > 0 } exposed)
{
    Console.Error.WriteLine(LocalModeExposure.RefusalMessage(exposed));
    return 2;
}

var app = builder.Build();

if (cli is not null)
{
    // Ctrl-C (or SIGTERM) asks the verb to stop and tidy up (a review close marks its run failed, "interrupted"); a
    // second Ctrl-C ends the process at once.
    // The handlers go before the token is disposed (the signal registration is disposed first, being declared last),
    // so a Ctrl-C while the process ends finds no disposed token.
    using var interrupt = new CancellationTokenSource();
    ConsoleCancelEventHandler onCtrlC = (_, e) =>
    {
        e.Cancel = !interrupt.IsCancellationRequested;
        interrupt.Cancel();
    };
    Console.CancelKeyPress += onCtrlC;
    try
    {
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        });
        return await cli.RunAsync(app.Services, Console.Out, Console.Error, interrupt.Token);
    }
    finally
    {
        Console.CancelKeyPress -= onCtrlC;
    }
}

if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStartup)
{
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
}

app.UsePortalForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UsePortalSecurityHeaders();

app.UsePortalCorrelation();
app.UsePortalRateLimits();
app.UsePortalApiChallengeProblems();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UsePortalBadRequestProblems();

app.MapPortalHealth();
app.MapOpenApi().AllowAnonymous();
app.MapPortalApiReference();
app.MapPortalAuth();
app.MapPortalApi();
app.MapPortalGitHubWebhooks();
app.MapPortalJobsDashboard();
app.MapPortalUi();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
