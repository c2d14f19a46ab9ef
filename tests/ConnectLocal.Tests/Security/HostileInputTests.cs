using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ConnectLocal.Server.Options;
using ConnectLocal.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ConnectLocal.Tests.Security;

/// <summary>
/// The server the hostile-input suite attacks: stored in SQLite on disk, so that its state can be read
/// independently of the server, with a 64 KiB body limit so that oversized bodies stay cheap, and seeded with
/// one of every resource the mutated requests aim at.
/// </summary>
public sealed class HostileServer() : ConnectLocalServer(options => options with { InMemory = false, Limits = new RequestLimits { BodyBytes = 64 * 1024 } })
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<RequestTemplate>? _templates;

    /// <summary>Seeds the resources once and returns the valid requests the mutations start from.</summary>
    public async Task<IReadOnlyList<RequestTemplate>> TemplatesAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _templates ??= await SeedAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> OkAsync(string method, string target, string? json = null)
    {
        var response = await SendAsync(method, target, json);
        Assert.True(response.Status == 200, $"seeding {method} {target}: {response}");
        return response.Body;
    }

    private static string Field(string json, params string[] path)
    {
        var element = JsonDocument.Parse(json).RootElement;
        foreach (var part in path)
        {
            element = int.TryParse(part, out var index) ? element[index] : element.GetProperty(part);
        }

        return element.GetString()!;
    }

    private async Task<IReadOnlyList<RequestTemplate>> SeedAsync()
    {
        var instance = await OkAsync("PUT", "/instance", """{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"hostile","InboundCallsEnabled":true,"OutboundCallsEnabled":true}""");
        var i = Field(instance, "Id");
        var hours = Field(await OkAsync("GET", $"/hours-of-operations-summary/{i}"), "HoursOfOperationSummaryList", "0", "Id");
        var queue = await OkAsync("PUT", $"/queues/{i}", $$"""{"Name":"hostile-queue","HoursOfOperationId":"{{hours}}","Tags":{"owner":"hostile"} }""");
        var q = Field(queue, "QueueId");
        var qarn = Uri.EscapeDataString(Field(queue, "QueueArn"));
        var concurrencies = """[{"Channel":"VOICE","Concurrency":1},{"Channel":"CHAT","Concurrency":3,"CrossChannelBehavior":{"BehaviorType":"ROUTE_ANY_CHANNEL"}}]""";
        var queueConfigs = $$"""[{"QueueReference":{"QueueId":"{{q}}","Channel":"VOICE"},"Priority":1,"Delay":0}]""";
        var rp = Field(await OkAsync("PUT", $"/routing-profiles/{i}",
            $$"""{"Name":"hostile-profile","Description":"d","DefaultOutboundQueueId":"{{q}}","MediaConcurrencies":{{concurrencies}},"QueueConfigs":{{queueConfigs}}}"""), "RoutingProfileId");
        var sp = Field(await OkAsync("GET", $"/security-profiles-summary/{i}"), "SecurityProfileSummaryList", "0", "Id");
        var status = Field(await OkAsync("GET", $"/agent-status/{i}"), "AgentStatusSummaryList", "0", "Id");
        var userBody = $$"""{"Username":"hostile-agent","Password":"Passw0rd-Example1","IdentityInfo":{"FirstName":"Ada","LastName":"Hostile"},"PhoneConfig":{"PhoneType":"SOFT_PHONE","AfterContactWorkTimeLimit":0},"SecurityProfileIds":["{{sp}}"],"RoutingProfileId":"{{rp}}"}""";
        var u = Field(await OkAsync("PUT", $"/users/{i}", userBody), "UserId");
        var p = Field(await OkAsync("POST", "/phone-number/claim", $$"""{"InstanceId":"{{i}}","PhoneNumber":"+12065550100"}"""), "PhoneNumberId");
        // reads that create something on first use (the page-token key) run before the state is read
        await OkAsync("GET", $"/queues-summary/{i}?maxResults=1");
        await OkAsync("GET", "/instance?maxResults=1");

        return
        [
            new("CreateInstance", "PUT", "/instance", "", """{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"hostile-two","InboundCallsEnabled":true,"OutboundCallsEnabled":true,"Tags":{"k":"v"}}"""),
            new("DeleteInstance", "DELETE", $"/instance/{i}", "", null),
            new("ReplicateInstance", "POST", $"/instance/{i}/replicate", "", """{"ReplicaRegion":"us-west-2","ReplicaAlias":"hostile-replica"}"""),
            new("UpdateInstanceAttribute", "POST", $"/instance/{i}/attribute/CONTACTFLOW_LOGS", "", """{"Value":"false"}"""),
            new("CreateHoursOfOperation", "PUT", $"/hours-of-operations/{i}", "", """{"Name":"h2","TimeZone":"UTC","Config":[{"Day":"MONDAY","StartTime":{"Hours":9,"Minutes":0},"EndTime":{"Hours":17,"Minutes":30}}],"Tags":{"k":"v"}}"""),
            new("UpdateHoursOfOperation", "POST", $"/hours-of-operations/{i}/{hours}", "", """{"Name":"renamed","TimeZone":"Europe/Paris","Config":[{"Day":"FRIDAY","StartTime":{"Hours":1,"Minutes":0},"EndTime":{"Hours":2,"Minutes":0}}]}"""),
            new("DeleteHoursOfOperation", "DELETE", $"/hours-of-operations/{i}/{hours}", "", null),
            new("CreateQueue", "PUT", $"/queues/{i}", "", $$"""{"Name":"q2","HoursOfOperationId":"{{hours}}","MaxContacts":5,"Description":"d","OutboundCallerConfig":{"OutboundCallerIdName":"n"},"Tags":{"a":"b"} }"""),
            new("UpdateQueueName", "POST", $"/queues/{i}/{q}/name", "", """{"Name":"q3","Description":"x"}"""),
            new("UpdateQueueMaxContacts", "POST", $"/queues/{i}/{q}/max-contacts", "", """{"MaxContacts":10}"""),
            new("UpdateQueueStatus", "POST", $"/queues/{i}/{q}/status", "", """{"Status":"DISABLED"}"""),
            new("UpdateQueueHoursOfOperation", "POST", $"/queues/{i}/{q}/hours-of-operation", "", $$"""{"HoursOfOperationId":"{{hours}}"}"""),
            new("UpdateQueueOutboundCallerConfig", "POST", $"/queues/{i}/{q}/outbound-caller-config", "", $$$"""{"OutboundCallerConfig":{"OutboundCallerIdName":"n","OutboundCallerIdNumberId":"{{{p}}}"}}"""),
            new("DeleteQueue", "DELETE", $"/queues/{i}/{q}", "", null),
            new("CreateRoutingProfile", "PUT", $"/routing-profiles/{i}", "", $$"""{"Name":"rp2","Description":"d","DefaultOutboundQueueId":"{{q}}","MediaConcurrencies":{{concurrencies}},"QueueConfigs":{{queueConfigs}},"AgentAvailabilityTimer":"TIME_SINCE_LAST_INBOUND"}"""),
            new("UpdateRoutingProfileConcurrency", "POST", $"/routing-profiles/{i}/{rp}/concurrency", "", $$"""{"MediaConcurrencies":{{concurrencies}}}"""),
            new("UpdateRoutingProfileName", "POST", $"/routing-profiles/{i}/{rp}/name", "", """{"Name":"rp3","Description":"e"}"""),
            new("UpdateRoutingProfileDefaultOutboundQueue", "POST", $"/routing-profiles/{i}/{rp}/default-outbound-queue", "", $$"""{"DefaultOutboundQueueId":"{{q}}"}"""),
            new("UpdateRoutingProfileQueues", "POST", $"/routing-profiles/{i}/{rp}/queues", "", $$"""{"QueueConfigs":{{queueConfigs}}}"""),
            new("AssociateRoutingProfileQueues", "POST", $"/routing-profiles/{i}/{rp}/associate-queues", "", $$"""{"QueueConfigs":[{"QueueReference":{"QueueId":"{{q}}","Channel":"CHAT"},"Priority":2,"Delay":5}]}"""),
            new("DisassociateRoutingProfileQueues", "POST", $"/routing-profiles/{i}/{rp}/disassociate-queues", "", $$"""{"QueueReferences":[{"QueueId":"{{q}}","Channel":"VOICE"}]}"""),
            new("DeleteRoutingProfile", "DELETE", $"/routing-profiles/{i}/{rp}", "", null),
            new("CreateUser", "PUT", $"/users/{i}", "", userBody.Replace("hostile-agent", "second-agent", StringComparison.Ordinal)),
            new("UpdateUserIdentityInfo", "POST", $"/users/{i}/{u}/identity-info", "", """{"IdentityInfo":{"FirstName":"Eve","LastName":"X","Email":"eve@example.com"}}"""),
            new("UpdateUserPhoneConfig", "POST", $"/users/{i}/{u}/phone-config", "", """{"PhoneConfig":{"PhoneType":"DESK_PHONE","DeskPhoneNumber":"+15555550100","AutoAccept":true}}"""),
            new("UpdateUserSecurityProfiles", "POST", $"/users/{i}/{u}/security-profiles", "", $$"""{"SecurityProfileIds":["{{sp}}"]}"""),
            new("UpdateUserRoutingProfile", "POST", $"/users/{i}/{u}/routing-profile", "", $$"""{"RoutingProfileId":"{{rp}}"}"""),
            new("PutUserStatus", "PUT", $"/users/{i}/{u}/status", "", $$"""{"AgentStatusId":"{{status}}"}"""),
            new("DeleteUser", "DELETE", $"/users/{i}/{u}", "", null),
            new("TagResource", "POST", $"/tags/{qarn}", "", """{"tags":{"k":"v","team":"blue"}}"""),
            new("UntagResource", "DELETE", $"/tags/{qarn}", "tagKeys=owner", null),
            new("ClaimPhoneNumber", "POST", "/phone-number/claim", "", $$"""{"InstanceId":"{{i}}","PhoneNumber":"+12065550101","PhoneNumberDescription":"d"}"""),
            new("UpdatePhoneNumber", "PUT", $"/phone-number/{p}", "", $$"""{"InstanceId":"{{i}}"}"""),
            new("ReleasePhoneNumber", "DELETE", $"/phone-number/{p}", "", null),
            new("CreateTrafficDistributionGroup", "PUT", "/traffic-distribution-group", "", $$"""{"Name":"g","InstanceId":"{{i}}","Description":"d"}"""),
            new("DescribeQueue", "GET", $"/queues/{i}/{q}", "", null),
            new("ListQueues", "GET", $"/queues-summary/{i}", "maxResults=5&queueTypes=STANDARD", null),
            new("DescribeUser", "GET", $"/users/{i}/{u}", "", null),
            new("ListTagsForResource", "GET", $"/tags/{qarn}", "", null),
            new("ListInstances", "GET", "/instance", "maxResults=3", null),
            new("SearchRoutingProfiles", "POST", "/search-routing-profiles", "", $$"""{"InstanceId":"{{i}}","MaxResults":5,"SearchCriteria":{"StringCondition":{"FieldName":"name","Value":"x","ComparisonType":"EXACT"} } }"""),
        ];
    }

    /// <summary>Every row of the store, read with a connection of its own: the state byte for byte.</summary>
    public IReadOnlyList<string> StoredState()
    {
        var path = Path.Combine(GetRequiredService<ServerOptions>().DataDirectory, "connectlocal.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var rows = new List<string>();
        foreach (var table in new[] { "meta", "secrets", "resources" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2" + (table == "resources" ? ", 3, 4, 5" : string.Empty);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(c => reader.GetValue(c) switch
                {
                    byte[] blob => Convert.ToHexString(blob),
                    var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                });
                rows.Add(table + "|" + string.Join("|", values));
            }
        }

        return rows;
    }
}

