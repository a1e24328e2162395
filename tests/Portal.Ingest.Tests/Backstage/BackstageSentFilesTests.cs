using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Ingest.Backstage;
using Portal.Testing;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// Files a person sends through the upload page or the API: the files of one send are one origin, each record located by the sender and
/// the file name, so one upload never orphans or rewrites what another file or another person sent.
/// </summary>
public abstract class BackstageSentFilesTests(TestProvider provider) : DatabaseTest(provider), IAsyncLifetime
{
    private static readonly Actor Alice = new("alice", "Alice Admin", PortalRole.Admin, new HashSet<Guid>());
    private static readonly Actor Bob = new("bob", "Bob Admin", PortalRole.Admin, new HashSet<Guid>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BackstageImporter Importer => new(Db.Factory);

    [Fact]
    public async Task ImportSentFilesAsync_File_LocatedBySenderAndFileName()
    {
        var report = await Importer.ImportSentFilesAsync([File("services.yaml", "billing", "ledger")], "upload", Alice, Ct);

        Assert.Equal(2, report[BackstageKinds.Component].Created);
        await using var db = Db.CreateContext();
        Assert.Equal(
            ["upload/alice/services.yaml#1", "upload/alice/services.yaml#2"],
            await db.Services.OrderBy(s => s.Name).Select(s => s.SourceLocation!).ToListAsync(Ct));
    }

    [Fact]
    public async Task ImportSentFilesAsync_SameFileSentAgainWithoutAnEntity_OrphansOnlyThat()
    {
        await Importer.ImportSentFilesAsync([File("services.yaml", "billing", "ledger")], "upload", Alice, Ct);

        var report = await Importer.ImportSentFilesAsync([File("services.yaml", "billing")], "upload", Alice, Ct);

        Assert.Equal((1, 1), (report[BackstageKinds.Component].Unchanged, report[BackstageKinds.Component].Orphaned));
        await using var db = Db.CreateContext();
        Assert.True((await db.Services.SingleAsync(s => s.Name == "ledger", Ct)).IsOrphaned);
        Assert.False((await db.Services.SingleAsync(s => s.Name == "billing", Ct)).IsOrphaned);
    }

    [Fact]
    public async Task ImportSentFilesAsync_AnotherFileOfTheSameSender_OrphansNothingItDidNotSend()
    {
        await Importer.ImportSentFilesAsync([File("services.yaml", "billing")], "api", Alice, Ct);

        var report = await Importer.ImportSentFilesAsync([File("more.yaml", "ledger")], "api", Alice, Ct);

        Assert.Equal((1, 0), (report[BackstageKinds.Component].Created, report.Total.Orphaned));
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(s => s.IsOrphaned, Ct));
    }

    [Fact]
    public async Task ImportSentFilesAsync_AnotherSenderDefinesTheEntityDifferently_ConflictAndTheFirstKeepsIt()
    {
        await Importer.ImportSentFilesAsync([File("services.yaml", "billing")], "upload", Alice, Ct);

        var report = await Importer.ImportSentFilesAsync([File("services.yaml", "billing", description: "Bob's billing")], "upload", Bob, Ct);

        var conflict = Assert.Single(report.Errors);
        Assert.Contains("belongs to upload/alice/services.yaml#1", conflict.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        var billing = await db.Services.SingleAsync(s => s.Name == "billing", Ct);
        Assert.Equal(("billing service", "upload/alice/services.yaml#1"), (billing.Description, billing.SourceLocation));
    }

    [Fact]
    public async Task ImportSentFilesAsync_SenderNameWithSlashOrPercent_EscapedInTheLocation()
    {
        var sneaky = new Actor("alice/team%", "Sneaky", PortalRole.Admin, new HashSet<Guid>());

        await Importer.ImportSentFilesAsync([File("services.yaml", "billing")], "upload", sneaky, Ct);

        await using var db = Db.CreateContext();
        Assert.Equal("upload/alice%2Fteam%25/services.yaml#1", (await db.Services.SingleAsync(s => s.Name == "billing", Ct)).SourceLocation);
    }

    [Theory]
    [InlineData("team/services.yaml")]
    [InlineData("..\\bob\\services.yaml")]
    [InlineData("services.yaml#2")]
    [InlineData(".services.yaml")]
    [InlineData("")]
    public async Task ImportSentFilesAsync_FileNameThatIsNotPlain_RefusedNamingItAndNothingWritten(string name)
    {
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Importer.ImportSentFilesAsync([File(name, "billing")], "upload", Alice, Ct));

        Assert.Equal("file", refused.Field);
        Assert.Contains(name, refused.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
    }

    [Fact]
    public async Task ImportSentFilesAsync_SameFileNameTwice_RefusedAndNothingWritten()
    {
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Importer.ImportSentFilesAsync([File("services.yaml", "billing"), File("services.yaml", "ledger")], "upload", Alice, Ct));

        Assert.Contains("'services.yaml' was sent twice", refused.Reason, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
    }

    [Fact]
    public async Task ImportSentFilesAsync_NotAnAdmin_ForbiddenAndNothingWritten()
    {
        var editor = new Actor("erin", "Erin Editor", PortalRole.Editor, new HashSet<Guid>());

        await Assert.ThrowsAsync<ForbiddenException>(() => Importer.ImportSentFilesAsync([File("services.yaml", "billing")], "upload", editor, Ct));

        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
    }

    private static CatalogFile File(string path, string first, string? second = null, string? description = null)
    {
        var documents = new[] { first, second }.OfType<string>().Select(name => $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
              description: {description ?? name + " service"}
            spec:
              type: service
              lifecycle: production
              owner: payments
            """);
        return new CatalogFile(path, string.Join("\n---\n", documents) + "\n");
    }
}

public sealed class SqliteBackstageSentFilesTests() : BackstageSentFilesTests(TestProvider.Sqlite);

public sealed class PostgresBackstageSentFilesTests() : BackstageSentFilesTests(TestProvider.Postgres);
