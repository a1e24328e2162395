using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.Tests.Catalog;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("  (555)   010-4477 ", "(555) 010-4477")]
    [InlineData("4477", "4477")]
    public void Normalise_NumbersAsPeopleWriteThem_KeptReadable(string typed, string stored) =>
        Assert.Equal(stored, PhoneNumber.Normalise(typed));

    [Fact]
    public void Normalise_Blank_IsNoNumber() => Assert.Null(PhoneNumber.Normalise("   "));

    [Theory]
    [InlineData("call me", "'c'")]
    [InlineData("12", "fewer than 3 digits")]
    [InlineData("0044+20", "+ that is not at the start")]
    public void Normalise_NotANumber_SaysWhatIsWrong(string typed, string expected)
    {
        var ex = Assert.Throws<DomainValidationException>(() => PhoneNumber.Normalise(typed));
        Assert.Equal("phone", ex.Field);
        Assert.Contains(expected, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TelUri_FormattedNumber_DigitsWithLeadingPlus() =>
        Assert.Equal("tel:+442079460958", PhoneNumber.TelUri("+44 (20) 7946-0958"));
}
