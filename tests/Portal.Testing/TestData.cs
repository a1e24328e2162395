namespace Portal.Testing;

/// <summary>
/// Real public data kept in the repository under <c>tests/data/</c> (sources and licences in its README),
/// found by walking up from the test binaries to the clone's root. Nothing outside the clone is read.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> BackstageExamplesPath = new(() => Find("backstage-examples"));
    private static readonly Lazy<string> OctokitFixturesPath = new(() => Find("octokit-fixtures"));

    /// <summary>Backstage's example catalog, used as it is.</summary>
    public static string BackstageExamples => BackstageExamplesPath.Value;

    /// <summary>Recorded, normalised responses of the real GitHub REST API (octokit/fixtures).</summary>
    public static string OctokitFixtures => OctokitFixturesPath.Value;

    private static string Find(string folder)
    {
        var relative = Path.Combine("tests", "data", folder);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // The clone's root is the folder holding Portal.sln; stop there so nothing above it is read.
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                break;
            }
        }

        throw new InvalidOperationException($"{relative} was not found in the clone above {AppContext.BaseDirectory}.");
    }
}
