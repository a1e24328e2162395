using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Sync;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

public sealed class DebtItemDialogTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoAsync();

        // Ada edits for Payments Core; services are registered before any is resolved.
        SignIn("ada.okafor", PortalRole.Editor);
    }

    private static DebtItemEdit Prefilled(string title = "Payments retries without backoff") =>
        DebtPrefill.ForService("payments") with { Title = title };

    /// <summary>Opens the dialog and returns the provider it renders in.</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(
        Guid? itemId = null, DebtItemEdit? prefill = null, Func<DebtItemEdit, bool, Task<Guid>>? createWith = null)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<DebtItemDialog>(
            "Debt",
            new DialogParameters<DebtItemDialog> { { d => d.ItemId, itemId }, { d => d.Prefill, prefill }, { d => d.CreateWith, createWith } }));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("button[data-testid=debt-save]")));
        return (provider, reference!);
    }

    private async Task<int> CountItemsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.DebtItems.CountAsync(Ct);
    }

    private static void Save(IRenderedComponent<MudDialogProvider> provider) =>
        provider.Find("button[data-testid=debt-save]").Click();

    [Fact]
    public async Task Save_EmptyForm_MarksEveryMissingFieldAndWritesNothing()
    {
        var (provider, _) = await OpenAsync();

        Save(provider);

        provider.WaitForAssertion(() => Assert.Contains("3 fields need attention", provider.Find("[data-testid=debt-error]").TextContent, StringComparison.Ordinal));
        var text = provider.Markup;
        Assert.Contains("is required", text, StringComparison.Ordinal);
        Assert.Contains("name at least one affected service", text, StringComparison.Ordinal);
        Assert.Contains("must be more than 0 engineer-days", text, StringComparison.Ordinal);
        Assert.Equal(0, await CountItemsAsync());
    }

    [Fact]
    public async Task Save_PrefilledWithEffort_LogsTheItemAndCloses()
    {
        var (provider, dialog) = await OpenAsync(prefill: Prefilled());

        provider.Find("input[data-testid=debt-effort]").Change("2");
        Save(provider);

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.False(result!.Canceled);
        await using var db = Db.CreateContext();
        var item = await db.DebtItems.Include(i => i.Services).SingleAsync(Ct);
        Assert.Equal(((Guid)result.Data!, "Payments retries without backoff", 2.0), (item.Id, item.Title, item.EffortDays));
        Assert.True(item.Priority > 0);
    }

    [Fact]
    public async Task Save_WhileSaving_SaveIsDisabledAndTheItemIsSavedOnce()
    {
        var release = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var (provider, dialog) = await OpenAsync(prefill: Prefilled(), createWith: (_, _) =>
        {
            calls++;
            return release.Task;
        });
        provider.Find("input[data-testid=debt-effort]").Change("2");

        Save(provider);

        provider.WaitForAssertion(() => Assert.True(provider.Find("button[data-testid=debt-save]").HasAttribute("disabled")));
        Assert.Contains("Saving", provider.Find("button[data-testid=debt-save]").TextContent, StringComparison.Ordinal);
        release.SetResult(Guid.NewGuid());
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Save_SameTitleOnTheSameService_WarnsAndSavesOnlyWhenAskedTo()
    {
        var commands = Services.GetRequiredService<DebtCommands>();
        await commands.CreateAsync(Actor.System, Prefilled() with { EffortDays = 1 }, ct: Ct);
        var (provider, dialog) = await OpenAsync(prefill: Prefilled());

        provider.Find("input[data-testid=debt-effort]").Change("2");
        Save(provider);

        provider.WaitForAssertion(() => Assert.Contains("already affects the same service", provider.Find("[data-testid=debt-duplicate]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, await CountItemsAsync());

        provider.Find("button[data-testid=debt-save-anyway]").Click();
        await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(2, await CountItemsAsync());
    }

    [Fact]
    public async Task Save_SomeoneElseSavedMeanwhile_ShowsTheConflictAndKeepsTheirEdit()
    {
        var commands = Services.GetRequiredService<DebtCommands>();
        var (id, _) = await commands.CreateAsync(Actor.System, Prefilled() with { EffortDays = 1 }, ct: Ct);
        var (provider, _) = await OpenAsync(itemId: id);

        await commands.UpdateAsync(Actor.System, id, Prefilled("Their title") with { EffortDays = 1 }, 0, ct: Ct);
        provider.Find("input[data-testid=debt-title]").Change("My title");
        Save(provider);

        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=debt-conflict]")));
        Assert.Equal("My title", provider.Find("input[data-testid=debt-title]").GetAttribute("value"));
        await using var db = Db.CreateContext();
        Assert.Equal("Their title", (await db.DebtItems.SingleAsync(Ct)).Title);
    }

    [Fact]
    public async Task Save_ItemMirroringAGitHubIssue_GitHubsFieldsReadOnlyPeoplesFieldsSaved()
    {
        await using (var db = Db.CreateContext())
        {
            var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
            var repository = new GitHubRepository(987_654, "dialog-test", "payments");
            repository.Describe("dialog-test", "payments", "R_test", null, null, [], "main", "https://github.com/dialog-test/payments", false, false, null);
            repository.LinkService(payments.Id);
            db.GitHubRepositories.Add(repository);
            await db.SaveChangesAsync(Ct);
        }

        var issue = new MirroredIssue("https://github.com/dialog-test/payments/issues/7", "dialog-test", "payments", 7, "Payments retries without backoff", "From GitHub.", false, false, null, ["tech-debt"]) { AuthorAssociation = "MEMBER" };
        var id = (await Services.GetRequiredService<DebtMirrorCommands>().MirrorAsync(Actor.System, issue, Ct)).ItemId!.Value;
        var (provider, dialog) = await OpenAsync(itemId: id);

        Assert.Contains("mirrors", provider.Find("[data-testid=debt-mirror-note]").TextContent, StringComparison.Ordinal);
        Assert.True(provider.Find("input[data-testid=debt-title]").HasAttribute("readonly"));
        Assert.Contains("dialog-test/payments#7", provider.Find("[data-testid=debt-issue-link]").TextContent, StringComparison.Ordinal);
        provider.Find("input[data-testid=debt-effort]").Change("8");
        Save(provider);

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.False(result!.Canceled);
        await using var check = Db.CreateContext();
        var item = await check.DebtItems.SingleAsync(i => i.Id == id, Ct);
        Assert.Equal(("Payments retries without backoff", 8.0, true), (item.Title, item.EffortDays, item.IsMirrored));
    }
}
