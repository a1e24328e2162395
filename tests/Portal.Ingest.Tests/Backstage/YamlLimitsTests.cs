using Portal.Ingest.Backstage;
using Portal.Testing;

namespace Portal.Ingest.Tests.Backstage;

/// <summary>
/// The bounded YAML reader every source goes through: hostile files become problems naming file, document,
/// line and limit, and the other files of the run are still read. No time is asserted: a reader without
/// limits does not fail these tests slowly, it kills the test process (nesting) or never returns (aliases).
/// </summary>
public sealed class YamlLimitsTests
{
    private const string Valid = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: storefront
        spec:
          type: website
          lifecycle: production
          owner: payments
        """;

    private static CatalogReadResult Read(params (string Path, string Yaml)[] files) =>
        BackstageCatalogReader.Read([.. files.Select(f => new CatalogFile(f.Path, f.Yaml))]);

    private static ImportProblem Error(CatalogReadResult result, string file) =>
        Assert.Single(result.Problems, p => p.File == file && p.Severity == ProblemSeverity.Error);

    [Fact]
    public void Read_600KbOfNestedLists_DepthProblemAtItsLineAndOtherFilesRead()
    {
        var nested = HostileYaml.Nested();
        Assert.True(nested.Length > 600_000);

        var result = Read(("deep/catalog-info.yaml", nested), ("shop/catalog-info.yaml", Valid));

        var problem = Error(result, "deep/catalog-info.yaml");
        Assert.Equal(1, problem.DocumentIndex);
        Assert.Contains($"line {HostileYaml.NestedLine},", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("nested more than 64 levels deep", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("Nothing in this file was imported", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["deep/catalog-info.yaml"], result.BrokenFiles);
        Assert.Equal("storefront", Assert.Single(result.Entities).Key.Name);
    }

    [Fact]
    public void Read_AliasBomb_ExpansionProblemNamingTheLimit()
    {
        var result = Read(("bomb.yaml", HostileYaml.AliasBomb()), ("shop.yaml", Valid));

        var problem = Error(result, "bomb.yaml");
        Assert.Contains("more than 100,000 values once its aliases are expanded", problem.Reason, StringComparison.Ordinal);
        Assert.Matches(@"at line 1[0-9], column \d+", problem.Reason);
        Assert.Single(result.Entities);
    }

    [Fact]
    public void Read_AliasAsMappingKey_Refused()
    {
        var yaml = Valid + "\n  extra:\n    base: &base {a: 1}\n    ? *base\n    : value\n";

        var problem = Error(Read(("keys.yaml", yaml)), "keys.yaml");

        Assert.Contains("an alias is used as a mapping key; keys must be plain text", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("line 11,", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ListAsMappingKey_Refused()
    {
        var problem = Error(Read(("keys.yaml", Valid + "\n  extra:\n    ? [a, b]\n    : value\n")), "keys.yaml");

        Assert.Contains("a list or mapping is used as a mapping key", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AliasInsideItsOwnAnchor_RefusedAsACycle()
    {
        var problem = Error(Read(("cycle.yaml", Valid + "\n  loop: &loop [a, *loop]\n")), "cycle.yaml");

        Assert.Contains("the alias *loop is inside the node it stands for", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ModestAnchorsAndAliases_StillRead()
    {
        var yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: storefront
              tags: &tags [web, shop]
              labels:
                area: *tags
            spec:
              type: website
              lifecycle: &lifecycle production
              owner: payments
              dependsOn: [component:checkout]
              system: *lifecycle
            """;

        var result = Read(("shop.yaml", yaml));

        Assert.DoesNotContain(result.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(["shop", "web"], Assert.IsType<BackstageComponent>(Assert.Single(result.Entities)).Tags);
    }

    [Fact]
    public void Read_TooManyAliases_ProblemNamingTheCount()
    {
        var limits = new YamlLimits { MaxAliases = 3 };
        var yaml = Valid + "\n  extra:\n    a: &a x\n    b: [*a, *a, *a, *a]\n";

        var result = BackstageCatalogReader.Read([new CatalogFile("many.yaml", yaml)], options: new CatalogReadOptions { Limits = limits });

        Assert.Contains("uses more than 3 aliases", Error(result, "many.yaml").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SecondDocumentTooLong_ProblemNamesThatDocument()
    {
        var limits = new YamlLimits { MaxDocumentChars = 400 };
        var yaml = Valid + "\n---\n" + Valid.Replace("storefront", "checkout", StringComparison.Ordinal) + "\n  description: " + new string('x', 500) + "\n";

        var problem = Error(BackstageCatalogReader.Read([new CatalogFile("long.yaml", yaml)], options: new CatalogReadOptions { Limits = limits }), "long.yaml");

        Assert.Equal(2, problem.DocumentIndex);
        Assert.Contains("the document is longer than 400 characters", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileOverTheSizeLimit_RefusedWithItsSize()
    {
        var limits = new YamlLimits { MaxFileBytes = 100 };

        var result = BackstageCatalogReader.Read([new CatalogFile("big.yaml", Valid)], options: new CatalogReadOptions { Limits = limits });

        var problem = Error(result, "big.yaml");
        Assert.Equal(0, problem.DocumentIndex);
        Assert.Contains($"the file is {Valid.Length} bytes, beyond Portal's limit of 100 bytes", problem.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Entities);
    }

    [Fact]
    public void Read_LoaderRefusesALargeLocationTarget_ReportedAndTheRestRead()
    {
        var location = """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata:
              name: all
            spec:
              targets: [./big.yaml, ./small.yaml]
            """;

        var result = BackstageCatalogReader.Read(
            [new CatalogFile("all.yaml", location)],
            path => path == "big.yaml" ? throw new CatalogFileTooLargeException(70_000_000) : Valid);

        Assert.Contains("the file is 70,000,000 bytes", Error(result, "big.yaml").Reason, StringComparison.Ordinal);
        Assert.Single(result.Entities);
    }

    [Fact]
    public void Load_NestedDefinitionText_BoundedToo()
    {
        var (documents, error) = BackstageYaml.Load(HostileYaml.Nested());

        Assert.Empty(documents);
        Assert.NotNull(error);
        Assert.True(error.IsLimit);
        Assert.Equal(HostileYaml.NestedLine, error.Line);
    }
}
