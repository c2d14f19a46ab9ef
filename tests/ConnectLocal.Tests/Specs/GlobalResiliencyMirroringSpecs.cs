using ConnectLocal.Core.Common;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Users;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Tests.Specs;

/// <summary>
/// Global Resiliency's mirrored configuration below the API (docs/global-resiliency.md): which registry types are
/// mirrored, the initial copy, changes in either Region through <see cref="MirroringStore"/>, pending mirroring as a
/// stored transition, and the routing snapshot of a replicated instance whose users exist in both Regions.
/// </summary>
public sealed class GlobalResiliencyMirroringSpecs : IDisposable
{
    private const string East = "us-east-1";
    private const string West = "us-west-2";

    private readonly SqliteStore _inner = SqliteStore.OpenInMemory();
    private readonly ConnectSettings _settings = new();
    private readonly MirroringStore _store;
    private readonly Caller _east = new("000000000000", East, DateTimeOffset.UtcNow, "request");
    private readonly Caller _west = new("000000000000", West, DateTimeOffset.UtcNow, "request");

    public GlobalResiliencyMirroringSpecs() => _store = new MirroringStore(_inner, _settings, TimeProvider.System);

    public void Dispose() => _store.Dispose();

    [Fact]
    public void The_registry_marks_the_mirrored_types_and_the_hierarchy_structure_goes_with_its_groups()
    {
        var mirrored = ResourceTypes.All.Where(t => t.Mirrored).Select(t => t.Kind).ToHashSet();

        Assert.Equal(
            new HashSet<string>
            {
                HoursOfOperation.Kind, Queue.Kind, RoutingProfile.Kind, User.Kind, SecurityProfile.Kind, AgentStatus.Kind,
                Core.QuickConnects.QuickConnect.Kind, Core.Prompts.Prompt.Kind, Core.Flows.ContactFlow.Kind,
                Core.FlowModules.ContactFlowModule.Kind, Core.Hierarchy.HierarchyGroup.Kind,
                // also on the Admin Guide's list (Create a replica of your existing Connect Customer instance)
                Core.Views.View.Kind, Core.DataTables.DataTable.Kind, Core.Workspaces.Workspace.Kind,
            },
            mirrored);
        Assert.Equal(mirrored.Append(Core.Hierarchy.HierarchyStructure.Kind).Append(Core.Users.PredefinedAttribute.Kind).ToHashSet(), Mirroring.Kinds.Select(k => k.Kind).ToHashSet());
        Assert.False(Mirroring.IsMirrored(Core.Vocabularies.Vocabulary.Kind));
    }

    [Fact]
    public void Replicate_copies_mirrored_records_with_the_same_ids_and_arns_in_the_replica_region()
    {
        var (instanceId, userId) = ReplicatedWithUser();

        var (east, west) = _store.Read(s => (s.Get<User>(Scope(East, instanceId), userId), s.Get<User>(Scope(West, instanceId), userId)));
        Assert.NotNull(east);
        Assert.NotNull(west);
        Assert.Equal(east.Username, west.Username);
        Assert.Equal(east.Arn.Replace($":{East}:", $":{West}:", StringComparison.Ordinal), west.Arn);
        var eastQueues = _store.Read(s => s.All<Queue>(Scope(East, instanceId)).Select(q => q.Id).ToList());
        var westQueues = _store.Read(s => s.All<Queue>(Scope(West, instanceId)).Select(q => q.Id).ToList());
        Assert.Equal(eastQueues, westQueues);
    }

    [Fact]
    public void A_delete_in_the_replica_region_removes_the_record_in_the_source()
    {
        var (instanceId, userId) = ReplicatedWithUser();

        new ResourceOperations<User>(_store, _settings, ResourceTypes.User).Delete(_west, instanceId, userId);

        Assert.Null(_store.Read(s => s.Get<User>(Scope(East, instanceId), userId)));
        Assert.Null(_store.Read(s => s.Get<User>(Scope(West, instanceId), userId)));
    }

