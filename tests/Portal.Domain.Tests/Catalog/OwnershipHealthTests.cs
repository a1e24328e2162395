using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Testing;

namespace Portal.Domain.Tests.Catalog;

public abstract class OwnershipHealthTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.CreateContext();
        var staffed = new Team("payments");
        var empty = new Team("ghost-town");
        var gone = new Team("old-team");
        gone.MarkGone();
        var ops = new Team("ops");
        var ada = new Person("ada");
        var bo = new Person("bo");
        staffed.AddMember(ada);
        staffed.AddMember(bo);
        ops.AddMember(ada);
        db.AddRange(staffed, empty, gone, ops, ada, bo);

        Service Owned(string name, Team? owner)
        {
            var s = new Service(name);
            s.AssignOwner(owner);
            db.Services.Add(s);
            return s;
        }

        Owned("healthy", staffed);
        Owned("orphan", null);
        Owned("empty-owned", empty);
        Owned("gone-owned", gone);
        Owned("paged-elsewhere", staffed).AssignOnCall(ops);
        Owned("unknown-owned", null).AssignUnresolvedOwner("group:nobody");
        Owned("side-project", null).AssignUnresolvedOwner("user:frank.tiernan");
        await db.SaveChangesAsync();
    }

    private Task<IReadOnlyList<OwnershipFindingDto>> FindAsync(double perMember = 1.0) =>
        new OwnershipHealth(Db.Factory).FindingsAsync(new OwnershipThresholds { MaxServicesPerMember = perMember }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task FindingsAsync_ReportsEachKindOfProblemOnce()
    {
        var findings = await FindAsync();
        Assert.Equal("orphan", Assert.Single(findings, f => f.Kind == OwnershipFindingKind.NoOwner).Subject);
        Assert.Equal("unknown-owned", Assert.Single(findings, f => f.Kind == OwnershipFindingKind.UnknownOwner).Subject);
        var person = Assert.Single(findings, f => f.Kind == OwnershipFindingKind.OwnedByPerson);
        Assert.Equal("side-project", person.Subject);
        Assert.Contains("owned by a person ('frank.tiernan'), not a team", person.Problem, StringComparison.Ordinal);
        Assert.Equal("gone-owned", Assert.Single(findings, f => f.Kind == OwnershipFindingKind.OwnerGone).Subject);
        Assert.Equal("empty-owned", Assert.Single(findings, f => f.Kind == OwnershipFindingKind.OwnerWithoutMembers).Subject);
        Assert.Equal("paged-elsewhere", Assert.Single(findings, f => f.Kind == OwnershipFindingKind.OnCallNotOwner).Subject);
        Assert.DoesNotContain(findings, f => f.Subject == "healthy");
    }

    [Fact]
    public async Task FindingsAsync_OwnerTeamOrphaned_FlaggedAsGoneAndStillLinked()
    {
        await using (var db = Db.CreateContext())
        {
            var dropped = new Team("dropped-team");
            dropped.AddMember(new Person("cy"));
            dropped.MarkOrphaned();
            var service = new Service("left-behind");
            service.AssignOwner(dropped);
            db.AddRange(dropped, service);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var finding = Assert.Single(await FindAsync(), f => f.Subject == "left-behind");

        Assert.Equal(OwnershipFindingKind.OwnerGone, finding.Kind);
        Assert.Contains("'dropped-team', a team its source no longer defines (orphaned)", finding.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingsAsync_EveryFindingLinksToItsFix()
    {
        var findings = await FindAsync();
        Assert.All(findings, f => Assert.StartsWith("/", f.FixUrl, StringComparison.Ordinal));
        Assert.Equal("/catalog/orphan/edit", findings.Single(f => f.Subject == "orphan").FixUrl);
    }

    [Fact]
    public async Task FindingsAsync_OverloadThresholdIsConfigurable()
    {
        Assert.DoesNotContain(await FindAsync(perMember: 1.0), f => f.Kind == OwnershipFindingKind.OverloadedTeam);
        var strict = await FindAsync(perMember: 0.5);
        Assert.Equal("payments", Assert.Single(strict, f => f.Kind == OwnershipFindingKind.OverloadedTeam).Subject);
    }
}

public sealed class SqliteOwnershipHealthTests() : OwnershipHealthTests(TestProvider.Sqlite);

public sealed class PostgresOwnershipHealthTests() : OwnershipHealthTests(TestProvider.Postgres);
