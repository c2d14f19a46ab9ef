using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Tests.Support;

/// <summary>
/// The real server (<see cref="ConnectLocalApp.Build"/>, Kestrel on a free loopback port, nothing on disk), one per test class.
/// Requests go out either through <see cref="HttpClient"/> or, when the exact bytes of the request line matter
/// (bad percent-encoding that <see cref="Uri"/> would repair), through a plain socket.
/// </summary>
public class ConnectLocalServer : IAsyncLifetime
{
    /// <summary>Well-formed SigV4 with a fixed signature: the server parses the header but does not verify it.</summary>
    public const string Authorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, " +
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "connectlocal-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Func<ServerOptions, ServerOptions> _configure;
    private WebApplication? _app;
    private HttpClient? _client;

    public ConnectLocalServer()
        : this(options => options)
    {
    }

    /// <summary>A server with other options (strict authentication, limits, throttling) for a derived fixture.</summary>
    protected ConnectLocalServer(Func<ServerOptions, ServerOptions> configure)
    {
        _configure = configure;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public T GetRequiredService<T>()
        where T : notnull => _app!.Services.GetRequiredService<T>();

    public IServiceProvider Services => _app!.Services;

    /// <summary>The server's middleware pipeline as one delegate, to call without a socket (hostile-input suite).</summary>
    public RequestDelegate BuildPipeline() => ((IApplicationBuilder)_app!).Build();

    public async Task InitializeAsync()
    {
        var options = _configure(new ServerOptions { Host = "127.0.0.1", Port = 0, InMemory = true, DataDirectory = _dataDirectory });
        _app = ConnectLocalApp.Build(options);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        _client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public Task<WireResponse> SendAsync(string method, string target, string? json = null, string? authorization = Authorization) =>
        SendAsync(method, target, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"), authorization);

    public Task<WireResponse> SendAsync(string method, string target, byte[] body, string? authorization = Authorization) =>
        SendAsync(method, target, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, authorization);

    public async Task<WireResponse> SendAsync(
        string method,
        string target,
        HttpContent? content,
        string? authorization = Authorization,
        IEnumerable<KeyValuePair<string, string>>? extraHeaders = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(BaseAddress, target)) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261121T120000Z");
        foreach (var (name, value) in extraHeaders ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    /// <summary>Sends a request built by the caller, exactly as built.</summary>
    public async Task<WireResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client!.SendAsync(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return new WireResponse((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends <paramref name="target"/> exactly as given on the request line, over a fresh connection.</summary>
    public async Task<WireResponse> SendRawAsync(string method, string target, string? json = null)
    {
        var body = Encoding.UTF8.GetBytes(json ?? string.Empty);
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(BaseAddress.Authority).Append("\r\n")
            .Append("Authorization: ").Append(Authorization).Append("\r\n")
            .Append("X-Amz-Date: 20261121T120000Z\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Connection: close\r\n\r\n")
            .ToString();

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(BaseAddress.Host, BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        return ParseRaw(received.ToArray());
    }

    private static WireResponse ParseRaw(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var endOfHead = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (endOfHead < 0)
        {
            throw new InvalidOperationException($"Not an HTTP response: {text}");
        }

        var lines = text[..endOfHead].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new WireResponse(status, headers, text[(endOfHead + 4)..]);
    }
}
