using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Options;
using ConnectLocal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Tests.Security;

/// <summary>/_connectlocal/faults: injected throttling, internal errors and latency, seeded so that runs repeat.</summary>
public sealed class FaultInjectionTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>, IAsyncLifetime
{
    private const string Faults = "/_connectlocal/faults";
    private const string ListInstances = "/instance";

    public async Task InitializeAsync() => Assert.Equal(200, (await server.SendAsync("DELETE", Faults)).Status);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> AddAsync(string json)
    {
        var response = await server.SendAsync("POST", Faults, json);
        Assert.Equal(200, response.Status);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.GetProperty("fault").Clone();
    }

    private async Task<string> OutcomesAsync(string target, int count, string? authorization = ConnectLocalServer.Authorization)
    {
        var outcomes = new List<char>();
        for (var i = 0; i < count; i++)
        {
            var response = await server.SendAsync("GET", target, authorization: authorization);
            outcomes.Add(response.ErrorType switch
            {
                null => '.',
                "ThrottlingException" => 'T',
                "InternalServiceException" => 'E',
                _ => '?',
            });
        }

        return new string([.. outcomes]);
    }

    [Fact]
    public async Task An_injected_throttling_fault_answers_429_ThrottlingException_as_many_times_as_asked()
    {
        var fault = await AddAsync("""{"operation": "ListInstances", "fault": "ThrottlingException", "count": 2}""");

        var first = await server.SendAsync("GET", ListInstances);
        Assert.Equal((429, "ThrottlingException"), (first.Status, first.ErrorType));
        Assert.Equal($"Rate exceeded (injected by ConnectLocal fault {fault.GetProperty("id").GetInt32()})", first.Message);
        Assert.Equal("TT...", "T" + await OutcomesAsync(ListInstances, 4));
    }

    [Fact]
    public async Task An_injected_internal_error_answers_500_InternalServiceException()
    {
        await AddAsync("""{"operation": "ListInstances", "fault": "InternalServiceException", "count": 1}""");

        var response = await server.SendAsync("GET", ListInstances);

        Assert.Equal((500, "InternalServiceException"), (response.Status, response.ErrorType));
        Assert.StartsWith("Internal service error (injected by ConnectLocal fault ", response.Message, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(response.Header("x-amzn-RequestId"), out _));
    }

