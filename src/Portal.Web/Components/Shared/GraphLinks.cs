using System.Globalization;
using System.Text;

namespace Portal.Web.Components.Shared;

/// <summary>Links to the dependency graph pages, built in one place like <see cref="PortalLinks"/>.</summary>
public static class GraphLinks
{
    public const string Analysis = "/graph/analysis";

    /// <summary>
    /// <c>/graph</c> with its query string: <paramref name="focus"/> is a node ref (<c>payments</c>,
    /// <c>resource:payments-db</c>); <paramref name="highlight"/> is <c>blast</c>, <c>cycle</c>, <c>chain</c> or <c>retry</c>;
    /// <paramref name="color"/> is <c>debt</c> to colour services by open debt risk.
    /// </summary>
    public static string Graph(string? focus = null, string? highlight = null, int? depth = null, string? team = null, string? system = null, string? color = null)
    {
        var query = new StringBuilder();
        Add("focus", focus);
        Add("depth", depth?.ToString(CultureInfo.InvariantCulture));
        Add("team", team);
        Add("system", system);
        Add("highlight", highlight);
        Add("color", color);
        return "/graph" + query;

        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
    }

    /// <summary>The analysis page showing one kind of finding (<c>cycle</c>, <c>chain</c>, …).</summary>
    public static string AnalysisOf(string kind) => Analysis + "?kind=" + Uri.EscapeDataString(kind);
}
