using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Persistence;
using Portal.Testing.FakeGitHub;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd.Tests;

/// <summary>
/// The newcomer's journey of issue 5 against a local fake GitHub of a few dozen repositories: press
/// Sync now, watch it finish, find services with owners and teams; sync again and see nothing changed
/// with mostly 304s; archive a repository, send its webhook, and see the service deprecated.
/// </summary>
public sealed class GitHubSyncFakeJourneyTests(FakeGitHubAppFixture app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<FakeGitHubAppFixture>
{
    [Fact]
    public async Task SyncNow_FakeGitHub_ServicesAppearSecondSyncChangesNothingWebhookDeprecates()
    {
        await SignInAsync("local-admin");
        await GoToAsync("/admin/sync");

        await Page.GetByTestId("sync-now").ClickAsync();
        await Expect(Page.GetByTestId("sync-status").First).ToContainTextAsync("Succeeded", new() { Timeout = 90_000 });
        await ScreenshotAsync("first-sync");

        var repo = app.GitHub.State.Org("acme").Repos.First(r => !r.Archived && !r.Fork && r.Files.ContainsKey("catalog-info.yaml"));
        await GoToAsync($"/catalog/{repo.Name}");
        await Expect(Page.GetByTestId("service-owner")).Not.ToContainTextAsync("No owner");
        await Expect(Page.GetByTestId("github-evidence")).ToContainTextAsync($"acme/{repo.Name}");
        await ScreenshotAsync("service-from-github");

        await GoToAsync("/teams");
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = app.GitHub.State.Org("acme").Teams[0].Name, Exact = true })).ToBeVisibleAsync();

        await GoToAsync("/admin/sync");
        await Page.GetByTestId("sync-now").ClickAsync();
        await Expect(Page.GetByTestId("sync-runs")).ToContainTextAsync("nothing changed", new() { Timeout = 90_000 });
        await ScreenshotAsync("second-sync");

        app.GitHub.State.Update(() => repo.Archived = true);
        var response = await app.SendWebhookAsync("repository", $$$"""{"action":"archived","repository":{"name":"{{{repo.Name}}}","owner":{"login":"acme"}},"organization":{"login":"acme"}}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await app.LifecycleAsync(repo.Name) != Lifecycle.Deprecated && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Lifecycle.Deprecated, await app.LifecycleAsync(repo.Name));
        await GoToAsync($"/catalog/{repo.Name}");
        await Expect(Page.Locator("body")).ToContainTextAsync("Deprecated");
        await ScreenshotAsync("deprecated-by-webhook");
    }
}

/// <summary>Portal configured against a fake GitHub organisation of 36 generated repositories.</summary>
public sealed class FakeGitHubAppFixture : PortalAppFixture
{
    private const string Secret = "journey-webhook-secret";

    private FakeGitHubServer? _github;

    public FakeGitHubServer GitHub => _github ?? throw new InvalidOperationException("The fake GitHub has not started.");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GitHub:ApiUrl"] = GitHub.BaseUrl.ToString(),
        ["GitHub:Organizations:0"] = "acme",
        ["GitHub:Token"] = "fake-token",
        ["GitHub:WebhookSecret"] = Secret,
        ["GitHub:SyncCron"] = "0 0 1 1 *",
    };

    public override async ValueTask InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(FakeGitHubState.Generate("acme", 36, seed: 11));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_github is not null)
        {
            await _github.DisposeAsync();
        }
    }

    public async Task<HttpResponseMessage> SendWebhookAsync(string eventName, string body)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var request = FakeWebhookDelivery.Request(eventName, body, Secret);
        return await client.SendAsync(request);
    }

    public async Task<Lifecycle> LifecycleAsync(string service)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Services.Where(s => s.Name == service).Select(s => s.Lifecycle).SingleAsync();
    }
}
