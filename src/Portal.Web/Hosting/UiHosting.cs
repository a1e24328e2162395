using MudBlazor.Services;
using Portal.Web.Components;
using Portal.Web.Components.Shared;

namespace Portal.Web.Hosting;

/// <summary>Blazor Server with MudBlazor, interactive from the root.</summary>
public static class UiHosting
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddScoped<Portal.Web.Components.Layout.ViewerContext>();
        builder.Services.AddScoped<Portal.Web.Components.Layout.ViewerPreferences>();
        builder.Services.AddScoped<MissingRecord>();
        builder.Services.AddSingleton<ChatLinks>();
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
        return builder;
    }

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
