using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ConnectLocal.Server.Options;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>A server with small limits, so that each can be crossed cheaply.</summary>
public sealed class LimitedServer() : ConnectLocalServer(options => options with
{
    Limits = new RequestLimits
    {
        BodyBytes = 1024,
        UrlBytes = 512,
        HeaderBytes = 2048,
        HeaderCount = 16,
        JsonDepth = 8,
        HeadersTimeout = TimeSpan.FromSeconds(1),
        MinBodyBytesPerSecond = 100,
        MinBodyRateGrace = TimeSpan.FromSeconds(2),
    },
});

/// <summary>
/// Request limits (docs/security.md): between ConnectLocal's limit and Kestrel's (twice as large) the answer is
/// AWS-shaped; beyond Kestrel's, Kestrel answers by itself with a bare status.
/// </summary>
public sealed class RequestLimitsTests(LimitedServer server) : IClassFixture<LimitedServer>
{
    private const string Target = "/hours-of-operations/inst-1";

    private static void AssertAwsShaped(WireResponse response, int status, string code)
    {
        Assert.Equal((status, code), (response.Status, response.ErrorType));
        Assert.False(string.IsNullOrEmpty(response.Message), response.ToString());
        Assert.True(Guid.TryParse(response.Header("x-amzn-RequestId"), out _), response.ToString());
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_RequestEntityTooLargeException()
    {
        var response = await server.SendAsync("PUT", Target, "{\"Name\":\"" + new string('x', 1100) + "\"}");

        AssertAwsShaped(response, 413, "RequestEntityTooLargeException");
        Assert.Equal("The request body is larger than 1024 bytes.", response.Message);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_answers_413_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"Name\":\"" + new string('x', 3000) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.BaseAddress, Target)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Authorization", ConnectLocalServer.Authorization);

        AssertAwsShaped(await server.SendAsync(request), 413, "RequestEntityTooLargeException");
    }

    [Fact]
    public async Task A_body_at_the_limit_is_read()
    {
        var json = "{\"Name\":\"" + new string('x', 1024 - 11) + "\"}";
        Assert.Equal(1024, json.Length);

        var response = await server.SendAsync("PUT", Target, json);

        // read and validated: the name is too long for the model, which proves the body got that far
        Assert.Equal((400, "InvalidParameterException"), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task A_URL_over_the_limit_answers_414_RequestUriTooLongException()
    {
        var response = await server.SendAsync("GET", Target + "?nextToken=" + new string('a', 600));

        AssertAwsShaped(response, 414, "RequestUriTooLongException");
        Assert.Equal("The request URI is longer than 512 bytes.", response.Message);
    }

    [Fact]
    public async Task A_URL_over_Kestrel_s_own_limit_gets_Kestrel_s_bare_414()
    {
        var response = await SendRawAsync($"GET {Target}?nextToken={new string('a', 2200)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 414", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_over_the_limit_answer_431_RequestHeaderFieldsTooLargeException()
    {
        var response = await server.SendAsync("GET", Target, content: null, extraHeaders: [new("x-padding", new string('p', 2100))]);

        AssertAwsShaped(response, 431, "RequestHeaderFieldsTooLargeException");
    }

    [Fact]
    public async Task More_header_fields_than_the_limit_answer_431_RequestHeaderFieldsTooLargeException()
    {
        var extra = Enumerable.Range(0, 20).Select(i => new KeyValuePair<string, string>($"x-extra-{i}", "v"));

        AssertAwsShaped(await server.SendAsync("GET", Target, content: null, extraHeaders: extra), 431, "RequestHeaderFieldsTooLargeException");
    }

    [Fact]
    public async Task Headers_over_Kestrel_s_own_limit_get_Kestrel_s_bare_431()
    {
        var response = await SendRawAsync($"GET {Target} HTTP/1.1\r\nHost: x\r\nx-padding: {new string('p', 4200)}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_nested_deeper_than_the_limit_answers_400_SerializationException()
    {
        var deep = "{\"Config\":" + new string('[', 8) + new string(']', 8) + "}";

        var response = await server.SendAsync("PUT", Target, deep);

        AssertAwsShaped(response, 400, "SerializationException");
        Assert.Contains("maximum configured depth of 8", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_nested_to_the_limit_is_parsed()
    {
        var nested = "{\"Config\":" + new string('[', 7) + new string(']', 7) + "}";

        var response = await server.SendAsync("PUT", Target, nested);

        // parsed: what is wrong now is the shape (arrays where the model has structures), not the depth
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.DoesNotContain("depth", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_sends_its_headers_too_slowly_is_disconnected()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {Target} HTTP/1.1\r\nHost: x\r\n"));
        var clock = Stopwatch.StartNew();

        var answer = await ReadToEndAsync(stream, TimeSpan.FromSeconds(15));

        // Kestrel answers this itself, before any ConnectLocal code runs: a bare 408 and the connection closed
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_answers_408_RequestTimeoutException()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"PUT {Target} HTTP/1.1\r\nHost: x\r\nAuthorization: {ConnectLocalServer.Authorization}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{"));
        var clock = Stopwatch.StartNew();
        var reading = ReadToEndAsync(stream, TimeSpan.FromSeconds(20));
        // one byte a second, far below 100 bytes a second, until the server gives up
        while (!reading.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                await stream.WriteAsync("x"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(reading, Task.Delay(1000));
        }

        var answer = await reading;

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(12));
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("x-amzn-ErrorType: RequestTimeoutException", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"Message\":\"The request body could not be read: Reading the request body timed out", answer, StringComparison.Ordinal);
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        return await ReadToEndAsync(stream, TimeSpan.FromSeconds(10));
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // reset by the server: what arrived before is the answer
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