    [Fact]
    public void A_held_mirroring_is_stored_and_applied_when_due()
    {
        var (instanceId, userId) = ReplicatedWithUser();
        _store.Write(s => Transitions.Hold(s, TransitionKinds.Mirroring));

        new ResourceOperations<User>(_store, _settings, ResourceTypes.User).Update(_east, instanceId, userId, (_, u) => u with { Username = "renamed" });

        Assert.NotEqual("renamed", _store.Read(s => s.Get<User>(Scope(West, instanceId), userId))!.Username);
        var pending = _store.Read(Transitions.Pending);
        Assert.Contains(pending, t => t.TransitionKind == TransitionKinds.Mirroring && t.Region == East && t.TargetId == $"{instanceId}/{User.Kind}/{userId}");
        var instance = _store.Read(s => s.Get<Instance>(ResourceScope.TopLevel(_east.AccountId, West), instanceId))!;
        Assert.Equal(1, _store.Read(s => Mirroring.PendingByTargetRegion(s, instance)).GetValueOrDefault(West));

        _store.Write(s => Transitions.Release(s, TransitionKinds.Mirroring));
        _store.Write(s => Transitions.ApplyDue(s, DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Equal("renamed", _store.Read(s => s.Get<User>(Scope(West, instanceId), userId))!.Username);
        Assert.Empty(_store.Read(Transitions.Pending));
    }

    [Fact]
    public void Writes_of_an_unreplicated_instance_schedule_nothing()
    {
        var instance = new InstanceService(_store, _settings).Create(_east,
            new CreateInstanceCommand("CONNECT_MANAGED", "alias-" + Guid.NewGuid().ToString("N")[..8], null, true, true, new Dictionary<string, string>(), null));
        CreateUser(instance.Id, "solo");

        Assert.Empty(_store.Read(Transitions.Pending));
        Assert.Equal(0, _store.Read(s => s.Count<User>(Scope(West, instance.Id))));
    }

    [Fact]
    public void The_routing_snapshot_counts_a_mirrored_user_once_homed_in_the_source()
    {
        var (instanceId, userId) = ReplicatedWithUser();

        var snapshot = _store.Read(s => RoutingSnapshot.Read(s, s.Get<Instance>(ResourceScope.TopLevel(_east.AccountId, East), instanceId)!));

        Assert.Single(snapshot.Agents, a => a.UserId == userId);
        Assert.Equal(East, snapshot.Places[userId].Home);
        Assert.Equal(snapshot.Profiles.Count, snapshot.Profiles.Select(p => p.Id).Distinct().Count());
    }

    private (string InstanceId, string UserId) ReplicatedWithUser()
    {
        var instance = new InstanceService(_store, _settings).Create(_east,
            new CreateInstanceCommand("SAML", "alias-" + Guid.NewGuid().ToString("N")[..8], null, true, true, new Dictionary<string, string>(), null));
        var userId = CreateUser(instance.Id, "before-replication", password: null);
        new ReplicationService(_store, _settings).Replicate(_east, instance.Id, West, "replica-" + Guid.NewGuid().ToString("N")[..8], null);
        return (instance.Id, userId);
    }

    private string CreateUser(string instanceId, string name, string? password = "Password1!")
    {
        var scope = Scope(East, instanceId);
        var (profile, security) = _store.Read(s => (
            s.GetByName<RoutingProfile>(scope, DefaultResources.BasicRoutingProfile)!.Id,
            s.GetByName<SecurityProfile>(scope, "Agent")!.Id));
        return new UserService(_store, _settings).Create(_east, instanceId, new CreateUserCommand(
            name, password, new UserIdentity("A", "B", null, null, null), new UserPhoneInput("SOFT_PHONE", null, null, null, null),
            null, [security], profile, null, new Dictionary<string, string>())).Id;
    }

    private ResourceScope Scope(string region, string instanceId) => new(_east.AccountId, region, instanceId);
}
