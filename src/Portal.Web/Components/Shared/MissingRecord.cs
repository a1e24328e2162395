namespace Portal.Web.Components.Shared;

/// <summary>
/// What a page looked for and did not find, for the not-found page it hands over to: a page that calls
/// <c>NavigationManager.NotFound()</c> (404, the Router's not-found page instead of the page) first says here what is
/// missing and where to go instead, so the reader sees "There is no review of 2031-Q1" with a link back to the reviews
/// rather than a generic "nothing at this address". Scoped (one per request for static and prerendered pages, one per
/// circuit once interactive), and it applies only at the address that set it, so a later unknown address in the same
/// circuit gets the generic page.
/// </summary>
public sealed class MissingRecord
{
    private string? _uri;

    /// <summary>The page title and heading: what is missing, in words.</summary>
    public string Title { get; private set; } = "";

    /// <summary>One sentence on why, or what to do.</summary>
    public string Explanation { get; private set; } = "";

    /// <summary>Where to go instead (a list of such records).</summary>
    public string LinkHref { get; private set; } = "/";

    /// <summary>The link's text.</summary>
    public string LinkText { get; private set; } = "";

    /// <summary>Says what is missing at <paramref name="uri"/> (the page's own address).</summary>
    public void Set(string uri, string title, string explanation, string linkText, string linkHref)
    {
        _uri = uri;
        Title = title;
        Explanation = explanation;
        LinkText = linkText;
        LinkHref = linkHref;
    }

    /// <summary>Whether a page at <paramref name="uri"/> said what it was missing.</summary>
    public bool AppliesTo(string uri) => _uri is not null && string.Equals(_uri, uri, StringComparison.Ordinal);
}
