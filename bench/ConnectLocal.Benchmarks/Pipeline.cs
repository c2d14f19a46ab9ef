using System.Text;
using System.Text.Json;
using ConnectLocal.Load.Http;
using ConnectLocal.Model;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConnectLocal.Benchmarks;

/// <summary>A request as it reaches the endpoint: method, raw target, signed headers and body.</summary>
public sealed record RequestTemplate(string Method, string RawTarget, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>
/// The server's own composition (ConnectLocalApp.Build) over a SQLite store in a temporary directory with the default
/// durability, without Kestrel: requests go straight to <see cref="ConnectEndpoint.HandleAsync"/> on an in-memory
/// HttpContext. The endpoint gets a null logger so that the per-request log line does not flood the benchmark
/// output (its cost is in the load harness's figures). Seeds an instance with routing profiles and a replicated
/// instance with traffic distribution groups, through the endpoint itself.
/// </summary>
public sealed class Pipeline : IDisposable
{
    public const string Account = "111111111111";
    public const string Region = "us-east-1";
    private const string Host = "127.0.0.1:4570";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly SigV4Signer _signer = new("secret");

    public Pipeline()
    {
        _directory = Path.Combine(Path.GetTempPath(), "connectlocal-bdn-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new ServerOptions { DataDirectory = _directory, Port = 0 };
        _app = ConnectLocalApp.Build(options);
        Api = _app.Services.GetRequiredService<ConnectApiBase>();
        Endpoint = new ConnectEndpoint(Api, new ProtocolOptions(), _app.Services.GetRequiredService<IErrorTranslator>(), NullLogger<ConnectEndpoint>.Instance);

        var instance = Call("PUT", "/instance", """{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"bdn","InboundCallsEnabled":true,"OutboundCallsEnabled":true}""");
        InstanceId = instance.GetProperty("Id").GetString()!;
        var queues = Call("GET", $"/queues-summary/{InstanceId}?queueTypes=STANDARD", null);
        var queueId = queues.GetProperty("QueueSummaryList")[0].GetProperty("Id").GetString()!;
        ProfileId = Call("PUT", $"/routing-profiles/{InstanceId}",
            $$"""{"Name":"bdn","Description":"d","DefaultOutboundQueueId":"{{queueId}}","MediaConcurrencies":[{"Channel":"VOICE","Concurrency":1}]}""")
            .GetProperty("RoutingProfileId").GetString()!;

        var replicated = Call("PUT", "/instance", """{"IdentityManagementType":"SAML","InstanceAlias":"bdn-gr","InboundCallsEnabled":true,"OutboundCallsEnabled":true}""")
            .GetProperty("Id").GetString()!;
        Call("POST", $"/instance/{replicated}/replicate", """{"ReplicaRegion":"us-west-2","ReplicaAlias":"bdn-gr-west"}""");
        GroupId = Call("PUT", "/traffic-distribution-group", $$"""{"Name":"bdn","InstanceId":"{{replicated}}"}""").GetProperty("Id").GetString()!;

        UpdateConcurrency = Template("POST", $"/routing-profiles/{InstanceId}/{ProfileId}/concurrency",
            """{"MediaConcurrencies":[{"Channel":"VOICE","Concurrency":1,"CrossChannelBehavior":{"BehaviorType":"ROUTE_CURRENT_CHANNEL_ONLY"}},{"Channel":"CHAT","Concurrency":3}]}""");
        UpdateDistribution = Template("PUT", $"/traffic-distribution/{GroupId}",
            """{"TelephonyConfig":{"Distributions":[{"Region":"us-east-1","Percentage":70},{"Region":"us-west-2","Percentage":30}]},"AgentConfig":{"Distributions":[{"Region":"us-east-1","Percentage":70},{"Region":"us-west-2","Percentage":30}]}}""");
        DescribeProfile = Template("GET", $"/routing-profiles/{InstanceId}/{ProfileId}", null);
    }

    public ConnectApiBase Api { get; }

    public ConnectEndpoint Endpoint { get; }

    public string InstanceId { get; }

    public string ProfileId { get; }

    public string GroupId { get; }

    public RequestTemplate UpdateConcurrency { get; }

    public RequestTemplate UpdateDistribution { get; }

    public RequestTemplate DescribeProfile { get; }

    public static DefaultHttpContext Context(RequestTemplate template, Stream responseBody)
    {
        var questionMark = template.RawTarget.IndexOf('?', StringComparison.Ordinal);
        var request = new HttpRequestFeature
        {
            Method = template.Method,
            Scheme = "http",
            RawTarget = template.RawTarget,
            Path = questionMark < 0 ? template.RawTarget : template.RawTarget[..questionMark],
            QueryString = questionMark < 0 ? string.Empty : template.RawTarget[questionMark..],
            Body = new MemoryStream(template.Body, writable: false),
        };
        foreach (var (name, value) in template.Headers)
        {
            request.Headers[name] = value;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        return new DefaultHttpContext(features);
    }

    /// <summary>The whole front door for one request; returns the status (the caller checks it once in setup).</summary>
    public async Task<int> SendAsync(RequestTemplate template, Stream responseBody)
    {
        var http = Context(template, responseBody);
        await Endpoint.HandleAsync(http).ConfigureAwait(false);
        return http.Response.StatusCode;
    }

    public void Dispose()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Signed as the load harness signs (content-type, host, x-amz-content-sha256, x-amz-date).</summary>
    public RequestTemplate Template(string method, string rawTarget, string? json)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var hash = SigV4Signer.PayloadHash(body);
        var date = SigV4Signer.AmzDate(DateTime.UtcNow);
        var questionMark = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = questionMark < 0 ? rawTarget : rawTarget[..questionMark];
        var query = questionMark < 0 ? null : rawTarget[(questionMark + 1)..];
        var signed = new List<(string, string)>();
        if (json is not null)
        {
            signed.Add(("content-type", "application/json"));
        }

        signed.AddRange([("host", Host), ("x-amz-content-sha256", hash), ("x-amz-date", date)]);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", Host),
            new("X-Amz-Content-Sha256", hash),
            new("X-Amz-Date", date),
            new("Authorization", _signer.Authorization(method, path, query, signed, hash, Account, Region, date)),
        };
        if (json is not null)
        {
            headers.Add(new("Content-Type", "application/json"));
            headers.Add(new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new RequestTemplate(method, rawTarget, headers, body);
    }

    private JsonElement Call(string method, string rawTarget, string? json)
    {
        using var response = new MemoryStream();
        var status = SendAsync(Template(method, rawTarget, json), response).GetAwaiter().GetResult();
        if (status != 200)
        {
            throw new InvalidOperationException($"setup {method} {rawTarget} -> {status}: {Encoding.UTF8.GetString(response.ToArray())}");
        }

        using var document = JsonDocument.Parse(response.ToArray());
        return document.RootElement.Clone();
    }
}
