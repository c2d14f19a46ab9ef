using ConnectLocal.Protocol;

namespace ConnectLocal.Tests.Protocol;

public sealed class PercentDecodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain-value_1.2~x", "plain-value_1.2~x")]
    [InlineData("a%2Fb", "a/b")]
    [InlineData("a%2fb", "a/b")]
    [InlineData("arn%3Aaws%3Aconnect", "arn:aws:connect")]
    [InlineData("%20", " ")]
    [InlineData("a+b", "a+b")]
    [InlineData("a%2Bb", "a+b")]
    [InlineData("%25", "%")]
    [InlineData("%2525", "%25")]
    [InlineData("caf%C3%A9", "café")]
    [InlineData("café", "café")]
    [InlineData("%F0%9F%98%80", "\U0001F600")]
    [InlineData("\U0001F600%21", "\U0001F600!")]
    public void Valid_escapes_decode_to_UTF8_text(string raw, string decoded)
    {
        Assert.True(PercentDecoding.TryDecode(raw, out var value));
        Assert.Equal(decoded, value);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("abc%")]
    [InlineData("abc%4")]
    [InlineData("%zz")]
    [InlineData("%4g")]
    [InlineData("%-1")]
    [InlineData("%FF")]
    [InlineData("%C3")]
    [InlineData("%C3%28")]
    [InlineData("%C0%AF")]
    [InlineData("%ED%A0%80")]
    [InlineData("%F0%9F%98")]
    public void Invalid_escapes_or_bytes_that_are_not_UTF8_fail(string raw)
    {
        Assert.False(PercentDecoding.TryDecode(raw, out _));
    }
}
