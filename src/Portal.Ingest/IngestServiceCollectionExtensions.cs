using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Ingest.Backstage;
using Portal.Ingest.Catalog;
using Portal.Ingest.Demo;
using Portal.Ingest.GitHub;
using Portal.Ingest.Jobs;

namespace Portal.Ingest;

/// <summary>
/// Registers everything that brings data in: the one reconciler with its source rules, the Backstage
/// importer and exporter, the GitHub sync
/// (options checked at start) and the Hangfire job classes. Needs the domain's registration
/// (<c>AddPortalDomain</c>) and an <c>IConfiguration</c>; the host adds Hangfire itself.
/// </summary>
public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddPortalIngest(this IServiceCollection services)
    {
        // The one path into the catalog, and what each source may define
        services.AddOptions<SourceRules>().BindConfiguration(SourceRules.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SourceRules>>().Value);
        services.AddSingleton<CatalogReconciler>();
        services.AddSingleton<CatalogHandOver>();

        // Backstage catalog files
        services.AddSingleton<BackstageImporter>();
        services.AddSingleton<BackstageExporter>();

        // The demo company: its catalog through the reconciler, then every feature's IDemoData
        services.AddSingleton<DemoSeeder>();

        // GitHub
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section).PostConfigure(o => o.Normalize())
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GitHubOptions>>().Value);
        services.AddSingleton<DatabaseResponseCache>();
        services.AddSingleton<GitHubConnector>();
        services.AddSingleton<GitHubSync>();
        services.AddSingleton<GitHubWebhooks>();

        // Jobs
        services.AddTransient<RecordCatalogSnapshotJob>();
        services.AddTransient<RescoreDebtJob>();
        services.AddTransient<EvaluateScorecardsJob>();
        services.AddTransient<SyncGitHubJob>();
        services.AddTransient<SyncGitHubTargetJob>();
        services.AddTransient<CloseReviewJob>();
        services.AddSingleton<Portal.Domain.Reviews.Commands.IReviewCloseQueue, HangfireReviewCloseQueue>();
        return services;
    }
}
