using System.Text;
using System.Text.Json;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Tests.Model;

public sealed class EpochSecondsConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new EpochSecondsConverter() } };

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000L)]
    [InlineData("1700000000.5", 1_700_000_000_500L)]
    [InlineData("1700000000.123", 1_700_000_000_123L)]
    [InlineData("1700000000.1239", 1_700_000_000_124L)]
    [InlineData("0", 0L)]
    [InlineData("-1.5", -1_500L)]
    [InlineData("1.7e9", 1_700_000_000_000L)]
    public void Reads_epoch_seconds_with_or_without_a_fraction(string json, long unixMilliseconds)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        Assert.Equal(unixMilliseconds, value.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData(1_700_000_000_000L, "1700000000")]
    [InlineData(1_700_000_000_500L, "1700000000.5")]
    [InlineData(1_700_000_000_123L, "1700000000.123")]
    [InlineData(1_700_000_000_010L, "1700000000.01")]
    [InlineData(0L, "0")]
    [InlineData(-1_500L, "-1.5")]
    public void Writes_whole_seconds_as_an_integer_and_milliseconds_as_a_fraction(long unixMilliseconds, string json)
    {
        var text = JsonSerializer.Serialize(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds), Options);

        Assert.Equal(json, text);
    }

    [Fact]
    public void Round_trips_to_the_millisecond()
    {
        var original = DateTimeOffset.FromUnixTimeMilliseconds(1_763_726_400_987L);

        var back = JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(original, Options), Options);

        Assert.Equal(original, back);
    }

    [Fact]
    public void Refuses_a_string()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(Encoding.UTF8.GetBytes("\"1700000000\""), Options));
    }
}
