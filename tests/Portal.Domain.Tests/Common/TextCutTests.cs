using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Tests.Common;

public sealed class TextCutTests
{
    private const string Emoji = "\U0001F525"; // two UTF-16 units

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Prefix_FitsAlready_SameText() => Assert.Equal("abc", TextCut.Prefix("abc", 3));

    [Fact]
    public void Prefix_CapFallsInsideSurrogatePair_CutsBeforeThePair()
    {
        var text = new string('a', 9) + Emoji + "b";

        var cut = TextCut.Prefix(text, 10);

        Assert.Equal(new string('a', 9), cut);
        Strict.GetBytes(cut); // a lone surrogate would throw, as PostgreSQL's driver does
    }

    [Fact]
    public void Prefix_CapFallsInsideCombinedCharacter_KeepsTheLetterWithItsAccent()
    {
        var text = "cafe\u0301s"; // "é" written as e + combining acute

        Assert.Equal("caf", TextCut.Prefix(text, 4));
    }

    [Fact]
    public void Prefix_OneElementLongerThanTheCap_CutsOnACodePoint()
    {
        var text = "e" + new string('\u0301', 50);

        var cut = TextCut.Prefix(text, 10);

        Assert.Equal(10, cut.Length);
    }

    [Fact]
    public void Prefix_OneEmojiLongerThanTheCap_NeverEndsOnHalfAPair() =>
        Assert.Equal("", TextCut.Prefix(Emoji + Emoji, 1));

    [Fact]
    public void Shorten_TooLong_CutsOnABoundaryAndMarksIt()
    {
        var text = "Retry " + Emoji + Emoji + " storm";

        var cut = TextCut.Shorten(text, 9);

        Assert.Equal("Retry " + Emoji + "…", cut);
        Assert.True(cut.Length <= 9);
        Strict.GetBytes(cut);
    }

    [Fact]
    public void Shorten_WithOwnMarker_StaysWithinTheCap()
    {
        var text = new string('x', 30) + Emoji + new string('y', 30);

        var cut = TextCut.Shorten(text, 38, " (more)");

        Assert.Equal(new string('x', 30) + " (more)", cut);
        Assert.EndsWith(" (more)", cut, StringComparison.Ordinal);
        Strict.GetBytes(cut);
    }
}
