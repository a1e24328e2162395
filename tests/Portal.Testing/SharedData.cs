namespace Portal.Testing;

/// <summary>
/// Real public data beside the repository: <c>shared/data/…</c> in a folder above the test binaries
/// (/work/shared/… on a developer machine, &lt;clone&gt;/../shared/… in CI).
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> BackstageExamplesPath = new(() => Find(Path.Combine("shared", "data", "backstage-examples")));
    private static readonly Lazy<string> OctokitFixturesPath = new(() => Find(Path.Combine("shared", "data", "octokit-fixtures")));

    /// <summary>Backstage's example catalog, used as it is.</summary>
    public static string BackstageExamples => BackstageExamplesPath.Value;

    /// <summary>Recorded, normalised responses of the real GitHub REST API (octokit/fixtures).</summary>
    public static string OctokitFixtures => OctokitFixturesPath.Value;

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{relative} was not found in any folder above {AppContext.BaseDirectory}; these tests need the shared data there.");
    }
}