/// <summary>
/// The hostile-input suite: over 100,000 malformed requests per run, generated by FsCheck from valid requests
/// on seeded resources (HostileInput says which mutations) and from junk, sent through the server's whole
/// middleware pipeline and, for a sample, over real sockets to Kestrel. Properties: no 5xx and no exception,
/// every refusal AWS-shaped (JSON body with a Message, x-amzn-ErrorType, a UUID x-amzn-RequestId), no mutated
/// write answered, and the stored state identical row for row before and after. A failure prints the request
/// and the seed; rerun with CONNECTLOCAL_HOSTILE_SEED to replay.
/// </summary>
public sealed class HostileInputTests(HostileServer server, ITestOutputHelper output) : IClassFixture<HostileServer>
{
    private const int MutatedCount = 90_000;
    private const int RandomCount = 10_000;
    private const int SocketCount = 10_000;
    private const int Batch = 2_500;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("CONNECTLOCAL_HOSTILE_SEED"), out var seed) ? seed : 20261121UL;

    private static IEnumerable<HostileRequest[]> Batches(Gen<HostileRequest> generator, int total, ulong salt)
    {
        for (var done = 0; done < total; done += Batch)
        {
            var count = Math.Min(Batch, total - done);
            var batch = generator.Sample(count, new Rnd(Seed + salt + (ulong)done), 30);
            if (batch.Length != count)
            {
                throw new InvalidOperationException($"FsCheck gave {batch.Length} samples, not {count}");
            }

            yield return batch;
        }
    }

    [Fact]
    public async Task Mutated_and_random_requests_through_the_pipeline_meet_AWS_shaped_refusals_and_change_nothing()
    {
        var templates = await server.TemplatesAsync();
        var before = server.StoredState();
        var pipeline = server.BuildPipeline();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var byMutation = new Dictionary<string, int>(StringComparer.Ordinal);
        var byStatus = new SortedDictionary<int, int>();

        foreach (var (generator, total, salt) in new[] { (HostileInput.Mutated(templates), MutatedCount, 0UL), (HostileInput.Random(), RandomCount, 1_000_000UL) })
        {
            foreach (var batch in Batches(generator, total, salt))
            {
                foreach (var request in batch)
                {
                    var answer = await SendThroughPipelineAsync(pipeline, request);
                    Check(request, answer.Status, answer.Header, answer.Body);
                    sent++;
                    byMutation[request.Mutation] = byMutation.GetValueOrDefault(request.Mutation) + 1;
                    byStatus[answer.Status] = byStatus.GetValueOrDefault(answer.Status) + 1;
                }
            }
        }

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:0.0} s (seed {Seed})");
        output.WriteLine("by mutation: " + string.Join(", ", byMutation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine("by status: " + string.Join(", ", byStatus.Select(p => $"{p.Key} {p.Value}")));
        Assert.Equal(MutatedCount + RandomCount, sent);
        Assert.True(byMutation.Count >= 15, "every kind of mutation is generated");
        Assert.Equal(before, server.StoredState());
    }

    [Fact]
    public async Task Mutated_requests_over_real_sockets_meet_AWS_shaped_refusals_and_change_nothing()
    {
        var templates = await server.TemplatesAsync();
        var before = server.StoredState();
        var requests = Batches(HostileInput.Mutated(templates), SocketCount * 2, 2_000_000UL)
            .SelectMany(b => b)
            .Where(IsWireSafe)
            .Take(SocketCount)
            .ToList();
        Assert.Equal(SocketCount, requests.Count);
        var clock = Stopwatch.StartNew();

        // four connections at a time, each kept alive for its share of the requests
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async lane =>
        {
            var connection = await RawConnection.OpenAsync(server.BaseAddress);
            try
            {
                for (var k = lane; k < requests.Count; k += 4)
                {
                    var answer = await connection.SendAsync(requests[k], server.BaseAddress.Authority);
                    Check(requests[k], answer.Status, answer.Header, answer.Body);
                    if (answer.Closed)
                    {
                        await connection.DisposeAsync();
                        connection = await RawConnection.OpenAsync(server.BaseAddress);
                    }
                }
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }));

        output.WriteLine($"{requests.Count} requests over sockets in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(before, server.StoredState());
    }

    /// <summary>The properties every answer must have.</summary>
    private static void Check(HostileRequest request, int status, Func<string, string?> header, byte[] body)
    {
        var what = $"{request}\n=> {status} {header("x-amzn-ErrorType")} {Encoding.UTF8.GetString(body.Length > 400 ? body[..400] : body)}\n(seed {Seed})";
        Assert.True(status is >= 200 and < 500, "no 5xx: " + what);
        Assert.True(Guid.TryParseExact(header("x-amzn-RequestId"), "D", out _), "x-amzn-RequestId: " + what);
        if (status < 300)
        {
            Assert.True(request.MayBeAnswered || IsRead(request.Operation), "a mutated write was answered: " + what);
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            }

            return;
        }

        Assert.False(string.IsNullOrEmpty(header("x-amzn-ErrorType")), "x-amzn-ErrorType: " + what);
        Assert.StartsWith("application/json", header("Content-Type") ?? string.Empty, StringComparison.Ordinal);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            Assert.Fail("body is not JSON: " + what);
            return;
        }

        using (parsed)
        {
            Assert.True(parsed.RootElement.ValueKind == JsonValueKind.Object
                && parsed.RootElement.TryGetProperty("Message", out var message) && message.ValueKind == JsonValueKind.String
                && message.GetString()!.Length > 0, "Message: " + what);
        }
    }

    private static bool IsRead(string operation) =>
        operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
        || operation.StartsWith("Search", StringComparison.Ordinal) || operation.StartsWith("Get", StringComparison.Ordinal);

    private sealed record Answer(int Status, Func<string, string?> Header, byte[] Body, bool Closed = false);

    private async Task<Answer> SendThroughPipelineAsync(RequestDelegate pipeline, HostileRequest request)
    {
        var http = new DefaultHttpContext { RequestServices = server.Services };
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        var question = request.Target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? request.Target : request.Target[..question];
        http.Request.Method = request.Method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString(server.BaseAddress.Authority);
        // Kestrel decodes the path for routing middleware; the Connect front door reads the raw target
        http.Request.Path = PathString.FromUriComponent(SafeUnescape(rawPath));
        if (question >= 0)
        {
            http.Request.QueryString = new QueryString(request.Target[question..]);
        }

        http.Features.Get<IHttpRequestFeature>()!.RawTarget = request.Target;
        foreach (var (name, value) in request.Headers)
        {
            http.Request.Headers.Append(name, value);
        }

        http.Request.Body = new MemoryStream(request.Body);
        http.Request.ContentLength = request.Body.Length;
        var responseBody = new MemoryStream();
        http.Response.Body = responseBody;
        await pipeline(http);
        var headers = http.Response.Headers;
        return new Answer(
            http.Response.StatusCode,
            name => name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? http.Response.ContentType
                : headers.TryGetValue(name, out var v) ? v.ToString() : null,
            responseBody.ToArray());
    }

    private static string SafeUnescape(string path)
    {
        try
        {
            return Uri.UnescapeDataString(path).Replace("?", "%3F", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);
        }
        catch (UriFormatException)
        {
            return "/";
        }
    }

    /// <summary>
    /// Requests a client could put on the wire as HTTP/1.1 and that Kestrel passes on: it refuses other bytes, and a
    /// path with an encoded NUL (%00), with a bare 400 of its own before ConnectLocal sees them (docs/security.md).
    /// </summary>
    private static bool IsWireSafe(HostileRequest request) =>
        request.Method is not ("HEAD" or "CONNECT" or "TRACE")
        && request.Target.All(c => c > ' ' && c < 0x7F && c != '#')
        && !request.Target.Split('?')[0].Contains("%00", StringComparison.Ordinal)
        && request.Headers.All(h => h.Value.All(c => c is >= ' ' and < (char)0x7F) && h.Key != "Expect" && h.Key != "Range");

    /// <summary>One keep-alive HTTP/1.1 connection that sends requests byte for byte and reads each answer.</summary>
    private sealed class RawConnection : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        private RawConnection(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public static async Task<RawConnection> OpenAsync(Uri address)
        {
            var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(address.Host, address.Port);
            return new RawConnection(tcp);
        }

        public ValueTask DisposeAsync()
        {
            _tcp.Dispose();
            return ValueTask.CompletedTask;
        }

        public async Task<Answer> SendAsync(HostileRequest request, string host)
        {
            var head = new StringBuilder().Append(request.Method).Append(' ').Append(request.Target).Append(" HTTP/1.1\r\nHost: ").Append(host).Append("\r\n");
            foreach (var (name, value) in request.Headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            head.Append("Content-Length: ").Append(request.Body.Length).Append("\r\n\r\n");
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
            await _stream.WriteAsync(request.Body);

            var headerEnd = await FillUntilAsync(() => IndexOf("\r\n\r\n"u8));
            var headText = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
            _start = headerEnd + 4;
            var lines = headText.Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
            await FillUntilAsync(() => _end - _start >= length ? _start + length : -1);
            var body = _buffer.AsSpan(_start, length).ToArray();
            _start += length;
            var closed = headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase);
            return new Answer(status, name => headers.TryGetValue(name, out var value) ? value : null, body, closed);
        }

        private int IndexOf(ReadOnlySpan<byte> pattern)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(pattern);
            return found < 0 ? -1 : _start + found;
        }

        private async Task<int> FillUntilAsync(Func<int> done)
        {
            int at;
            while ((at = done()) < 0)
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var read = await _stream.ReadAsync(_buffer.AsMemory(_end), timeout.Token);
                if (read == 0)
                {
                    throw new IOException("the server closed the connection in the middle of an answer");
                }

                _end += read;
            }

            return at;
        }
    }
}
