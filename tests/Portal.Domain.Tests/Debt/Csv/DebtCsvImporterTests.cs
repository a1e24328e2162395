using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Csv;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Signals;
using Portal.Testing;

namespace Portal.Domain.Tests.Debt.Csv;

public abstract class DebtCsvImporterTests(TestProvider provider) : DebtTestCatalog(provider)
{
    private const string Header = "Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days)\r\n";

    private DebtCsvImporter Importer() => new(Db.Factory, Commands(), Clock);

    private static MemoryStream File(string csv) => new(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public async Task ExportThenImport_IntoAnEmptyRegister_GivesTheSameItems()
    {
        var commands = Commands();
        await commands.CreateAsync(Root, Edit() with
        {
            Title = "=HYPERLINK(\"http://evil\") in a title",
            Description = "- first, with \"quotes\"\n- second; and a comma, here",
            Services = ["payments", "checkout"],
            OwnerTeam = "web",
            InterestOverride = 12.5,
            PayBackBy = new DateOnly(2027, 3, 31),
            Links = [new DebtLink(DebtLinkKind.GitHubIssue, "https://github.com/acme/pay/issues/7", "Stampede"), new DebtLink(DebtLinkKind.Incident, "https://status.example.com/INC-1")],
        }, ct: Ct);
        await commands.CreateAsync(Ada, Edit(title: "Planned work", status: DebtStatus.Planned, quarter: "2027-Q1", effort: 0.5), ct: Ct);
        await commands.CreateAsync(Wes, Edit(title: "Won't fix this", services: ["web-app"], signal: ScalingSignal.Observability) with
        {
            Status = DebtStatus.WontFix,
            WontFixReason = "Sunset next year",
            RevisitOn = new DateOnly(2027, 6, 1),
        }, ct: Ct);
        var before = await SnapshotAsync();

        var csv = new StringWriter();
        Assert.Equal(3, await Queries().ExportCsvAsync(new DebtQuery { Status = "all", Sort = "title" }, csv, Ct));
        await using (var db = Db.CreateContext())
        {
            db.DebtItems.RemoveRange(await db.DebtItems.Include(i => i.Services).ToListAsync(Ct));
            await db.SaveChangesAsync(Ct);
        }

        var result = await Importer().ImportAsync(Root, "register.csv", File(csv.ToString()), preview: false, Ct);

        Assert.Empty(result.Problems);
        Assert.True(result.Written);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ExportCsvAsync_FiltersSortAndHeader_AsTheRegisterShowsThem()
    {
        var commands = Commands();
        await commands.CreateAsync(Ada, Edit(title: "Small", effort: 1), ct: Ct);
        await commands.CreateAsync(Ada, Edit(title: "Big", effort: 40), ct: Ct);
        await commands.CreateAsync(Wes, Edit(title: "Elsewhere", services: ["web-app"]), ct: Ct);

        var csv = new StringWriter();
        await Queries().ExportCsvAsync(new DebtQuery { Service = "payments", Sort = "priority" }, csv, Ct);

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', DebtCsvColumns.All.Select(c => c.Contains(',', StringComparison.Ordinal) ? $"\"{c}\"" : c)), lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",Small,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Big,", lines[2], StringComparison.Ordinal);
        Assert.Contains("payments,Payments,payments-core,Payments Core,no,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",2026-12-01T09:00:00Z,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SomeBadLines_WritesNothingNamesEachLineAndAuditsTheRefusal()
    {
        var csv = Header
            + "Good one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n"
            + "No such service,cascading-failures,code,deliberate-prudent,nowhere,3,4,2\r\n"
            + "Not Ada's,cascading-failures,code,deliberate-prudent,web-app,3,4,2\r\n"
            + "Good one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n";

        var result = await Importer().ImportAsync(Ada, "debt.csv", File(csv), preview: false, Ct);

        Assert.False(result.Written);
        Assert.Contains(new DebtImportProblem(3, DebtCsvColumns.Services, "there is no service called 'nowhere'"), result.Problems);
        Assert.Contains(result.Problems, p => p is { Line: 4, Column: DebtCsvColumns.Services } && p.Reason.Contains("web-app", StringComparison.Ordinal));
        Assert.Contains(new DebtImportProblem(5, DebtCsvColumns.Title, "line 2 has the same title on the same service"), result.Problems);
        Assert.DoesNotContain(result.Problems, p => p.Line == 2);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
        var audit = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal(("ada", "debt.import.refused", false), (audit.Actor, audit.Action, audit.Succeeded));
        Assert.Contains("debt.csv", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_ValidRowsChosen_WritesTheGoodLinesSkipsAndReportsTheBadOnes()
    {
        var csv = Header
            + "Good one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n"
            + "No such service,cascading-failures,code,deliberate-prudent,nowhere,3,4,2\r\n"
            + "Second good,observability,code,deliberate-prudent,payments,2,2,1\r\n"
            + "Good one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n";

        var result = await Importer().ImportAsync(Ada, "debt.csv", File(csv), DebtImportMode.ValidRows, Ct);

        Assert.True(result.Written);
        Assert.Equal([2, 4], result.Items.Select(i => i.Line));
        Assert.Equal([3, 5], result.SkippedLines);
        Assert.Contains(new DebtImportProblem(3, DebtCsvColumns.Services, "there is no service called 'nowhere'"), result.Problems);
        await using var db = Db.CreateContext();
        Assert.Equal(["Good one", "Second good"], await db.DebtItems.OrderBy(i => i.Title).Select(i => i.Title).ToListAsync(Ct));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "debt.import", Ct);
        Assert.Contains("\"skippedLines\":[3,5]", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Title,Signal,Colour\r\nGood one,cascading-failures,red\r\n")]
    [InlineData(Header + "Good one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n\"Broken,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n")]
    public async Task ImportAsync_ValidRowsChosenButTheFileItselfIsBroken_WritesNothing(string csv)
    {
        var result = await Importer().ImportAsync(Ada, "debt.csv", File(csv), DebtImportMode.ValidRows, Ct);

        Assert.False(result.Written);
        Assert.Contains(result.Problems, DebtCsvImporter.StopsEverything);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_ValidRowsChosenAndNoLineIsValid_WritesNothingAndAuditsTheRefusal()
    {
        var csv = Header + "No such service,cascading-failures,code,deliberate-prudent,nowhere,3,4,2\r\n";

        var result = await Importer().ImportAsync(Ada, "debt.csv", File(csv), DebtImportMode.ValidRows, Ct);

        Assert.False(result.Written);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
        Assert.Equal("debt.import.refused", (await db.AuditEntries.SingleAsync(Ct)).Action);
    }

    [Fact]
    public async Task ImportAsync_Preview_ChecksWithoutWriting()
    {
        var csv = Header + "Good one,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n";

        var result = await Importer().ImportAsync(Ada, "debt.csv", File(csv), preview: true, Ct);

        Assert.False(result.Written);
        Assert.Equal("Good one", Assert.Single(result.Items).Title);
        await using var db = Db.CreateContext();
        Assert.Empty(await db.DebtItems.ToListAsync(Ct));
        Assert.Empty(await db.AuditEntries.ToListAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_AllGood_CreatesEachItemWithTheImportInItsHistory()
    {
        await Commands().CreateAsync(Ada, Edit(title: "Already there"), ct: Ct);
        var csv = Header
            + "Already there,cascading-failures,code,deliberate-prudent,checkout,3,4,2\r\n"
            + "Second,cascading-failures,code,deliberate-prudent,payments,3,4,2\r\n";

        var result = await Importer().ImportAsync(Ada, "q1.csv", File(csv), preview: false, Ct);

        Assert.True(result.Written);
        Assert.Equal(2, result.Items.Count);
        await using var db = Db.CreateContext();
        var imported = await db.DebtItems.Where(i => i.Source == DataSource.Import).ToListAsync(Ct);
        Assert.Equal(2, imported.Count);
        var history = await Queries().HistoryAsync(result.Items[1].Id!.Value, ct: Ct);
        var created = Assert.Single(history);
        Assert.Equal("debt.create", created.Action);
        Assert.Contains(created.Changes, c => c.Field == "import.file" && c.After == "q1.csv");
        Assert.Contains(created.Changes, c => c.Field == "import.line" && c.After == "3");
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "debt.import" && a.EntityKey == result.ImportId.ToString()).ToListAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_Viewer_IsRefusedAndAudited()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Importer().ImportAsync(Val, "x.csv", File(Header), preview: false, Ct));

        await using var db = Db.CreateContext();
        Assert.Equal("debt.import.refused", (await db.AuditEntries.SingleAsync(Ct)).Action);
    }

    [Fact]
    public async Task ImportAsync_FileTooLarge_IsAProblemNotAWrite()
    {
        var big = Header + new string('x', DebtCsvImporter.MaxBytes);

        var result = await Importer().ImportAsync(Root, "big.csv", File(big), preview: false, Ct);

        Assert.Contains("larger than", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
        Assert.False(result.Written);
    }

    /// <summary>Everything a person set on each item, and the scores, in title order.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = Db.CreateContext();
        var items = await db.DebtItems.AsNoTracking().Include(i => i.OwnerTeam).Include(i => i.Services).ThenInclude(s => s.Service).OrderBy(i => i.Title).ToListAsync(Ct);
        return [.. items.Select(i => string.Join(" | ",
            i.Title, i.Description, string.Join(";", i.Services.Select(s => s.Service.Ref).Order(StringComparer.Ordinal)), i.OwnerTeam?.Ref, i.OwnerOverridden,
            i.Signal, i.Kind, i.Quadrant, i.Likelihood, i.Impact, i.EffortDays, i.InterestOverride, i.PayBackBy, i.Status, i.TargetQuarter,
            i.WontFixReason, i.RevisitOn, i.BusinessOutcome, string.Join(";", i.Links.Select(l => $"{l.Kind} {l.Url} {l.Title}")),
            Math.Round(i.CostOfDelay, 3), Math.Round(i.Priority, 3)))];
    }
}

public sealed class SqliteDebtCsvImporterTests() : DebtCsvImporterTests(TestProvider.Sqlite);

public sealed class PostgresDebtCsvImporterTests() : DebtCsvImporterTests(TestProvider.Postgres);
