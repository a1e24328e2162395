namespace Portal.EndToEnd.Tests;

/// <summary>Where end-to-end runs leave files to look at: <c>artifacts/screenshots</c> under the repository root.</summary>
public static class Artifacts
{
    private static readonly Lazy<string> ScreenshotsDirectory = new(() =>
    {
        // Start each run empty, so a screenshot left by an earlier failure is not mistaken for this run's.
        var directory = Path.Combine(FindRepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        foreach (var old in Directory.EnumerateFiles(directory, "*.png"))
        {
            File.Delete(old);
        }

        return directory;
    });

    public static string ScreenshotPath(string name) => Path.Combine(ScreenshotsDirectory.Value, name + ".png");

    /// <summary>A file to keep under <c>artifacts/</c> (a printed PDF), replaced on each run.</summary>
    public static string FilePath(string name) => Path.Combine(Path.GetDirectoryName(ScreenshotsDirectory.Value)!, name);

    /// <summary>The folder holding <c>Portal.sln</c>, found by walking up from the test binaries.</summary>
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }
}
