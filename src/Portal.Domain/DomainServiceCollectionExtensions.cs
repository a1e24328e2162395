using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Auditing.Queries;
using Portal.Domain.Auditing.Refusals;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Demo;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Demo;
using Portal.Domain.Graph.Queries;
using Portal.Domain.OnCall;
using Portal.Domain.OnCall.Commands;
using Portal.Domain.OnCall.Demo;
using Portal.Domain.OnCall.Queries;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Reviews.Reports;
using Portal.Domain.Scorecards;
using Portal.Domain.Scorecards.Demo;
using Portal.Domain.Security.Commands;
using Portal.Domain.Security.Queries;
using Portal.Domain.Sync.Commands;
using Portal.Domain.Sync.Queries;
using Portal.Domain.Scorecards.Commands;
using Portal.Domain.Scorecards.Queries;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain;

/// <summary>
/// Registers the domain's services, feature by feature, for every host (the web app, its CLI verbs and
/// the tests). The host adds an <c>IDbContextFactory&lt;PortalDbContext&gt;</c> for its provider and an
/// <c>IConfiguration</c> for the options bound here.
/// </summary>
public static class DomainServiceCollectionExtensions
{
    public static IServiceCollection AddPortalDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Catalog
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<DisplayNameQueries>();
        services.AddSingleton<SearchQueries>();
        services.AddSingleton<OwnershipHealth>();
        services.AddSingleton<ServiceCommands>();
        services.AddSingleton<PersonCommands>();
        services.AddSingleton<DependencyCommands>();
        services.AddSingleton<CatalogSnapshots>();
        services.AddOptions<OwnershipThresholds>().BindConfiguration(OwnershipThresholds.Section).ValidateDataAnnotations().ValidateOnStart();

        // On-call
        services.AddSingleton<OnCallQueries>();
        services.AddSingleton<OnCallCommands>();
        services.AddOptions<ExternalScheduleLinks>().BindConfiguration(ExternalScheduleLinks.Section).ValidateDataAnnotations().ValidateOnStart();

        // Graph
        services.AddSingleton<GraphService>();

        // Debt register
        services.AddSingleton<DebtScores>();
        services.AddSingleton<DebtQueries>();
        services.AddSingleton<DebtCommands>();
        services.AddSingleton<DebtMirrorCommands>();
        services.AddSingleton<Debt.Csv.DebtCsvImporter>();
        services.AddSingleton<DebtScoringCommands>();
        services.AddSingleton<OpenDebtReader>();
        services.AddSingleton<DebtCandidateQueries>();
        services.AddSingleton<DebtCandidateCommands>();
        services.AddSingleton<CapacityQueries>();
        services.AddSingleton<CapacityCommands>();

        // Scorecards
        services.AddSingleton<FrameworkStore>();
        services.AddSingleton<ScorecardFactsLoader>();
        services.AddSingleton<ScorecardEvaluation>();
        services.AddSingleton<ScorecardQueries>();
        services.AddSingleton<ScorecardCommands>();

        // Quarterly reviews (the host adds an IReviewCloseQueue: Portal.Ingest queues closes on Hangfire)
        services.AddSingleton<ReviewCommands>();
        services.AddSingleton<ReviewRecordCommands>();
        services.AddSingleton<ActionItemDebtCommands>();
        services.AddOptions<ReviewCloseOptions>().BindConfiguration(ReviewCloseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReviewCloser>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<ReviewComparisons>();
        services.AddSingleton<ReviewReports>();
        services.AddSingleton<Portal.Domain.Reviews.DemoReviewSeeder>();
        services.AddSingleton<Portal.Domain.Reviews.Initiatives.InitiativeCommands>();
        services.AddSingleton<Portal.Domain.Reviews.Initiatives.InitiativeQueries>();

        // Sync
        services.AddSingleton<SyncQueries>();
        services.AddSingleton<SyncLeases>();

        // Auditing and security
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<RefusalAuditThrottle>();
        services.AddSingleton<RefusalAudit>();
        services.AddSingleton<ActorDirectory>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<SignInLinker>();

        // Demo and benchmark data: each feature's part of the demo company (its catalog comes through the importer)
        services.AddSingleton<IDemoData, PeopleDemoData>();
        services.AddSingleton<IDemoData, OnCallDemoData>();
        services.AddSingleton<IDemoData, AssessmentsDemoData>();
        services.AddSingleton<IDemoData>(sp => sp.GetRequiredService<Portal.Domain.Reviews.DemoReviewSeeder>());
        services.AddSingleton<IDemoData, Portal.Domain.Debt.Demo.DebtDemoData>();
        services.AddSingleton<ScaleSeeder>();
        services.AddSingleton<Portal.Domain.Debt.Demo.ScaleDebtSeeder>();
        return services;
    }
}
