using Portal.Domain.Security;
using Portal.Ingest.Backstage;
using Portal.Testing;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>Where the test catalogs are: Backstage's own examples kept in the repository, and our fixtures.</summary>
internal static class BackstageTestData
{
    /// <summary>
    /// Backstage's example catalog, used as it is: <c>tests/data/backstage-examples</c> in the clone.
    /// </summary>
    public static string Examples => TestData.BackstageExamples;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Backstage", "Fixtures", name);

    public static Actor Admin => Actor.System;

    public static Actor Editor { get; } = new("erin", "Erin Editor", PortalRole.Editor, new HashSet<Guid>());

    /// <summary>Every YAML file under <paramref name="directory"/>, with paths relative to it.</summary>
    public static IReadOnlyList<CatalogFile> ReadDirectory(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new CatalogFile(Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText(f)))];

    /// <summary>Reads root-relative paths from disk, as the importer does for Location targets.</summary>
    public static Func<string, string?> DiskLoader(string root) =>
        relative => File.Exists(Path.Combine(root, relative)) ? File.ReadAllText(Path.Combine(root, relative)) : null;
}

/// <summary>A scratch copy of a catalog folder that tests may edit; deleted on dispose.</summary>
internal sealed class TempCatalog : IDisposable
{
    private TempCatalog(string path) => Path = path;

    public string Path { get; }

    public static TempCatalog Empty() =>
        new(Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-catalog-{Guid.NewGuid():N}")).FullName);

    public static TempCatalog CopyOf(string source)
    {
        var copy = Empty();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(copy.Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
