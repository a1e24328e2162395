using Portal.Ingest.Backstage;
using Portal.Ingest.GitHub;

namespace Portal.Ingest.Tests.GitHub;

public sealed class CatalogOwnerFallbackTests
{
    private const string WithoutOwner = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: ledger
        spec:
          type: service
          lifecycle: production
        """;

    [Fact]
    public void Apply_ComponentWithoutOwner_OwnerAddedAndFileStillValid()
    {
        var result = CatalogOwnerFallback.Apply(WithoutOwner, "payments");

        var read = BackstageCatalogReader.Read([new CatalogFile("catalog-info.yaml", result)]);
        Assert.Empty(read.Problems);
        Assert.Contains("owner: payments", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OwnerNamed_FileUnchanged()
    {
        var yaml = WithoutOwner + "  owner: ledger-team\n";

        Assert.Same(yaml, CatalogOwnerFallback.Apply(yaml, "payments"));
    }

    [Fact]
    public void Apply_LocationOnly_Unchanged()
    {
        const string yaml = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets: [a.yaml]\n";

        Assert.Same(yaml, CatalogOwnerFallback.Apply(yaml, "payments"));
    }

    [Fact]
    public void Apply_BrokenYaml_ReturnedAsIsForTheImporterToReport()
    {
        const string yaml = "kind: Component\nmetadata: [unclosed\n";

        Assert.Same(yaml, CatalogOwnerFallback.Apply(yaml, "payments"));
    }
}
