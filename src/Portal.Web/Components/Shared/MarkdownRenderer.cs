using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Components.Shared;

/// <summary>Markdown from catalogs is untrusted: Markdig renders it, HtmlSanitizer strips anything active.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public MarkupString Render(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown)
            ? new MarkupString("")
            : new MarkupString(_sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline)));
}
