using ConnectLocal.Core.Common;

namespace ConnectLocal.Tests.Specs;

/// <summary>Normalization Form C without ICU (the server's InvariantGlobalization): expected forms from Python's unicodedata.</summary>
public sealed class NfcSpecs
{
    [Theory]
    [InlineData("e\u0301", "\u00e9")]                 // a base letter and a combining acute compose
    [InlineData("\u00e9\u0323", "\u1eb9\u0301")]      // é then dot below: reordered, then the dot composes first
    [InlineData("\u212b", "\u00c5")]                  // ANGSTROM SIGN is a singleton: never in NFC
    [InlineData("\u1100\u1161\u11a8", "\uac01")]      // Hangul jamo compose algorithmically
    [InlineData("a\u0328\u0301", "\u0105\u0301")]     // ogonek composes, the acute stays
    [InlineData("\u0b47\u0b3e", "\u0b4b")]            // two starters that compose
    [InlineData("q\u0307\u0323", "q\u0323\u0307")]    // no composite: only canonical order
    [InlineData("\u0344", "\u0308\u0301")]            // excluded from composition
    [InlineData("\u1e0b\u0323", "\u1e0d\u0307")]
    public void Text_not_in_NFC_is_found_and_normalized(string text, string nfc)
    {
        Assert.False(Nfc.IsNormalized(text));
        Assert.Equal(nfc, Nfc.Normalize(text));
        Assert.True(Nfc.IsNormalized(nfc));
    }

    [Theory]
    [InlineData("Zo\u00eb")]
    [InlineData("\u0301a")]
    [InlineData("Ada")]
    [InlineData("\uac01\u4e2d\u6587 \U0001F600")]
    [InlineData("")]
    public void Text_in_NFC_is_left_as_it_is(string text)
    {
        Assert.True(Nfc.IsNormalized(text));
        Assert.Equal(text, Nfc.Normalize(text));
    }
}
