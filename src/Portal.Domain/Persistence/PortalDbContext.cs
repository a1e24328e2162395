using Microsoft.EntityFrameworkCore;
using Portal.Domain.Auditing;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Graph;
using Portal.Domain.OnCall;
using Portal.Domain.Persistence.Infrastructure;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Security;
using Portal.Domain.Sync;

namespace Portal.Domain.Persistence;

/// <summary>The one database of Portal. Mapping lives in <c>Configurations/</c>, one class per entity.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    private readonly TimeProvider _clock = PortalDbContextOptions.ClockOf(options);

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<SoftwareSystem> Systems => Set<SoftwareSystem>();

    public DbSet<BusinessDomain> Domains => Set<BusinessDomain>();

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<Api> Apis => Set<Api>();

    public DbSet<ServiceApi> ServiceApis => Set<ServiceApi>();

    public DbSet<Dependency> Dependencies => Set<Dependency>();

    public DbSet<PendingReference> PendingReferences => Set<PendingReference>();

    public DbSet<CatalogSnapshot> CatalogSnapshots => Set<CatalogSnapshot>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    public DbSet<GraphState> GraphStates => Set<GraphState>();

    public DbSet<OnCallRotation> OnCallRotations => Set<OnCallRotation>();

    public DbSet<OnCallParticipant> OnCallParticipants => Set<OnCallParticipant>();

    public DbSet<OnCallOverride> OnCallOverrides => Set<OnCallOverride>();

    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();

    public DbSet<SyncRunError> SyncRunErrors => Set<SyncRunError>();

    public DbSet<SyncRunRepository> SyncRunRepositories => Set<SyncRunRepository>();

    public DbSet<GitHubRepository> GitHubRepositories => Set<GitHubRepository>();

    public DbSet<SyncLease> SyncLeases => Set<SyncLease>();

    public DbSet<HttpCacheEntry> HttpCache => Set<HttpCacheEntry>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<DebtItem> DebtItems => Set<DebtItem>();

    public DbSet<DebtItemService> DebtItemServices => Set<DebtItemService>();

    public DbSet<DebtReport> DebtReports => Set<DebtReport>();

    public DbSet<DebtScoringSettings> DebtScoringSettings => Set<DebtScoringSettings>();

    public DbSet<DebtScoringState> DebtScoringStates => Set<DebtScoringState>();

    public DbSet<DebtRegisterState> DebtRegisterStates => Set<DebtRegisterState>();

    public DbSet<DebtCandidateDismissal> DebtCandidateDismissals => Set<DebtCandidateDismissal>();
    public DbSet<TeamCapacity> TeamCapacities => Set<TeamCapacity>();

    public DbSet<Scorecards.Records.FrameworkVersionRecord> ScorecardFrameworkVersions => Set<Scorecards.Records.FrameworkVersionRecord>();

    public DbSet<Scorecards.Records.ServiceScorecardRecord> ServiceScorecards => Set<Scorecards.Records.ServiceScorecardRecord>();

    public DbSet<Scorecards.Records.LevelHistoryRecord> ScorecardLevelHistory => Set<Scorecards.Records.LevelHistoryRecord>();

    public DbSet<Scorecards.Records.SelfAssessment> ScorecardAnswers => Set<Scorecards.Records.SelfAssessment>();

    public DbSet<Scorecards.Records.Exemption> ScorecardExemptions => Set<Scorecards.Records.Exemption>();

    public DbSet<Scorecards.Records.PushedResult> ScorecardPushedResults => Set<Scorecards.Records.PushedResult>();

    public DbSet<Scorecards.Records.ScorecardState> ScorecardStates => Set<Scorecards.Records.ScorecardState>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ReviewNote> ReviewNotes => Set<ReviewNote>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<Initiative> Initiatives => Set<Initiative>();

    public DbSet<ReviewClosing> ReviewClosings => Set<ReviewClosing>();

    public DbSet<ReviewSnapshot> ReviewSnapshots => Set<ReviewSnapshot>();

    public DbSet<ReviewSnapshotService> ReviewSnapshotServices => Set<ReviewSnapshotService>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);

        // Ids are made by the entity (sortable v7 GUIDs), not the database. Saying so lets EF treat a
        // new child added to a loaded parent (a membership, an override) as an insert, not an update.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
        {
            if (key.Properties is [{ ClrType: var type } id] && type == typeof(Guid))
            {
                id.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every enum is stored by name: readable in SQL and safe to reorder.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);

        // Timestamps are UTC; providers hand them back as Unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTimes();
        BumpVersions();
        var bumps = new StateBumps(ChangesTheGraph(), ChangesTheDebtRegister());
        if (bumps is { Graph: false, DebtRegister: false })
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await BumpStatesAsync(bumps, cancellationToken);
            return saved;
        }

        // The change and the version bump commit together, so a cache keyed by the version never
        // holds a graph (or a count) older than its key. The strategy retries the whole unit on transient errors.
        return await Database.CreateExecutionStrategy().ExecuteAsync(
            (Context: this, Accept: acceptAllChangesOnSuccess, Bumps: bumps),
            async (_, state, ct) =>
            {
                await using var transaction = await state.Context.Database.BeginTransactionAsync(ct);
                var saved = await state.Context.SaveWithoutGraphAsync(ct);
                await state.Context.BumpStatesAsync(state.Bumps, ct);
                await transaction.CommitAsync(ct);
                if (state.Accept)
                {
                    state.Context.ChangeTracker.AcceptAllChanges();
                }

                return saved;
            },
            null,
            cancellationToken);
    }

    private Task<int> SaveWithoutGraphAsync(CancellationToken ct) => base.SaveChangesAsync(false, ct);

    /// <summary>The context's clock, as <see cref="SaveChangesAsync(bool, CancellationToken)"/> stamps rows with it.</summary>
    internal DateTime ClockNow => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Rows of these types are the dependency graph: writing one raises the graph version.</summary>
    internal static bool IsGraphType(Type type) =>
        typeof(Service).IsAssignableFrom(type) || typeof(Resource).IsAssignableFrom(type)
        || typeof(Dependency).IsAssignableFrom(type) || typeof(Team).IsAssignableFrom(type);

    private bool ChangesTheGraph() => ChangeTracker.Entries().Any(e =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && IsGraphType(e.Entity.GetType()));

    /// <summary>Rows of these types make up what the debt register filters and counts: writing one raises its version.</summary>
    internal static bool IsDebtRegisterType(Type type) =>
        typeof(DebtItem).IsAssignableFrom(type) || typeof(DebtItemService).IsAssignableFrom(type);

    /// <summary>
    /// Which singleton versions writing rows of <paramref name="type"/> raises: the one rule for this context's save and
    /// for <see cref="BulkInsert"/>, so no write path leaves a cache keyed by a version older than its data.
    /// </summary>
    internal static StateBumps BumpsFor(Type type) => new(IsGraphType(type), IsDebtRegisterType(type));

    private bool ChangesTheDebtRegister() => ChangeTracker.Entries().Any(e =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && IsDebtRegisterType(e.Entity.GetType()));

    internal async Task BumpStatesAsync(StateBumps bumps, CancellationToken ct)
    {
        if (bumps.Graph)
        {
            await BumpGraphVersionAsync(ct);
        }

        if (bumps.DebtRegister)
        {
            await DebtRegisterStates.Where(s => s.Id == DebtRegisterState.SingletonId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, s => s.Version + 1), ct);
        }
    }

    internal Task<int> BumpGraphVersionAsync(CancellationToken ct) =>
        GraphStates.Where(g => g.Id == GraphState.SingletonId).ExecuteUpdateAsync(u => u.SetProperty(g => g.Version, g => g.Version + 1), ct);

    /// <summary>
    /// Entities never read a clock: every row that records when it was saved is stamped here with the
    /// context's clock (<see cref="PortalDbContextOptions.UseClock"/>). Runs before the version bump, so a
    /// touched row counts as modified.
    /// </summary>
    private void StampTimes()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is IStampedOnSave stamped
                && entry.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged
                && stamped.Stamp(now, entry.State == EntityState.Added)
                && entry.State != EntityState.Added)
            {
                // Also right with automatic change detection off (bulk imports detect changes once, before saving).
                entry.DetectChanges();
            }
        }
    }

    /// <summary>
    /// The version column is the concurrency token on both providers: EF checks the original value in
    /// the WHERE clause, and we raise it here for every modified row.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.IncrementVersion();

                // Marked here so the new value is saved even with automatic change detection off
                // (bulk imports detect changes once, before saving).
                entry.Property(e => e.Version).IsModified = true;
            }
        }
    }

    /// <summary>Which singleton versions a save raises in its transaction.</summary>
    internal readonly record struct StateBumps(bool Graph, bool DebtRegister);
}
