using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.Tests.Catalog;

public class ServiceTests
{
    [Fact]
    public void Constructor_InvalidName_IsRejected() =>
        Assert.Throws<DomainValidationException>(() => new Service("not valid!"));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void SetTier_OutsideOneToThree_IsRejected(int tier)
    {
        var service = new Service("payments");
        var ex = Assert.Throws<DomainValidationException>(() => service.SetTier(tier));
        Assert.Equal("tier", ex.Field);
        Assert.Equal(3, service.Tier);
    }

    [Fact]
    public void SetTags_NormalisesAndDeduplicates()
    {
        var service = new Service("payments");
        service.SetTags(["PCI", "core", "pci", " core "]);
        Assert.Equal(["core", "pci"], service.Tags);
    }

    [Fact]
    public void SetTags_InvalidTag_IsRejectedAndTagsUnchanged()
    {
        var service = new Service("payments");
        service.SetTags(["core"]);
        Assert.Throws<DomainValidationException>(() => service.SetTags(["has space"]));
        Assert.Equal(["core"], service.Tags);
    }

    [Fact]
    public void SetRepository_NotAUrl_IsRejected()
    {
        var service = new Service("payments");
        var ex = Assert.Throws<DomainValidationException>(() => service.SetRepository("github.com/x"));
        Assert.Equal("repository", ex.Field);
    }

    [Fact]
    public void SearchText_CoversNameTitleDescriptionAndTags()
    {
        var service = new Service("payments", "Payments API");
        service.Describe("Payments API", "Moves **money**");
        service.SetTags(["pci"]);
        Assert.Contains("payments api", service.SearchText, StringComparison.Ordinal);
        Assert.Contains("money", service.SearchText, StringComparison.Ordinal);
        Assert.Contains("pci", service.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void AssignOwner_RecordsTeamAndReference()
    {
        var team = new Team("payments-core");
        var service = new Service("payments");
        service.AssignOwner(team);
        Assert.Equal(team.Id, service.OwnerTeamId);
        Assert.Equal("payments-core", service.OwnerRef);
    }

    [Fact]
    public void DependencyToService_Self_IsRejected()
    {
        var service = new Service("payments");
        Assert.Throws<DomainValidationException>(() => Dependency.ToService(service, service, InteractionKind.SyncHttp));
    }

    [Fact]
    public void DependencySetResilience_NegativeRetries_IsRejected()
    {
        var dependency = Dependency.ToService(new Service("a"), new Service("b"), InteractionKind.SyncHttp);
        var ex = Assert.Throws<DomainValidationException>(() => dependency.SetResilience(1000, -1, null, null, null, null));
        Assert.Equal("retries", ex.Field);
    }
}
