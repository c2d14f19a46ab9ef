using ConnectLocal.Protocol;
using ConnectLocal.Server.Options;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>A strict-mode server started with a control token.</summary>
public sealed class StrictControlServer() : ConnectLocalServer(options => options with
{
    Authentication = AuthenticationMode.Strict,
    AccessKeys = new Dictionary<string, AccessKey> { [StrictServer.Alice.AccessKeyId] = StrictServer.Alice },
    ControlToken = Token,
})
{
    public const string Token = "control-token-for-tests-0123456789";
}

/// <summary>In strict mode the control API is closed without --control-token (its signatures would otherwise be bypassed).</summary>
public sealed class StrictControlAccessTests(StrictServer server) : IClassFixture<StrictServer>
{
    [Theory]
    [InlineData("GET", "/_connectlocal/state")]
    [InlineData("POST", "/_connectlocal/state")]
    [InlineData("POST", "/_connectlocal/faults")]
    [InlineData("PUT", "/_connectlocal/transitions/delays")]
    [InlineData("GET", "/_connectlocal/transitions")]
    [InlineData("POST", "/_connectlocal/reset")]
    public async Task Without_a_control_token_a_strict_server_refuses_every_control_endpoint(string method, string path)
    {
        var response = await server.SendAsync(method, path, "{}", authorization: null);

        Assert.Equal((403, "AccessDeniedException"), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task A_strict_server_keeps_the_health_check_open() =>
        Assert.Equal(200, (await server.SendAsync("GET", "/_connectlocal/health", authorization: null)).Status);
}

/// <summary>With --control-token the control API takes exactly <c>Authorization: Bearer TOKEN</c>.</summary>
public sealed class ControlTokenTests(StrictControlServer server) : IClassFixture<StrictControlServer>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-0123456789abcdef")]
    [InlineData("Bearer " + StrictControlServer.Token + "x")]
    [InlineData("bearer " + StrictControlServer.Token)]
    [InlineData(ConnectLocalServer.Authorization)]
    public async Task A_request_without_the_token_is_refused(string? authorization)
    {
        var response = await server.SendAsync("GET", "/_connectlocal/state", authorization: authorization);

        Assert.Equal((403, "AccessDeniedException"), (response.Status, response.ErrorType));
        Assert.DoesNotContain("secrets", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_opens_the_control_api()
    {
        var response = await server.SendAsync("GET", "/_connectlocal/transitions", authorization: "Bearer " + StrictControlServer.Token);

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("short-token")]
    [InlineData("a token with spaces in it")]
    public void A_short_or_spaced_control_token_stops_start_up(string token)
    {
        Assert.Null(ServerOptions.Parse(["--control-token", token], _ => null, out var error));
        Assert.Contains("--control-token", error, StringComparison.Ordinal);
    }
}
