using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Debt;
using Portal.Domain.Persistence;
using Portal.Testing.FakeGitHub;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// Issue 10's "close the GitHub issue and watch the item turn Done": a tech-debt issue on the fake GitHub becomes an
/// item through Sync now, shows in the register as from GitHub, and turns Done when the issue is closed and its
/// webhook arrives.
/// </summary>
public sealed class GitHubDebtJourneyTests(FakeGitHubAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<FakeGitHubAppFixture>
{
    private const string Title = "Invoice sender retries without backoff";

    [Fact]
    public async Task SyncNow_TechDebtIssue_BecomesItemAndTurnsDoneWhenTheIssueCloses()
    {
        var repo = app.GitHub.State.Org("acme").Repos.First(r => !r.Archived && !r.Fork);
        var issue = new FakeIssue(Title) { Body = "Retries hammer the mail relay: every failed send is retried **at once**, five times." };
        issue.Labels.AddRange(["tech-debt", "debt:signal/cascading-failures", "debt:effort/4"]);
        app.GitHub.State.Update(() => repo.Issues.Add(issue));

        await SignInAsync("local-admin");
        await GoToAsync("/admin/sync");
        await Page.GetByTestId("sync-now").ClickAsync();
        await Expect(Page.GetByTestId("sync-status").First).ToContainTextAsync("Succeeded", new() { Timeout = 90_000 });

        await GoToAsync("/debt?source=github&status=all");
        await Expect(Page.GetByTestId("debt-title-link")).ToHaveTextAsync(Title);
        await Expect(Page.Locator("body")).ToContainTextAsync("from GitHub");
        await ScreenshotAsync("register-from-github");

        var id = await ItemIdAsync();
        await GoToAsync($"/debt/{id}");
        await Expect(Page.GetByTestId("debt-item-mirror")).ToContainTextAsync($"acme/{repo.Name}#1");
        await Expect(Page.GetByTestId("debt-item-status")).ToHaveTextAsync("Proposed");
        await ScreenshotAsync("item-mirrors-issue");

        await Page.GetByTestId("debt-edit").ClickAsync();
        await Expect(Page.GetByTestId("debt-mirror-note")).ToBeVisibleAsync();
        await ScreenshotAsync("edit-github-fields-read-only");
        await Page.Keyboard.PressAsync("Escape");

        app.GitHub.State.Update(() =>
        {
            issue.State = "closed";
            issue.ClosedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        });
        var response = await app.SendWebhookAsync("issues", $$$"""{"action":"closed","issue":{"number":1,"labels":[{"name":"tech-debt"}]},"repository":{"name":"{{{repo.Name}}}","owner":{"login":"acme"}},"organization":{"login":"acme"}}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await StatusAsync() != DebtStatus.Done && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Equal(DebtStatus.Done, await StatusAsync());
        await GoToAsync($"/debt/{id}");
        await Expect(Page.GetByTestId("debt-item-status")).ToHaveTextAsync("Done");
        await ScreenshotAsync("done-by-webhook");
    }

    private async Task<Guid> ItemIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DebtItems.Where(i => i.Title == Title).Select(i => i.Id).SingleAsync();
    }

    private async Task<DebtStatus> StatusAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DebtItems.Where(i => i.Title == Title).Select(i => i.Status).SingleAsync();
    }
}
