using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Catalog;

namespace Portal.Web.Tests.Components.Pages.Catalog;

public sealed class ImportCatalogTests : ComponentTest
{
    private const string Crew = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: crew
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: engine
          title: Engine
        spec:
          type: service
          lifecycle: production
          owner: crew
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IRenderedComponent<ImportCatalog> RenderWithUpload(string yaml)
    {
        SignIn("local-admin", PortalRole.Admin);
        var page = Render<ImportCatalog>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(yaml, "crew.yaml"));
        page.WaitForAssertion(() => Assert.Contains("Nothing has been written yet", page.Find("[data-testid=import-preview]").TextContent, StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task Upload_Files_PreviewsEveryRecordAndWritesNothing()
    {
        var page = RenderWithUpload(Crew);

        Assert.Contains("will be created", page.Find("[data-ref='component:default/engine']").TextContent, StringComparison.Ordinal);
        Assert.Contains("2 will be created", page.Find("[data-testid=import-preview] h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("becomes tier 3", page.Find("[data-testid=import-defaults]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Preview ready: 2 will be created", page.Find("[data-testid=import-announcement]").TextContent, StringComparison.Ordinal);
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
        Assert.False(await db.Teams.AnyAsync(Ct));
    }

    [Fact]
    public async Task Apply_AfterPreview_WritesWhatThePreviewShowedAsTheSendersFile()
    {
        var page = RenderWithUpload(Crew);

        page.Find("[data-testid=import-apply]").Click();

        page.WaitForAssertion(() => Assert.Contains("Import finished", page.Find("[data-testid=import-report]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
        Assert.Equal("/catalog/engine", page.Find("[data-ref='component:default/engine'] a").GetAttribute("href"));
        Assert.StartsWith("Import finished: 2 created", page.Find("[data-testid=import-announcement]").TextContent, StringComparison.Ordinal);
        var focused = JSInterop.VerifyFocusAsyncInvoke(calledTimes: 2);
        Assert.Equal(
            page.Find("[data-testid=import-report] h2").GetAttribute("blazor:elementReference"),
            ((Microsoft.AspNetCore.Components.ElementReference)focused[1].Arguments[0]!).Id);
        await using var db = Db.CreateContext();
        var engine = await db.Services.SingleAsync(Ct);
        Assert.Equal(("Engine", "upload/local-admin/crew.yaml#2"), (engine.Title, engine.SourceLocation));
    }

    [Fact]
    public async Task Cancel_AfterPreview_WritesNothingAndClearsThePreview()
    {
        var page = RenderWithUpload(Crew);

        page.Find("[data-testid=import-cancel]").Click();

        Assert.Equal("Preview discarded; nothing was written.", page.Find("[data-testid=import-announcement]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
        Assert.Empty(page.FindAll("[data-testid=import-report]"));
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
    }

    [Fact]
    public void Upload_FilesTogetherOverTheImportLimit_SaysSoNamingTheLimitAndPreviewsNothing()
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Portal.Web.Hosting.LimitsOptions { ImportMaxBytes = 1024 * 1024 }));
        SignIn("local-admin", PortalRole.Admin);
        var page = Render<ImportCatalog>();
        var padding = "# " + new string('x', 600 * 1024) + "\n";

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(padding + Crew, "a.yaml"), InputFileContent.CreateFromText(padding + Crew, "b.yaml"));

        page.WaitForAssertion(() => Assert.Contains("at most 1 MB can be imported at once", page.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        var error = page.Find("[data-testid=import-error]").TextContent;
        Assert.Contains("hold 1.2 MB together", error, StringComparison.Ordinal);
        Assert.Contains("Limits:ImportMaxBytes", error, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
    }

    [Fact]
    public void Page_StatesTheLimitsInMegabytes()
    {
        SignIn("local-admin", PortalRole.Admin);

        var page = Render<ImportCatalog>();

        Assert.Contains("at most 10 MB each and 50 MB together", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Upload_SameFileNameTwice_SaysSoAndPreviewsNothing()
    {
        SignIn("local-admin", PortalRole.Admin);
        var page = Render<ImportCatalog>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Crew, "crew.yaml"), InputFileContent.CreateFromText(Crew, "crew.yaml"));

        page.WaitForAssertion(() => Assert.Contains("was sent twice", page.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
    }

    [Fact]
    public void Upload_SameFilesAsStored_NothingToApply()
    {
        var page = RenderWithUpload(Crew);
        page.Find("[data-testid=import-apply]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=import-report]")));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Crew, "crew.yaml"));

        page.WaitForAssertion(() => Assert.Contains("Every record is already in the catalog", page.Find("[data-testid=import-nothing-changes]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=import-defaults]"));
        var apply = page.Find("[data-testid=import-apply]");
        Assert.True(apply.HasAttribute("disabled"));
        Assert.Contains("Nothing to apply", apply.TextContent, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Apply_UnexpectedFailureWhileSaving_ShowsAReferenceWritesNothingAndCanApplyAgain()
    {
        var saves = new FailingSaves();
        var log = new CapturingLogger();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(new InterceptedFactory(Db, saves));
        Services.AddSingleton<ILogger<ImportCatalog>>(log);
        var page = RenderWithUpload(Crew);
        saves.Armed = true;

        page.Find("[data-testid=import-apply]").Click();

        page.WaitForAssertion(() => Assert.Contains("Applying the import failed unexpectedly", page.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        var reference = entry.Message[(entry.Message.LastIndexOf("correlation id ", StringComparison.Ordinal) + "correlation id ".Length)..].TrimEnd(')');
        Assert.Contains($"Reference for the logs: {reference}.", page.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Applying the import failed unexpectedly", page.Find("[data-testid=import-announcement]").TextContent, StringComparison.Ordinal);
        await using (var db = Db.CreateContext())
        {
            Assert.False(await db.Services.AnyAsync(Ct));
            Assert.False(await db.Teams.AnyAsync(Ct));
        }

        // The page is still usable: the preview is kept, and applying again (the fault gone) writes it.
        saves.Armed = false;
        var apply = page.Find("[data-testid=import-apply]");
        Assert.False(apply.HasAttribute("disabled"));
        apply.Click();
        page.WaitForAssertion(() => Assert.Contains("Import finished", page.Find("[data-testid=import-report]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=import-error]"));
        await using var after = Db.CreateContext();
        Assert.Equal("Engine", (await after.Services.SingleAsync(Ct)).Title);
    }

    [Fact]
    public async Task Upload_UnexpectedFailureWhilePreviewing_SaysNothingWasWrittenAndCanChooseAgain()
    {
        var saves = new FailingSaves { FailOpening = true };
        var log = new CapturingLogger();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(new InterceptedFactory(Db, saves));
        Services.AddSingleton<ILogger<ImportCatalog>>(log);
        SignIn("local-admin", PortalRole.Admin);
        var page = Render<ImportCatalog>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Crew, "crew.yaml"));

        page.WaitForAssertion(() => Assert.StartsWith("Checking the files failed unexpectedly, so nothing was written.", page.Find("[data-testid=import-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Single(log.Entries);
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
        saves.FailOpening = false;
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Crew, "crew.yaml"));
        page.WaitForAssertion(() => Assert.Contains("Nothing has been written yet", page.Find("[data-testid=import-preview]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=import-error]"));
        await using var db = Db.CreateContext();
        Assert.False(await db.Services.AnyAsync(Ct));
    }

    [Fact]
    public async Task Apply_CatalogChangedSincePreview_WarnsWritesNothingAndShowsTheNewPreview()
    {
        var page = RenderWithUpload(Crew);
        // Meanwhile, the same person's other tab applies another version of the same file.
        var admin = new Actor("local-admin", "Local administrator", PortalRole.Admin, new HashSet<Guid>());
        await Services.GetRequiredService<Portal.Ingest.Backstage.BackstageImporter>().ImportSentFilesAsync(
            [new Portal.Ingest.Backstage.CatalogFile("crew.yaml", Crew.Replace("title: Engine", "title: Engine room", StringComparison.Ordinal))], "upload", admin, Ct);

        page.Find("[data-testid=import-apply]").Click();

        page.WaitForAssertion(() => Assert.Contains("nothing was written", page.Find("[data-testid=import-changed-since-preview]").TextContent, StringComparison.Ordinal));
        Assert.Contains("will be updated", page.Find("[data-ref='component:default/engine']").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("The catalog changed since the preview", page.Find("[data-testid=import-announcement]").TextContent, StringComparison.Ordinal);
        await using (var db = Db.CreateContext())
        {
            Assert.Equal("Engine room", (await db.Services.SingleAsync(Ct)).Title);
        }

        page.Find("[data-testid=import-apply]").Click();

        page.WaitForAssertion(() => Assert.Contains("Import finished", page.Find("[data-testid=import-report]").TextContent, StringComparison.Ordinal));
        await using var after = Db.CreateContext();
        Assert.Equal("Engine", (await after.Services.SingleAsync(Ct)).Title);
    }

    [Fact]
    public void Apply_ComponentNamedImport_LinksToItsOwnPageNotTheImportPage()
    {
        var page = RenderWithUpload(Crew.Replace("name: engine", "name: import", StringComparison.Ordinal));

        page.Find("[data-testid=import-apply]").Click();

        page.WaitForAssertion(() => Assert.Equal("/catalog/default/import", page.Find("[data-ref='component:default/import'] a").GetAttribute("href")));
    }

    /// <summary>A fault that is none of the expected ones: a save (or a context) that throws <see cref="InvalidOperationException"/>.</summary>
    private sealed class FailingSaves : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public bool FailOpening { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Armed ? throw new InvalidOperationException("The database went away mid-import.") : base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private sealed class InterceptedFactory(Portal.Testing.TestDatabase db, FailingSaves saves) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => saves.FailOpening
            ? throw new InvalidOperationException("No connection could be opened.")
            : new(new DbContextOptionsBuilder<PortalDbContext>(db.Options()).AddInterceptors(saves).Options);
    }

    private sealed class CapturingLogger : ILogger<ImportCatalog>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
