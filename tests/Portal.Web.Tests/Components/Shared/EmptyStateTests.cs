using Bunit;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components.Shared;

public sealed class EmptyStateTests : BunitContext
{
    [Fact]
    public void EmptyState_ShowsTitleAndGuidance()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServicesForTests();
        var cut = Render<EmptyState>(p => p
            .Add(x => x.Title, "No teams yet")
            .AddChildContent("Import a catalog to see teams."));

        Assert.Contains("No teams yet", cut.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Import a catalog", cut.Markup, StringComparison.Ordinal);
    }
}

internal static class TestServiceExtensions
{
    public static void AddMudServicesForTests(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(services);
}
