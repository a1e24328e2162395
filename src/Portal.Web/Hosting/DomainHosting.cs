using Portal.Domain.Commands;
using Portal.Domain.Demo;
using Portal.Domain.Queries;
using Portal.Domain.Security;

namespace Portal.Web.Hosting;

/// <summary>Domain services shared by pages, API, jobs and CLI.</summary>
public static class DomainHosting
{
    public static WebApplicationBuilder AddPortalDomain(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogQueries>();
        builder.Services.AddSingleton<AuditQueries>();
        builder.Services.AddSingleton<ServiceCommands>();
        builder.Services.AddSingleton<ActorDirectory>();
        builder.Services.AddSingleton<ApiTokenService>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<ScaleSeeder>();
        builder.Services.AddSingleton<Portal.Ingest.Backstage.BackstageImporter>();
        builder.Services.AddSingleton<Portal.Ingest.Backstage.BackstageExporter>();
        builder.Services.AddSingleton<OwnershipHealth>();
        builder.Services.AddSingleton<Portal.Domain.OnCall.OnCallQueries>();
        builder.Services.AddSingleton<Portal.Domain.OnCall.OnCallCommands>();
        builder.Services.AddSingleton<DependencyCommands>();
        builder.Services.AddSingleton<Portal.Domain.Graph.GraphService>();
        builder.Services.AddSingleton<Portal.Domain.Debt.DebtScores>();
        builder.Services.AddSingleton<Portal.Domain.Debt.DebtQueries>();
        builder.Services.AddSingleton<Portal.Domain.Debt.DebtCommands>();
        builder.Services.AddSingleton<Portal.Domain.Debt.DebtScoringCommands>();
        builder.Services.AddOptions<OwnershipThresholds>().BindConfiguration(OwnershipThresholds.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Portal.Domain.OnCall.ExternalScheduleLinks>().BindConfiguration(Portal.Domain.OnCall.ExternalScheduleLinks.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
