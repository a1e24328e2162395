using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
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
}