    [Fact]
    public async Task Injected_latency_delays_the_answer()
    {
        await AddAsync("""{"operation": "ListInstances", "fault": "latency", "latencyMs": 400}""");
        var clock = Stopwatch.StartNew();

        var response = await server.SendAsync("GET", ListInstances);

        Assert.Equal(200, response.Status);
        Assert.True(clock.ElapsedMilliseconds >= 400, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_fault_applies_only_to_its_operation()
    {
        await AddAsync("""{"operation": "DescribeInstance", "fault": "ThrottlingException"}""");

        Assert.Equal("...", await OutcomesAsync(ListInstances, 3));
        Assert.Equal("TT", await OutcomesAsync("/instance/abc", 2));
    }

    [Fact]
    public async Task A_star_fault_applies_to_every_operation()
    {
        await AddAsync("""{"operation": "*", "fault": "InternalServiceException"}""");

        Assert.Equal("EE", await OutcomesAsync(ListInstances, 2));
        Assert.Equal("E", await OutcomesAsync("/agent-status/inst-1", 1));
    }

    [Fact]
    public async Task A_fault_for_one_account_leaves_the_others_alone()
    {
        await AddAsync("""{"operation": "*", "fault": "ThrottlingException", "accountId": "123456789012"}""");
        var other = ConnectLocalServer.Authorization.Replace("AKIDEXAMPLE", "123456789012", StringComparison.Ordinal);

        Assert.Equal("..", await OutcomesAsync(ListInstances, 2));
        Assert.Equal("TT", await OutcomesAsync(ListInstances, 2, other));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults_and_another_seed_others()
    {
        await AddAsync("""{"operation": "ListInstances", "fault": "ThrottlingException", "probability": 0.5, "seed": 42}""");
        var first = await OutcomesAsync(ListInstances, 40);
        await server.SendAsync("DELETE", Faults);
        await AddAsync("""{"operation": "ListInstances", "fault": "ThrottlingException", "probability": 0.5, "seed": 42}""");
        var again = await OutcomesAsync(ListInstances, 40);
        await server.SendAsync("DELETE", Faults);
        await AddAsync("""{"operation": "ListInstances", "fault": "ThrottlingException", "probability": 0.5, "seed": 7}""");
        var other = await OutcomesAsync(ListInstances, 40);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Count(c => c == 'T'), 8, 32);
    }

    [Fact]
    public async Task Faults_are_listed_with_what_they_injected_and_removed_one_by_one()
    {
        var throttle = await AddAsync("""{"operation": "ListInstances", "fault": "ThrottlingException", "count": 3, "seed": 5}""");
        var latency = await AddAsync("""{"operation": "*", "fault": "latency", "latencyMs": 1, "probability": 0.25}""");
        await OutcomesAsync(ListInstances, 2);

        var listed = await server.SendAsync("GET", Faults);
        using (var document = JsonDocument.Parse(listed.Body))
        {
            var faults = document.RootElement.GetProperty("faults").EnumerateArray().ToList();
            Assert.Equal(2, faults.Count);
            Assert.Equal(
                """{"id":ID,"operation":"ListInstances","fault":"ThrottlingException","probability":1,"count":3,"remaining":1,"seed":5,"injected":2}""".Replace("ID", throttle.GetProperty("id").ToString(), StringComparison.Ordinal),
                faults[0].GetRawText());
            Assert.Equal(latency.GetProperty("id").GetInt32(), faults[1].GetProperty("id").GetInt32());
            Assert.Equal(latency.GetProperty("id").GetInt32(), faults[1].GetProperty("seed").GetInt32());
        }

        Assert.Equal(200, (await server.SendAsync("DELETE", $"{Faults}/{throttle.GetProperty("id")}")).Status);
        Assert.Equal("..", await OutcomesAsync(ListInstances, 2));
        var gone = await server.SendAsync("DELETE", $"{Faults}/{throttle.GetProperty("id")}");
        Assert.Equal((404, "ResourceNotFoundException"), (gone.Status, gone.ErrorType));
    }

    [Fact]
    public async Task Clearing_removes_every_fault()
    {
        await AddAsync("""{"operation": "*", "fault": "ThrottlingException"}""");

        await server.SendAsync("DELETE", Faults);

        Assert.Equal("..", await OutcomesAsync(ListInstances, 2));
        Assert.Equal("""{"faults":[]}""", (await server.SendAsync("GET", Faults)).Body);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""[]""")]
    [InlineData("""{"fault": "ThrottlingException"}""")]
    [InlineData("""{"operation": "NoSuchOperation", "fault": "ThrottlingException"}""")]
    [InlineData("""{"operation": "*", "fault": "AccessDeniedException"}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "probability": 1.5}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "probability": "half"}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "count": 0}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "count": 1.5}""")]
    [InlineData("""{"operation": "*", "fault": "latency"}""")]
    [InlineData("""{"operation": "*", "fault": "latency", "latencyMs": 60001}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "latencyMs": 5}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "seed": 0.5}""")]
    [InlineData("""{"operation": "*", "fault": "ThrottlingException", "accountId": "12"}""")]
    public async Task A_wrong_fault_is_refused_with_an_AWS_shaped_400(string json)
    {
        var response = await server.SendAsync("POST", Faults, json);

        Assert.Equal((400, "InvalidRequestException"), (response.Status, response.ErrorType));
        Assert.Contains("expected {\"operation\"", response.Message, StringComparison.Ordinal);
        Assert.Equal("""{"faults":[]}""", (await server.SendAsync("GET", Faults)).Body);
    }

    [Theory]
    [InlineData("PUT", Faults)]
    [InlineData("GET", Faults + "/1")]
    [InlineData("DELETE", Faults + "/x")]
    public async Task Other_methods_and_paths_answer_404(string method, string path)
    {
        var response = await server.SendAsync(method, path, "{}");

        Assert.Equal((404, "ResourceNotFoundException"), (response.Status, response.ErrorType));
    }

    [Theory]
    [InlineData("203.0.113.9", "/_connectlocal/faults", true)]
    [InlineData("203.0.113.9", "/_connectlocal/transitions", true)]
    [InlineData("203.0.113.9", "/_connectlocal/health", false)]
    [InlineData("203.0.113.9", "/_connectlocal/runtime", true)]
    [InlineData("127.0.0.1", "/_connectlocal/faults", false)]
    [InlineData("::1", "/_connectlocal/faults", false)]
    [InlineData("::ffff:127.0.0.1", "/_connectlocal/faults", false)]
    public async Task The_control_API_refuses_remote_callers(string remote, string path, bool refused)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(new ServerOptions()).BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();

        Assert.Equal(refused, await ControlAccess.RefuseAsync(http));
        if (refused)
        {
            Assert.Equal(403, http.Response.StatusCode);
            Assert.Equal("AccessDeniedException", http.Response.Headers["x-amzn-ErrorType"]);
        }
    }

    [Fact]
    public async Task Runtime_counters_come_from_the_process_and_move_with_it()
    {
        static async Task<JsonElement> Runtime(ConnectLocalServer server)
        {
            var response = await server.SendAsync("GET", "/_connectlocal/runtime");
            Assert.Equal(200, response.Status);
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.Clone();
        }

        var before = await Runtime(server);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = await Runtime(server);

        Assert.True(after.GetProperty("gen2Collections").GetInt32() > before.GetProperty("gen2Collections").GetInt32());
        Assert.True(after.GetProperty("allocatedBytes").GetInt64() >= before.GetProperty("allocatedBytes").GetInt64());
        Assert.True(after.GetProperty("gcPauseMilliseconds").GetDouble() >= before.GetProperty("gcPauseMilliseconds").GetDouble());
        Assert.True(after.GetProperty("threadPoolThreads").GetInt32() > 0);
        Assert.Equal(
            ["gen0Collections", "gen1Collections", "gen2Collections", "gcPauseMilliseconds", "lastGcPauseMilliseconds", "allocatedBytes",
             "heapBytes", "committedBytes", "threadPoolThreads", "threadPoolPendingWorkItems", "lockContentions"],
            after.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_remote_flag_opens_the_control_API()
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(new ServerOptions { AllowUnauthenticatedRemote = true }).BuildServiceProvider(),
        };
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        http.Request.Path = "/_connectlocal/faults";

        Assert.False(await ControlAccess.RefuseAsync(http));
    }
}
