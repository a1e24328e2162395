using Portal.Domain.Common;

namespace Portal.Domain.Tests.Catalog;

public class CatalogNameTests
{
    [Theory]
    [InlineData("payments")]
    [InlineData("Payments-API_v2.1")]
    [InlineData("a")]
    [InlineData("team-e-big-name")]
    public void Validate_BackstageStyleName_IsValid(string name) => Assert.Null(CatalogName.Validate(name));

    [Theory]
    [InlineData("", "required")]
    [InlineData("-leading", "only letters")]
    [InlineData("trailing-", "only letters")]
    [InlineData("double--dash", "only letters")]
    [InlineData("has space", "only letters")]
    [InlineData("ünïcode", "only letters")]
    public void Validate_InvalidName_SaysWhy(string name, string reason) =>
        Assert.Contains(reason, CatalogName.Validate(name), StringComparison.Ordinal);

    [Fact]
    public void Validate_NameOf64Characters_IsTooLong()
    {
        Assert.Null(CatalogName.Validate(new string('a', 63)));
        Assert.Contains("at most 63", CatalogName.Validate(new string('a', 64)), StringComparison.Ordinal);
    }

    [Fact]
    public void Require_InvalidName_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<DomainValidationException>(() => CatalogName.Require("bad name", "metadata.name"));
        Assert.Equal("metadata.name", ex.Field);
    }
}
