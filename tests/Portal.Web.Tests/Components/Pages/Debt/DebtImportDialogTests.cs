using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Debt.Csv;
using Portal.Domain.Security;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

public sealed class DebtImportDialogTests : ComponentTest
{
    private const string Header = "Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days)\n";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();
        SignIn("ada.okafor", PortalRole.Editor);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync()
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<DebtImportDialog>("Import"));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("button[data-testid=debt-import-apply]")));
        return (provider, reference!);
    }

    private async Task<int> CountItemsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.CountAsync(Ct);
    }

    [Fact]
    public async Task Upload_FileWithBadLines_ListsEachLineAndColumnAndKeepsImportOff()
    {
        var before = await CountItemsAsync();
        var (provider, _) = await OpenAsync();
        var csv = Header
            + "Imported from a sheet,cascading-failures,code,deliberate-prudent,payments,3,4,2\n"
            + "Bad effort,cascading-failures,code,deliberate-prudent,payments,3,4,none\n"
            + "Nowhere,cascading-failures,code,deliberate-prudent,no-such-service,3,4,2\n";

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "sheet.csv"));

        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid=debt-import-problem]").Count));
        var rows = provider.FindAll("[data-testid=debt-import-problem]").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.StartsWith("3" + DebtCsvColumns.Effort, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("4" + DebtCsvColumns.Services, StringComparison.Ordinal) && r.Contains("no-such-service", StringComparison.Ordinal));
        Assert.Contains("Nothing will be written", provider.Find("[data-testid=debt-import-summary]").TextContent, StringComparison.Ordinal);
        Assert.True(provider.Find("button[data-testid=debt-import-apply]").HasAttribute("disabled"));
        Assert.Equal(before, await CountItemsAsync());
    }

    [Fact]
    public async Task Import_GoodFile_CreatesTheItemsAndClosesWithTheResult()
    {
        var before = await CountItemsAsync();
        var (provider, dialog) = await OpenAsync();
        var csv = Header + "Imported from a sheet,cascading-failures,code,deliberate-prudent,payments,3,4,2\n";

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "sheet.csv"));
        provider.WaitForAssertion(() => Assert.Contains("1 item(s) ready", provider.Find("[data-testid=debt-import-summary]").TextContent, StringComparison.Ordinal));
        provider.Find("button[data-testid=debt-import-apply]").Click();

        var result = await dialog.Result;
        var imported = Assert.IsType<DebtImportResult>(result?.Data);
        Assert.True(imported.Written);
        Assert.Equal(before + 1, await CountItemsAsync());
    }

    [Fact]
    public async Task ImportValidRows_FileWithABadLine_WritesTheGoodOnesAndClosesNamingTheSkippedLine()
    {
        var before = await CountItemsAsync();
        var (provider, dialog) = await OpenAsync();
        var csv = Header
            + "Imported from a sheet,cascading-failures,code,deliberate-prudent,payments,3,4,2\n"
            + "Bad effort,cascading-failures,code,deliberate-prudent,payments,3,4,none\n"
            + "Also from the sheet,observability,code,deliberate-prudent,payments,2,2,1\n";

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "sheet.csv"));
        provider.WaitForAssertion(() => Assert.Contains("import only the 2 line(s) without a problem", provider.Find("[data-testid=debt-import-summary]").TextContent, StringComparison.Ordinal));
        Assert.True(provider.Find("button[data-testid=debt-import-apply]").HasAttribute("disabled"));
        provider.Find("button[data-testid=debt-import-valid]").Click();

        var imported = Assert.IsType<DebtImportResult>((await dialog.Result)?.Data);
        Assert.True(imported.Written);
        Assert.Equal([3], imported.SkippedLines);
        Assert.Equal(before + 2, await CountItemsAsync());
    }

    [Fact]
    public async Task Upload_FileWithABrokenHeader_OffersNoValidRowsImport()
    {
        var (provider, _) = await OpenAsync();

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Title,Colour\nSomething,red\n", "sheet.csv"));

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=debt-import-problem]")));
        Assert.Empty(provider.FindAll("button[data-testid=debt-import-valid]"));
    }
}
