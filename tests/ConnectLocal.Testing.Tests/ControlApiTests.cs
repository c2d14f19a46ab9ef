using ConnectLocal.Testing;

namespace ConnectLocal.Testing.Tests;

public sealed class ControlApiTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_placed_call_is_queued_then_ends_when_the_customer_hangs_up()
    {
        await using var server = await ConnectLocalTestServer.StartAsync();
        var instance = await Connect.CreateInstanceAsync(server, server.Credentials, "calls");

        var call = await server.PlaceCallAsync(instance, server.Region, queueId: null, accountId: server.Credentials.AccountId);

        Assert.Equal("QUEUED", call.State);
        Assert.Equal(instance, call.InstanceId);
        Assert.Equal("VOICE", call.Channel);
        Assert.Equal("INBOUND", call.InitiationMethod);
        Assert.Equal("QUEUED", (await server.GetContactAsync(call.ContactId)).State);

        var ended = await server.HangUpAsync(call.ContactId);

        Assert.Equal("ENDED", ended.State);
        Assert.NotNull(ended.EndedAt);
    }

    [Fact]
    public async Task Agent_regions_list_the_instances_agents_where_they_work()
    {
        await using var server = await ConnectLocalTestServer.StartAsync();
        var instance = await Connect.CreateInstanceAsync(server, server.Credentials, "agent-regions");
        var profile = (await Connect.SendAsync(server, server.Credentials, HttpMethod.Get, $"routing-profiles-summary/{instance}", null))
            .GetProperty("RoutingProfileSummaryList")[0].GetProperty("Id").GetString()!;
        var security = (await Connect.SendAsync(server, server.Credentials, HttpMethod.Get, $"security-profiles-summary/{instance}", null))
            .GetProperty("SecurityProfileSummaryList")[0].GetProperty("Id").GetString()!;
        var user = (await Connect.SendAsync(server, server.Credentials, HttpMethod.Put, $"users/{instance}", new
        {
            Username = "ada",
            Password = "Passw0rd-Example1",
            IdentityInfo = new { FirstName = "Ada", LastName = "Agent" },
            PhoneConfig = new { PhoneType = "SOFT_PHONE" },
            SecurityProfileIds = new[] { security },
            RoutingProfileId = profile,
        })).GetProperty("UserId").GetString()!;

        var agents = await server.GetAgentRegionsAsync(instance, server.Region, server.Credentials.AccountId);

        var agent = Assert.Single(agents);
        Assert.Equal((user, server.Region, "NONE"), (agent.UserId, agent.ActiveRegion, agent.RegionChange));
        Assert.Empty(agent.ContactIds);
        Assert.Null(agent.CompletedAt);
        Assert.Equal(user, (await server.GetAgentRegionAsync(instance, server.Region, user, server.Credentials.AccountId)).UserId);
        var unknown = await Assert.ThrowsAsync<ConnectLocalControlException>(() => server.GetAgentRegionAsync(instance, server.Region, "no-such-user", server.Credentials.AccountId));
        Assert.Equal(404, unknown.StatusCode);
    }

    [Fact]
    public async Task A_refused_control_request_raises_the_error_it_answered()
    {
        await using var server = await ConnectLocalTestServer.StartAsync();

        var unknown = await Assert.ThrowsAsync<ConnectLocalControlException>(() => server.AcceptContactAsync("no-such-contact"));
        Assert.Equal(404, unknown.StatusCode);
        Assert.Equal("ResourceNotFoundException", unknown.ErrorCode);

        var badKind = await Assert.ThrowsAsync<ConnectLocalControlException>(() => server.HoldTransitionsAsync("no-such-kind"));
        Assert.Equal(400, badKind.StatusCode);
    }

    [Fact]
    public async Task Transition_holds_delays_and_release_round_trip()
    {
        await using var server = await ConnectLocalTestServer.StartAsync();

        var held = await server.HoldTransitionsAsync("tdg-update");
        Assert.Equal(["tdg-update"], held.Held);

        var delayed = await server.SetTransitionDelaysAsync(new Dictionary<string, TimeSpan?> { ["tdg-create"] = TimeSpan.FromSeconds(2) });
        Assert.Equal(2000, delayed.Delays["tdg-create"]);

        var released = await server.ReleaseTransitionsAsync();
        Assert.Empty(released.Held);
        Assert.Equal(0, released.Applied);
        Assert.Empty((await server.GetTransitionsAsync()).Pending);
    }

    [Fact]
    public async Task Virtual_time_moves_only_when_advanced_and_runs_the_routing_timers()
    {
        await using var server = await ConnectLocalTestServer.StartAsync(new ConnectLocalTestOptions { VirtualTime = true, VirtualTimeStart = Start });
        var instance = await Connect.CreateInstanceAsync(server, server.Credentials, "virtual");

        var call = await server.PlaceCallAsync(instance, server.Region, queueId: null, accountId: server.Credentials.AccountId, patience: TimeSpan.FromMinutes(2));
        Assert.Equal(Start, call.EnqueuedAt);
        await Task.Delay(200);
        Assert.Equal("QUEUED", (await server.GetContactAsync(call.ContactId)).State);

        server.AdvanceTime(TimeSpan.FromMinutes(3));

        var gaveUp = await server.GetContactAsync(call.ContactId);
        Assert.Equal("ENDED", gaveUp.State);
        Assert.Equal(Start.AddMinutes(2), gaveUp.EndedAt);
        Assert.Equal(Start.AddMinutes(3), server.UtcNow);
    }

    [Fact]
    public async Task Advancing_a_real_time_server_is_refused()
    {
        await using var server = await ConnectLocalTestServer.StartAsync();

        Assert.False(server.VirtualTime);
        Assert.Throws<InvalidOperationException>(() => server.AdvanceTime(TimeSpan.FromSeconds(1)));
    }
}
