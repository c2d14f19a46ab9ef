using ConnectLocal.Core.Common;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Users;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// Global Resiliency as routing sees it: the telephony split of calls, the agent distribution and sign-in config
/// read from the stored records (through the domain services, as the API would set them), and what happens to calls
/// shifted to a Region without agents.
/// </summary>
public sealed class GlobalResiliencyRoutingTests : IDisposable
{
    private const string East = EngineFixture.East;
    private const string West = EngineFixture.West;

    private readonly SqliteStore _store = SqliteStore.OpenInMemory();
    private readonly ConnectSettings _settings = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Telephony_split_is_the_same_for_the_same_seed_and_follows_the_percentages()
    {
        IReadOnlyList<RegionShare> seventyThirty = [new(East, 70), new(West, 30)];

        var first = Enumerable.Range(0, 20_000).Select(n => TrafficSplit.RegionForCall(seventyThirty, 42, n)).ToList();
        var again = Enumerable.Range(0, 20_000).Select(n => TrafficSplit.RegionForCall(seventyThirty, 42, n)).ToList();
        var otherSeed = Enumerable.Range(0, 20_000).Select(n => TrafficSplit.RegionForCall(seventyThirty, 7, n)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        // 20,000 calls at p = 0.7: the standard deviation of the count is 65, so ±1 % (200 calls) is over 3 sigma.
        Assert.InRange(first.Count(r => r == East), 13_800, 14_200);
        Assert.All(Enumerable.Range(0, 1000), n => Assert.Equal(West, TrafficSplit.RegionForCall([new(East, 0), new(West, 100)], 42, n)));
    }

    [Fact]
    public void Agent_distribution_places_exact_shares_and_shifting_moves_only_the_extra_agents()
    {
        var users = Enumerable.Range(0, 10).Select(i => $"user-{i}").ToList();

        var seventy = TrafficSplit.PlaceAgents(users, [new(East, 70), new(West, 30)]);
        var sixty = TrafficSplit.PlaceAgents(users, [new(East, 60), new(West, 40)]);

        Assert.Equal(7, seventy.Values.Count(r => r == East));
        Assert.Equal(6, sixty.Values.Count(r => r == East));
        Assert.Single(users, u => seventy[u] != sixty[u]);
        Assert.All(users, u => Assert.True(seventy[u] == sixty[u] || (seventy[u] == East && sixty[u] == West)));
    }

    [Fact]
    public void Users_of_a_group_work_where_the_agent_distribution_puts_them_and_other_users_where_they_were_created()
    {
        var world = ReplicatedInstance(agents: 10);
        world.AssociateAll();
        var loner = world.CreateUser("loner");
        var groupOnly = world.Users.Where(u => u != loner).ToList();
        world.Traffic.UpdateDistribution(world.Caller, world.DefaultGroup.Id, new DistributionUpdate(null, null, [new(East, 30), new(West, 70)]));

        var snapshot = world.Snapshot();

        var regions = snapshot.Agents.ToDictionary(a => a.UserId, a => a.Region);
        Assert.Equal(3, groupOnly.Count(u => regions[u] == East));
        Assert.Equal(7, groupOnly.Count(u => regions[u] == West));
        Assert.Equal(East, regions[loner]);
    }

    [Fact]
    public void Sign_in_disabled_in_a_Region_moves_grouped_agents_to_the_other_and_signs_ungrouped_ones_out()
    {
        var world = ReplicatedInstance(agents: 4);
        world.AssociateAll();
        var loner = world.CreateUser("loner");
        world.Traffic.UpdateDistribution(world.Caller, world.DefaultGroup.Id, new DistributionUpdate(null, [new(East, false), new(West, true)], null));

        var regions = world.Snapshot().Agents.ToDictionary(a => a.UserId, a => a.Region);

        Assert.All(world.Users.Where(u => u != loner), u => Assert.Equal(West, regions[u]));
        Assert.Null(regions[loner]);
    }

    [Fact]
    public void Calls_shifted_to_a_Region_whose_agents_were_not_shifted_wait_there_while_agents_that_moved_take_them()
    {
        foreach (var agentsMove in new[] { false, true })
        {
            var world = ReplicatedInstance(agents: 3);
            world.AssociateAll();
            world.MakeAllAvailable();
            world.Traffic.UpdateDistribution(world.Caller, world.DefaultGroup.Id, new DistributionUpdate(
                [new(East, 0), new(West, 100)], null, agentsMove ? [new(East, 0), new(West, 100)] : null));
            var clock = new VirtualClock(EngineFixture.Start);
            var engine = new RoutingEngine(clock, new RoutingEngineOptions { AutoAccept = true });
            var snapshot = world.Snapshot();
            snapshot.ApplyTo(engine);

            var group = world.DefaultGroup;
            var calls = Enumerable.Range(0, 5)
                .Select(n => engine.Enqueue(new ContactRequest(TrafficSplit.RegionForCall(group.Telephony, 1, n), world.BasicQueueId, RoutingChannel.Voice)))
                .ToList();

            Assert.All(calls, c => Assert.Equal(West, c.Region));
            Assert.Equal(agentsMove ? 3 : 0, calls.Count(c => c.State == ContactState.Connected));
            Assert.Equal(agentsMove ? 2 : 5, engine.WaitingCount(West, world.BasicQueueId, RoutingChannel.Voice));
        }
    }

    private World ReplicatedInstance(int agents)
    {
        var caller = new Caller("000000000000", East, EngineFixture.Start, "request");
        var instance = new InstanceService(_store, _settings).Create(caller,
            new CreateInstanceCommand("SAML", "alias-" + Guid.NewGuid().ToString("N")[..8], null, true, true, new Dictionary<string, string>(), null));
        new ReplicationService(_store, _settings).Replicate(caller, instance.Id, West, "replica-" + Guid.NewGuid().ToString("N")[..8], null);
        var world = new World(_store, _settings, caller, instance.Id);
        for (var i = 0; i < agents; i++)
        {
            world.CreateUser($"agent{i}");
        }

        return world;
    }

    private sealed class World(SqliteStore store, ConnectSettings settings, Caller caller, string instanceId)
    {
        public Caller Caller { get; } = caller;

        public List<string> Users { get; } = [];

        public TrafficDistributionService Traffic { get; } = new(store, settings);

        public TrafficDistributionGroup DefaultGroup =>
            Read(s => TrafficDistributionService.GroupsOf(s, Caller.AccountId, East, instanceId).Single(g => g.IsDefault));

        public string BasicQueueId => Read(s => s.GetByName<Queue>(Scope, DefaultResources.BasicQueue)!.Id);

        private ConnectLocal.Core.Ports.ResourceScope Scope => new(Caller.AccountId, East, instanceId);

        public T Read<T>(Func<ConnectLocal.Core.Ports.IStoreSession, T> work) => store.Read(work);

        public string CreateUser(string name)
        {
            var (profile, security) = Read(s => (
                s.GetByName<RoutingProfile>(Scope, DefaultResources.BasicRoutingProfile)!.Id,
                s.GetByName<SecurityProfile>(Scope, "Agent")!.Id));
            var user = new UserService(store, settings).Create(Caller, instanceId, new CreateUserCommand(
                name, null, new UserIdentity("A", "B", null, null, null), new UserPhoneInput("SOFT_PHONE", null, null, null, null),
                null, [security], profile, null, new Dictionary<string, string>()));
            Users.Add(user.Id);
            return user.Id;
        }

        public void AssociateAll()
        {
            foreach (var user in Users)
            {
                Traffic.AssociateUser(Caller, DefaultGroup.Id, user, instanceId);
            }
        }

        public void MakeAllAvailable()
        {
            var available = Read(s => s.All<AgentStatus>(Scope).Single(a => a.Type == AgentStatus.Routable).Id);
            foreach (var user in Users)
            {
                new UserService(store, settings).PutStatus(Caller, instanceId, user, available);
            }
        }

        public RoutingSnapshot Snapshot() =>
            Read(s => RoutingSnapshot.Read(s, s.Get<Instance>(ConnectLocal.Core.Ports.ResourceScope.TopLevel(Caller.AccountId, East), instanceId)!));
    }
}
