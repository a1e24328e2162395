using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Domain;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using Portal.Ingest;
using Portal.Ingest.Demo;
using Portal.Testing;
using Portal.Web.Auth;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>bUnit context with MudBlazor, the domain services over a real SQLite database, and a signed-in user.</summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private TestDatabase? _db;

    protected TestDatabase Db => _db ?? throw new InvalidOperationException("not initialised");

    public virtual async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(_db.Factory);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddPortalDomain().AddPortalIngest();
        Services.AddScoped<Portal.Web.Components.Layout.ViewerContext>();
        Services.AddScoped<Portal.Web.Components.Layout.ViewerPreferences>();
        Services.AddScoped<Portal.Web.Components.Shared.MissingRecord>();
        Services.AddSingleton<ChatLinks>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ChatOptions { ChannelUrl = "https://acme.slack.com/app_redirect?channel={channel}" }));
        Services.AddSingleton<ActorResolver>();
        Services.AddSingleton<MarkdownRenderer>();
    }

    /// <summary>Signs in a local person (or the local administrator) with a role.</summary>
    protected void SignIn(string id, PortalRole role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(id);
        auth.SetRoles(role.ToString());
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, id),
            // The built-in administrator has a source of its own; anyone else chose who they are on the local sign-in page.
            new System.Security.Claims.Claim(PortalClaims.Source, id == PortalClaims.LocalAdminId ? PortalClaims.BuiltInSource : PortalClaims.LocalSource));
        if (role == PortalRole.Admin)
        {
            auth.SetPolicies("Admin", "Editor");
        }
        else if (role == PortalRole.Editor)
        {
            auth.SetPolicies("Editor");
        }
    }

    protected Task SeedDemoAsync() => new DemoSeeder(Db.Factory).SeedAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
