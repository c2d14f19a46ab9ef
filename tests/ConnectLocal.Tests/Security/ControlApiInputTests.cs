using System.Text;
using System.Text.Json;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Server.Options;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>A server whose import limit is small, so that an oversized import stays cheap to send.</summary>
public sealed class SmallImportServer() : ConnectLocalServer(options => options with { Limits = new RequestLimits { ImportBytes = 64 * 1024 } });

/// <summary>The control API under /_connectlocal answers bad input with a JSON 400 and never stores what it cannot apply.</summary>
public sealed class ControlApiInputTests(SmallImportServer server) : IClassFixture<SmallImportServer>
{
    private static void AssertBadRequest(WireResponse response)
    {
        Assert.True(response.Status == 400, response.ToString());
        Assert.False(string.IsNullOrEmpty(response.Message), response.ToString());
    }

    [Theory]
    [InlineData("900000000000000")]
    [InlineData("9223372036854775807")]
    [InlineData("86400001")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_transition_delay_outside_zero_to_one_day_is_refused_and_not_stored(string ms)
    {
        AssertBadRequest(await server.SendAsync("PUT", "/_connectlocal/transitions/delays", $$"""{"tdg-update": {{ms}}}"""));

        var state = await server.SendAsync("GET", "/_connectlocal/transitions");
        Assert.Equal(200, state.Status);
        Assert.Equal(0, JsonDocument.Parse(state.Body).RootElement.GetProperty("delays").GetProperty("tdg-update").GetInt64());
    }

    [Fact]
    public async Task A_delay_of_one_day_is_taken()
    {
        var response = await server.SendAsync("PUT", "/_connectlocal/transitions/delays", """{"tdg-delete": 86400000}""");
        try
        {
            Assert.Equal(200, response.Status);
            Assert.Equal(86_400_000, JsonDocument.Parse(response.Body).RootElement.GetProperty("delays").GetProperty("tdg-delete").GetInt64());
        }
        finally
        {
            await server.SendAsync("PUT", "/_connectlocal/transitions/delays", """{"tdg-delete": null}""");
        }
    }

    [Fact]
    public async Task A_stored_out_of_range_delay_falls_back_to_the_configured_delay()
    {
        var store = server.GetRequiredService<IConnectStore>();
        store.Write(session => Transitions.SetDelays(session, new Dictionary<string, long?> { ["replication"] = long.MaxValue }));
        try
        {
            var state = await server.SendAsync("GET", "/_connectlocal/transitions");

            Assert.Equal(200, state.Status);
            Assert.Equal(0, JsonDocument.Parse(state.Body).RootElement.GetProperty("delays").GetProperty("replication").GetInt64());
        }
        finally
        {
            store.Write(session => Transitions.SetDelays(session, new Dictionary<string, long?> { ["replication"] = null }));
        }
    }

    [Theory]
    [InlineData("PUT", "/_connectlocal/routing/seed", "[1, 2]")]
    [InlineData("PUT", "/_connectlocal/routing/seed", "\"x\"")]
    [InlineData("POST", "/_connectlocal/routing/calls", """{"instanceId": "i", "region": "us-east-1", "patienceSeconds": 1e300}""")]
    [InlineData("POST", "/_connectlocal/routing/calls", "[]")]
    [InlineData("POST", "/_connectlocal/state", """{"format": "connectlocal-state", "formatVersion": "1", "accounts": null, "resources": []}""")]
    [InlineData("POST", "/_connectlocal/state", """{"resources": [], "format": "connectlocal-state", "formatVersion": 1, "accounts": null}""")]
    [InlineData("POST", "/_connectlocal/state", """{"format": "connectlocal-state", "formatVersion": 1, "accounts": null, "resources": [], "resources": []}""")]
    [InlineData("POST", "/_connectlocal/state", """{"format": "connectlocal-state", "formatVersion": 1, "accounts": null, "resources": [""")]
    [InlineData("POST", "/_connectlocal/state", """{"format": "connectlocal-state", "formatVersion": 1, "accounts": null, "resources": []} {}""")]
    [InlineData("POST", "/_connectlocal/faults", "[]")]
    [InlineData("POST", "/_connectlocal/transitions/hold", "7")]
    [InlineData("POST", "/_connectlocal/reset?account=12345", "{}")]
    [InlineData("POST", "/_connectlocal/reset?account=abcdefghijkl", "{}")]
    [InlineData("POST", "/_connectlocal/reset?account=111111111111&account=222222222222", "{}")]
    [InlineData("POST", "/_connectlocal/reset?acount=111111111111", "{}")]
    public async Task A_malformed_control_body_answers_a_json_400(string method, string path, string body) =>
        AssertBadRequest(await server.SendAsync(method, path, body));

    [Theory]
    [InlineData("~system")]
    [InlineData("12345")]
    [InlineData("00000000000a")]
    public async Task An_import_of_a_record_outside_a_12_digit_account_is_refused(string account)
    {
        var body = $$$"""
            {"format": "connectlocal-state", "formatVersion": 1, "accounts": null, "secrets": {},
             "resources": [{"account": "{{{account}}}", "region": "~system", "kind": "~transitions", "parent": "~transitions", "id": "x", "name": null, "version": 1, "data": {}}]}
            """;

        AssertBadRequest(await server.SendAsync("POST", "/_connectlocal/state", body));
    }

    [Theory]
    [InlineData("111111111111", "us-east-1", "instance", "", "i1", """{"Id": 5}""")]
    [InlineData("111111111111", "us-east-1", "instance", "", "i1", """{"Id": "other", "Arn": "a"}""")]
    [InlineData("111111111111", "us-east-1", "no-such-kind", "", "i1", "{}")]
    [InlineData("111111111111", "us-east-1", "queue", "i1", "q1", "{}")]
    [InlineData("111111111111", "~system", "instance", "", "i1", "{}")]
    [InlineData("~system", "~system", "status-transition", "~transitions", "t1", """{"Id": "t1"}""")]
    public async Task An_import_with_a_record_the_server_could_not_read_back_is_refused_whole(string account, string region, string kind, string parent, string id, string data)
    {
        var body = $$$"""
            {"format": "connectlocal-state", "formatVersion": 1, "accounts": null, "secrets": {},
             "resources": [{"account": "{{{account}}}", "region": "{{{region}}}", "kind": "{{{kind}}}", "parent": "{{{parent}}}", "id": "{{{id}}}", "name": null, "version": 1, "data": {{{data}}}}]}
            """;
        AssertBadRequest(await server.SendAsync("POST", "/_connectlocal/state", body));

        // Nothing was replaced: the store still answers as before.
        Assert.Equal(200, (await server.SendAsync("GET", "/_connectlocal/transitions")).Status);
    }

    [Fact]
    public async Task An_import_listing_one_resource_twice_is_refused_and_changes_nothing()
    {
        var record = """{"account": "333333333333", "region": "us-east-1", "kind": "no-such-kind", "parent": "", "id": "x", "name": null, "version": 1, "data": {}}""";
        var body = $$"""{"format": "connectlocal-state", "formatVersion": 1, "accounts": ["333333333333"], "resources": [{{record}}, {{record}}]}""";

        var response = await server.SendAsync("POST", "/_connectlocal/state", body);

        AssertBadRequest(response);
        Assert.Contains("resources[0]", response.Message, StringComparison.Ordinal); // the first bad record is named
        var valid = """{"account": "333333333333", "region": "us-east-1", "kind": "instance", "parent": "", "id": "00000000-0000-4000-8000-000000000001", "name": null, "version": 1, "data": {"Id": "00000000-0000-4000-8000-000000000001", "AccountId": "333333333333", "Region": "us-east-1", "IdentityManagementType": "CONNECT_MANAGED", "CreatedTime": "2026-01-01T00:00:00+00:00", "Status": "ACTIVE", "InboundCallsEnabled": true, "OutboundCallsEnabled": true}}""";
        var twice = $$"""{"format": "connectlocal-state", "formatVersion": 1, "accounts": ["333333333333"], "resources": [{{valid}}, {{valid}}]}""";

        var duplicate = await server.SendAsync("POST", "/_connectlocal/state", twice);

        AssertBadRequest(duplicate);
        Assert.Contains("appears more than once", duplicate.Message, StringComparison.Ordinal);
        var stored = await server.SendAsync("GET", "/_connectlocal/state?account=333333333333");
        Assert.Empty(JsonDocument.Parse(stored.Body).RootElement.GetProperty("resources").EnumerateArray());
    }

    [Fact]
    public void The_transition_worker_skips_a_transition_it_cannot_apply_and_applies_the_others()
    {
        var store = server.GetRequiredService<IConnectStore>();
        var scope = new ResourceScope("~system", "~system", "~transitions");
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        PendingTransition Pending(string id, string kind) =>
            new() { Id = id, TransitionKind = kind, AccountId = "111111111111", Region = "us-east-1", TargetId = "missing", DueAt = past };
        store.Write(session =>
        {
            session.Put(scope, Pending("00-bad", "no-such-kind"));
            session.Put(scope, Pending("01-good", TransitionKinds.TdgUpdate));
            return 0;
        });
        var worker = server.GetRequiredService<ConnectLocal.Server.Workers.TransitionWorker>();

        var applied = worker.RunOnce() + worker.RunOnce();

        Assert.True(worker.Skipped >= 1);
        Assert.Equal(0, worker.RunOnce());
        Assert.DoesNotContain(store.Read(Transitions.Pending), t => t.Id == "01-good");
        Assert.True(applied <= 1);
        store.Write(session =>
        {
            session.Delete<PendingTransition>(scope, "00-bad");
            return 0;
        });
    }

    [Fact]
    public async Task An_import_past_the_import_byte_limit_answers_413_without_reading_it_whole()
    {
        var filler = new string(' ', 128 * 1024);
        var body = $$"""{"format": "connectlocal-state", "formatVersion": 1, "accounts": null, "resources": []{{filler}}}""";

        var response = await server.SendAsync("POST", "/_connectlocal/state", body);

        Assert.Equal(413, response.Status);
        Assert.Contains("import-bytes", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_import_byte_limit_is_a_limits_flag()
    {
        Assert.Equal(1000, RequestLimits.Parse("import-bytes=1000", out _)!.ImportBytes);
        Assert.Null(RequestLimits.Parse("import-bytes=0", out _));
    }

    /// <summary>
    /// Random methods, paths and bodies at every control endpoint (seeded, so a failure repeats): none may answer
    /// 5xx. State-replacing imports are left out of the paths, so the run cannot wipe the fixture mid-way.
    /// </summary>
    [Fact]
    public async Task Random_requests_at_every_control_endpoint_never_answer_5xx()
    {
        string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
        string[] paths =
        [
            "/_connectlocal/health", "/_connectlocal/runtime", "/_connectlocal/faults", "/_connectlocal/faults/1", "/_connectlocal/faults/x",
            "/_connectlocal/routing/calls", "/_connectlocal/routing/contacts/c1", "/_connectlocal/routing/contacts/c1/accept",
            "/_connectlocal/routing/contacts/c1/complete", "/_connectlocal/routing/seed", "/_connectlocal/transitions",
            "/_connectlocal/transitions/hold", "/_connectlocal/transitions/release", "/_connectlocal/transitions/delays",
            "/_connectlocal/state?account=000000000000", "/_connectlocal/state?kind=x", "/_connectlocal/nothing/here",
            "/_connectlocal/reset?account=000000000000", "/_connectlocal/reset?account=x", "/_connectlocal/reset?region=x",
        ];
        string[] keys =
        [
            "seed", "patienceSeconds", "afterContactWorkSeconds", "instanceId", "region", "accountId", "phoneNumber", "queueId", "kind",
            "tdg-create", "tdg-update", "replication", "operation", "fault", "count", "latencyMs", "probability", "format", "formatVersion",
            "accounts", "resources", "secrets", "partial",
        ];
        string[] scalars =
        [
            "null", "true", "false", "0", "-1", "1e300", "-1e300", "9223372036854775807", "18446744073709551616", "1.5", "\"\"",
            "\"x\"", "\"us-east-1\"", "\"tdg-update\"", "\"ListInstances\"", "\"ThrottlingException\"", "\"latency\"", "\"connectlocal-state\"",
            "[]", "{}", "[1,\"a\"]", "{\"a\":{}}",
        ];
        var random = new Random(13);
        string Value(int depth) => random.Next(depth > 2 ? 1 : 4) switch
        {
            0 or 1 => scalars[random.Next(scalars.Length)],
            2 => "[" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => Value(depth + 1))) + "]",
            _ => Object(depth + 1),
        };
        string Object(int depth) =>
            "{" + string.Join(",", Enumerable.Range(0, random.Next(5)).Select(_ => JsonSerializer.Serialize(keys[random.Next(keys.Length)]) + ":" + Value(depth))) + "}";
        string? Body() => random.Next(6) switch
        {
            0 => null,
            1 => "{not json",
            2 => Value(0),
            _ => Object(0),
        };

        var failures = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            var (method, path, body) = (methods[random.Next(methods.Length)], paths[random.Next(paths.Length)], Body());
            var response = await server.SendAsync(method, path, body);
            if (response.Status >= 500)
            {
                failures.Append(method).Append(' ').Append(path).Append(' ').Append(body).Append(" → ").Append(response.Status).AppendLine();
            }
        }

        await server.SendAsync("DELETE", "/_connectlocal/faults");
        Assert.True(failures.Length == 0, failures.ToString());
    }
}
