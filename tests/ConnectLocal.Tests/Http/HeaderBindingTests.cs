using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Http;

/// <summary>
/// Members bound to headers: UpdateTestCase's LastModifiedTime travels in <c>x-amz-last-modified-time</c>, a
/// timestamp that restJson1 sends as an HTTP date (epoch seconds are accepted too).
/// </summary>
public sealed class HeaderBindingTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>
{
    private const string UpdateTestCase = "/test-cases/0b8f7d3e-3f4c-4b5a-9c1d-2e3f4a5b6c7d/tc-1";

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("1700000000")]
    [InlineData("1700000000.5")]
    [InlineData("2023-11-14T22:13:20Z")]
    public async Task Timestamp_header_in_a_known_format_is_accepted(string value)
    {
        var response = await SendAsync(value);

        WireAssert.PassedTheFrontDoor(response, "UpdateTestCase");
    }

    [Fact]
    public async Task Timestamp_header_that_is_not_a_date_is_a_SerializationException()
    {
        var response = await SendAsync("yesterday-ish");

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal("Cannot read 'yesterday-ish' in header x-amz-last-modified-time as a timestamp.", response.Message);
    }

    [Fact]
    public async Task Timestamp_header_beyond_the_calendar_is_a_SerializationException()
    {
        var response = await SendAsync("1e300");

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public async Task Timestamp_header_that_is_not_a_finite_number_is_a_SerializationException(string value)
    {
        var response = await SendAsync(value);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
    }

    private Task<WireResponse> SendAsync(string lastModifiedTime)
    {
        var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return server.SendAsync("POST", UpdateTestCase, content, extraHeaders: [new("x-amz-last-modified-time", lastModifiedTime)]);
    }
}
