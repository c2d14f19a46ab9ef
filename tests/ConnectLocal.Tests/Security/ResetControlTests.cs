using System.Text.Json;
using ConnectLocal.Server.Routing;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>POST /_connectlocal/reset removes every resource of the whole store or of one account, and says what it removed.</summary>
public sealed class ResetControlTests : IAsyncLifetime
{
    private const string KeyA = "111111111111";
    private const string KeyB = "222222222222";
    private readonly ConnectLocalServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private static string Auth(string key) => ConnectLocalServer.Authorization.Replace("AKIDEXAMPLE", key, StringComparison.Ordinal);

    /// <summary>Creates an instance as the caller with <paramref name="key"/>; answers its account (from its ARN).</summary>
    private async Task<string> CreateInstanceAsync(string key, string alias)
    {
        var created = await _server.SendAsync("PUT", "/instance",
            $$"""{"IdentityManagementType": "CONNECT_MANAGED", "InstanceAlias": "{{alias}}", "InboundCallsEnabled": true, "OutboundCallsEnabled": true}""", Auth(key));
        Assert.True(created.Status == 200, created.ToString());
        return created.Field("Arn")!.Split(':')[4];
    }

    private async Task<int> InstanceCountAsync(string key)
    {
        var list = await _server.SendAsync("GET", "/instance", (string?)null, Auth(key));
        Assert.True(list.Status == 200, list.ToString());
        return JsonDocument.Parse(list.Body).RootElement.GetProperty("InstanceSummaryList").GetArrayLength();
    }

    [Fact]
    public async Task A_reset_of_one_account_removes_its_resources_and_leaves_the_others()
    {
        var a = await CreateInstanceAsync(KeyA, "reset-a");
        var b = await CreateInstanceAsync(KeyB, "reset-b");
        Assert.NotEqual(a, b);

        var reset = await _server.SendAsync("POST", $"/_connectlocal/reset?account={a}");

        Assert.True(reset.Status == 200, reset.ToString());
        using var answer = JsonDocument.Parse(reset.Body);
        Assert.Equal(a, answer.RootElement.GetProperty("account").GetString());
        Assert.True(answer.RootElement.GetProperty("removed").GetInt32() >= 1, reset.Body);
        Assert.Equal(1, answer.RootElement.GetProperty("kinds").GetProperty("instance").GetInt32());
        Assert.Equal([a], answer.RootElement.GetProperty("accounts").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(0, await InstanceCountAsync(KeyA));
        Assert.Equal(1, await InstanceCountAsync(KeyB));
        // The alias is free again in the reset account.
        await CreateInstanceAsync(KeyA, "reset-a");
    }

    [Fact]
    public async Task A_reset_without_an_account_empties_the_whole_store()
    {
        var a = await CreateInstanceAsync(KeyA, "reset-all-a");
        var b = await CreateInstanceAsync(KeyB, "reset-all-b");

        var reset = await _server.SendAsync("POST", "/_connectlocal/reset");

        Assert.True(reset.Status == 200, reset.ToString());
        using var answer = JsonDocument.Parse(reset.Body);
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("account").ValueKind);
        Assert.Equal(2, answer.RootElement.GetProperty("kinds").GetProperty("instance").GetInt32());
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), answer.RootElement.GetProperty("accounts").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(0, await InstanceCountAsync(KeyA));
        Assert.Equal(0, await InstanceCountAsync(KeyB));
        var again = await _server.SendAsync("POST", "/_connectlocal/reset");
        Assert.Equal(0, JsonDocument.Parse(again.Body).RootElement.GetProperty("removed").GetInt32());
    }

    [Fact]
    public async Task Reset_answers_post_only()
    {
        var response = await _server.SendAsync("GET", "/_connectlocal/reset");
        Assert.True(response.Status == 405, response.ToString());
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    [Fact]
    public async Task The_reset_answer_counts_the_contacts_the_routing_engine_forgot_and_they_are_gone()
    {
        var a = await CreateInstanceAsync(KeyA, "reset-contacts-a");
        var b = await CreateInstanceAsync(KeyB, "reset-contacts-b");
        var routing = _server.GetRequiredService<RoutingHost>();
        async Task EnqueueAsync(string key, string account, string contactId)
        {
            var list = await _server.SendAsync("GET", "/instance", (string?)null, Auth(key));
            var instanceId = JsonDocument.Parse(list.Body).RootElement.GetProperty("InstanceSummaryList")[0].GetProperty("Id").GetString()!;
            routing.Use(new ConnectLocal.Core.Common.Caller(account, "us-east-1", DateTimeOffset.UtcNow, "r"), instanceId,
                (r, _) => routing.Enqueue(r, new ConnectLocal.Core.Routing.ContactRequest("us-east-1", "q", ConnectLocal.Core.Routing.RoutingChannel.Task,
                    ConnectLocal.Core.Routing.ContactInitiation.Api, contactId)));
        }

        await EnqueueAsync(KeyA, a, "contact-a");
        await EnqueueAsync(KeyB, b, "contact-b");

        var reset = await _server.SendAsync("POST", $"/_connectlocal/reset?account={a}");

        Assert.Equal(1, JsonDocument.Parse(reset.Body).RootElement.GetProperty("contacts").GetInt32());
        Assert.Null(routing.UseContact("contact-a", (_, c) => c));
        Assert.NotNull(routing.UseContact("contact-b", (_, c) => c));
    }
}
