using System.Net;
using System.Text;
using ConnectLocal.Server.Control;
using ConnectLocal.Server.Dashboard;
using ConnectLocal.Server.Options;
using ConnectLocal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ConnectLocal.Tests.Dashboard;

/// <summary>
/// The dashboard's server side in-process (docs/dashboard.md); the pages themselves are driven in headless Chromium by
/// tests/dashboard. A browser's GET / lands on the dashboard, an SDK request never does, the dashboard has the control
/// API's access rules, and no request at its endpoints answers 5xx.
/// </summary>
public sealed class DashboardTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>
{
    private static readonly KeyValuePair<string, string>[] BrowserAccept = [new("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")];

    [Fact]
    public async Task A_browser_asking_for_the_root_as_html_lands_on_the_dashboard()
    {
        var response = await server.SendAsync("GET", "/", content: null, authorization: null, extraHeaders: BrowserAccept);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("<title>Instances · ConnectLocal</title>", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_request_for_the_root_gets_the_Connect_answer_even_when_it_accepts_html()
    {
        var response = await server.SendAsync("GET", "/", content: null, extraHeaders: BrowserAccept);
        Assert.NotNull(response.ErrorType);
        Assert.DoesNotContain("<html", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_and_script_are_served_and_nothing_else_is()
    {
        Assert.Equal(200, (await server.SendAsync("GET", "/_connectlocal/ui/assets/dashboard.js", json: null, authorization: null)).Status);
        Assert.Equal(200, (await server.SendAsync("GET", "/_connectlocal/ui/assets/dashboard.css", json: null, authorization: null)).Status);
        Assert.Equal(404, (await server.SendAsync("GET", "/_connectlocal/ui/assets/ConnectLocal.Server.dll", json: null, authorization: null)).Status);
    }

    [Theory]
    [InlineData("/_connectlocal/ui/traffic/000000000000/us-east-1/g1")]
    [InlineData("/_connectlocal/ui/simulations/run?example=chat-concurrency.json")]
    public async Task A_change_without_the_pages_header_is_refused_before_it_runs(string path)
    {
        var response = await server.SendAsync("POST", path, "{}", authorization: null);
        Assert.Equal(403, response.Status);
        Assert.Equal("AccessDeniedException", response.ErrorType);
    }

    [Fact]
    public async Task Random_requests_at_the_dashboard_never_answer_5xx()
    {
        string[] methods = ["GET", "POST", "PUT", "DELETE"];
        string[] paths =
        [
            "/_connectlocal/ui", "/_connectlocal/ui/", "/_connectlocal/ui/login", "/_connectlocal/ui/search?q=", "/_connectlocal/ui/search?q=arn:aws:connect:us-east-1:000000000000:instance/x",
            "/_connectlocal/ui/search?q=%00", "/_connectlocal/ui/instances/000000000000/us-east-1/nope", "/_connectlocal/ui/instances/x/y/z/flows/f",
            "/_connectlocal/ui/traffic/000000000000/us-east-1/nope", "/_connectlocal/ui/simulations",
            "/_connectlocal/ui/simulations/run?example=../../etc/passwd", "/_connectlocal/ui/assets/x",
            "/_connectlocal/ui/instances/000000000000/us-east-1/nope/contacts/c1", "/_connectlocal/ui/instances/x/y/z/contacts/%2F..%2F",
            "/_connectlocal/ui/search?q=arn:aws:connect:us-east-1:000000000000:instance/x/contact/c1",
        ];
        string[] bodies = ["", "{}", "{not json", "[]", "{\"TelephonyConfig\":{}}", "name: x\n", "token=abc"];
        var random = new Random(20);
        var failures = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var (method, path, body) = (methods[random.Next(methods.Length)], paths[random.Next(paths.Length)], bodies[random.Next(bodies.Length)]);
            var response = await server.SendAsync(method, path, new StringContent(body), authorization: null, extraHeaders: [new(DashboardEndpoints.ScriptHeader, "1")]);
            if (response.Status >= 500)
            {
                failures.Add($"{method} {path} {body} -> {response.Status} {response.Body}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("scenario.json", "{not json", "not valid JSON")]
    [InlineData("scenario.yaml", "a: [", "not valid YAML")]
    [InlineData("scenario.json", "[]", "must be a JSON object")]
    public async Task A_scenario_that_cannot_be_read_answers_400_with_the_simulators_message(string name, string body, string message)
    {
        var response = await server.SendAsync("POST", "/_connectlocal/ui/simulations/run?name=" + name, new StringContent(body), authorization: null, extraHeaders: [new(DashboardEndpoints.ScriptHeader, "1")]);
        Assert.Equal(400, response.Status);
        Assert.Contains(message, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flow_graph_draws_each_action_once_and_joins_branches_to_one_target()
    {
        const string content = """
            {"Version":"2019-10-30","StartAction":"a","Actions":[
              {"Identifier":"a","Type":"MessageParticipant","Parameters":{"Text":"<hi>"},"Transitions":{"NextAction":"b","Errors":[{"NextAction":"b","ErrorType":"NoMatchingError"},{"NextAction":"b","ErrorType":"Other"}]}},
              {"Identifier":"b","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}},
              {"Identifier":"orphan","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}
            """;
        var svg = FlowGraph.Render(content)!;
        Assert.Equal(3, svg.Split("class=\"action\"").Length - 1);
        Assert.Equal(2, svg.Split("<path class=\"edge").Length - 1);
        Assert.Contains(">NoMatchingError, Other</text>", svg, StringComparison.Ordinal);
        Assert.Null(FlowGraph.Render("not json"));
    }
}

/// <summary>The dashboard's access rules and its live streams, without a server.</summary>
public sealed class DashboardAccessAndFeedsTests
{
    [Theory]
    [InlineData("/_connectlocal/ui", false)]
    [InlineData("/_connectlocal/ui/login", false)]
    [InlineData("/_connectlocal/ui/assets/dashboard.js", false)]
    [InlineData("/_connectlocal/ui/instances/000000000000/us-east-1/i1/live", false)]
    [InlineData("/_connectlocal/ui/instances/000000000000/us-east-1/i1/contacts/c1", false)]
    [InlineData("/_connectlocal/ui", true)]
    [InlineData("/_connectlocal/ui/instances/000000000000/us-east-1/i1/contacts/c1", true)]
    public async Task A_remote_browser_reaches_the_dashboard_only_with_the_APIs_remote_opt_in(string path, bool optIn)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(new ServerOptions { AllowUnauthenticatedRemote = optIn }).BuildServiceProvider(),
        };
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();

        Assert.Equal(!optIn, await ControlAccess.RefuseAsync(http));
        if (!optIn)
        {
            Assert.Equal(403, http.Response.StatusCode);
            Assert.Equal("AccessDeniedException", http.Response.Headers["x-amzn-ErrorType"]);
        }
    }

    [Fact]
    public async Task Pages_watching_the_same_thing_share_one_sampler_that_stops_with_the_last_page()
    {
        var feeds = new LiveFeeds();
        var samples = 0;
        string Sample()
        {
            Interlocked.Increment(ref samples);
            return "{\"n\":1}";
        }

        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var (a, b) = (Page(first.Token), Page(second.Token));
        var streams = new[] { feeds.StreamAsync(a, "instance/x", Sample), feeds.StreamAsync(b, "instance/x", Sample) };
        for (var i = 0; i < 200 && Volatile.Read(ref samples) < 3; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(Volatile.Read(ref samples) >= 3, "the sampler runs while pages listen");
        Assert.Equal(1, feeds.Running);
        await first.CancelAsync();
        await streams[0];
        Assert.Equal(1, feeds.Running);
        await second.CancelAsync();
        await streams[1];
        Assert.Equal(0, feeds.Running);

        // An unchanged sample is sent once to each page; after the last page no sampling goes on.
        Assert.Equal(["data: {\"n\":1}"], Events(a));
        Assert.Equal(["data: {\"n\":1}"], Events(b));
        await Task.Delay(LiveFeeds.SampleInterval * 2);
        var stopped = Volatile.Read(ref samples);
        await Task.Delay(LiveFeeds.SampleInterval * 3);
        Assert.Equal(stopped, Volatile.Read(ref samples));
    }

    [Fact]
    public async Task A_changed_sample_is_sent_and_an_unchanged_one_is_not()
    {
        var feeds = new LiveFeeds();
        var samples = 0;
        string Sample() => Interlocked.Increment(ref samples) < 3 ? "1" : "2";
        using var cancel = new CancellationTokenSource();
        var page = Page(cancel.Token);
        var stream = feeds.StreamAsync(page, "contact/x", Sample);
        for (var i = 0; i < 200 && Volatile.Read(ref samples) < 5; i++)
        {
            await Task.Delay(50);
        }

        await cancel.CancelAsync();
        await stream;
        Assert.Equal(["data: 1", "data: 2"], Events(page));
        Assert.Equal("text/event-stream", page.Response.ContentType);
    }

    private static DefaultHttpContext Page(CancellationToken aborted) => new() { RequestAborted = aborted, Response = { Body = new MemoryStream() } };

    private static string[] Events(HttpContext page) =>
        Encoding.UTF8.GetString(((MemoryStream)page.Response.Body).ToArray()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>In strict mode without --control-token the dashboard is closed, as the control API is.</summary>
public sealed class StrictDashboardTests(StrictServer server) : IClassFixture<StrictServer>
{
    [Theory]
    [InlineData("/_connectlocal/ui")]
    [InlineData("/_connectlocal/ui/login")]
    [InlineData("/_connectlocal/ui/simulations")]
    public async Task Strict_mode_without_a_control_token_closes_the_dashboard(string path)
    {
        var response = await server.SendAsync("GET", path, json: null, authorization: null);
        Assert.Equal(403, response.Status);
        Assert.Equal("AccessDeniedException", response.ErrorType);
    }
}
