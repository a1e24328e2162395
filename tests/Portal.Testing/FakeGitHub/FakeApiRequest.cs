namespace Portal.Testing.FakeGitHub;

/// <summary>A request as the router sees it: path without the <c>/api/v3</c> prefix, query kept in order.</summary>
internal sealed record FakeApiRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> QueryPairs,
    FakeUrls Urls,
    string? Accept,
    byte[] Body)
{
    public string? Param(string name)
    {
        foreach (var pair in QueryPairs)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    public bool HasParam(string name) => QueryPairs.Any(p => string.Equals(p.Key, name, StringComparison.Ordinal));
}
