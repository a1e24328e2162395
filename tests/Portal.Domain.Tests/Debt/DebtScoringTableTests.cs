using Portal.Domain.Common;
using Portal.Domain.Debt;

namespace Portal.Domain.Tests.Debt;

public sealed class DebtScoringTableTests
{
    [Fact]
    public void Validated_Defaults_AreAccepted() =>
        Assert.Same(DebtScoringTable.Default, DebtScoringTable.Default.Validated());

    [Fact]
    public void Validated_ProbabilityAboveOne_NamesTheEntry()
    {
        var table = DebtScoringTable.Default with { Probability = [0.1, 0.2, 1.3, 1.4, 1.5] };
        Assert.Equal("probability.3", Assert.Throws<DomainValidationException>(table.Validated).Field);
    }

    [Fact]
    public void Validated_ImpactHoursFalling_NamesTheEntry()
    {
        var table = DebtScoringTable.Default with { ImpactHours = [1, 4, 2, 40, 120] };
        Assert.Equal("impactHours.3", Assert.Throws<DomainValidationException>(table.Validated).Field);
    }

    [Fact]
    public void Validated_WrongNumberOfTiers_NamesTheList()
    {
        var table = DebtScoringTable.Default with { TierWeight = [3, 2] };
        Assert.Equal("tierWeight", Assert.Throws<DomainValidationException>(table.Validated).Field);
    }

    [Fact]
    public void Validated_UrgencyAtDueAboveCap_NamesIt()
    {
        var table = DebtScoringTable.Default with { UrgencyAtDue = 3, UrgencyCap = 2 };
        Assert.Equal("urgencyAtDue", Assert.Throws<DomainValidationException>(table.Validated).Field);
    }

    [Fact]
    public void TierWeightOf_UnknownTier_UsesTheUnknownWeight()
    {
        var table = DebtScoringTable.Default with { UnknownTierWeight = 0.7 };
        Assert.Equal(0.7, table.TierWeightOf(null));
        Assert.Equal(0.7, table.TierWeightOf(9));
        Assert.Equal(2, table.TierWeightOf(1));
    }

    [Fact]
    public void Fingerprint_AnyValueChanged_Changes()
    {
        var table = DebtScoringTable.Default;
        Assert.Equal(table.Fingerprint(), (table with { }).Fingerprint());
        Assert.NotEqual(table.Fingerprint(), (table with { UrgencyCap = 1.9 }).Fingerprint());
        Assert.NotEqual(table.Fingerprint(), (table with { ImpactHours = [1, 4, 12, 40, 121] }).Fingerprint());
    }
}
