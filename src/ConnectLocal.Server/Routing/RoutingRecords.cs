using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Server.Routing;

/// <summary>
/// The records of an instance (both Regions of a replicated one) that real-time answers name by id and ARN: users,
/// routing profiles, agent statuses and queues, read one by one as an answer names them (and kept for the rest of it),
/// so that an answer about one agent does not read every user of the instance. Lives inside one read transaction.
/// </summary>
internal sealed class RoutingRecords(IStoreSession session, Instance instance)
{
    private readonly ResourceScope[] _scopes = (instance.Replication is { } link ? [link.SourceRegion, link.ReplicaRegion] : new[] { instance.Region })
        .Select(r => new ResourceScope(instance.AccountId, r, instance.Id)).ToArray();

    private readonly Dictionary<(string Kind, string Id), object?> _read = [];
    private Dictionary<string, RoutingProfile>? _profiles;

    /// <summary>Every routing profile of the instance (GetCurrentMetricData groups by them).</summary>
    public IReadOnlyDictionary<string, RoutingProfile> Profiles => _profiles ??= AllProfiles();

    public User? User(string id) => Get<User>(id);

    public RoutingProfile? Profile(string id) => _profiles is { } all ? all.GetValueOrDefault(id) : Get<RoutingProfile>(id);

    public AgentStatus? Status(string id) => Get<AgentStatus>(id);

    public Queue? Queue(string id) => Get<Queue>(id);

    public Core.Hierarchy.HierarchyGroup? Group(string id) => Get<Core.Hierarchy.HierarchyGroup>(id);

    /// <summary>Whether the profile serves the queue (on the channel, or on any channel when none is given).</summary>
    public bool Serves(string profileId, string queueId, RoutingChannel? channel = null) =>
        Profile(profileId) is { } profile
        && profile.Queues.Any(q => q.QueueId == queueId && (channel is null || q.Channel == RoutingChannels.Name(channel.Value)))
        && (channel is null || profile.MediaConcurrencies.Any(m => m.Channel == RoutingChannels.Name(channel.Value)));

    /// <summary>[choice] Where a flow queues a contact: BasicQueue of the source Region (AWS replicates queues with their ids).</summary>
    public static string FlowQueue(IStoreSession session, Instance instance)
    {
        var region = instance.Replication?.SourceRegion ?? instance.Region;
        return session.GetByName<Queue>(new ResourceScope(instance.AccountId, region, instance.Id), DefaultResources.BasicQueue)?.Id
            ?? throw Errors.InvalidRequest("The instance has no BasicQueue for the flow to queue the contact in.");
    }

    private T? Get<T>(string id)
        where T : class, IResource<T>
    {
        if (!_read.TryGetValue((T.Kind, id), out var found))
        {
            found = _scopes.Select(scope => session.Get<T>(scope, id)).FirstOrDefault(r => r is not null);
            _read[(T.Kind, id)] = found;
        }

        return (T?)found;
    }

    private Dictionary<string, RoutingProfile> AllProfiles()
    {
        var all = new Dictionary<string, RoutingProfile>(StringComparer.Ordinal);
        foreach (var scope in _scopes)
        {
            foreach (var profile in session.All<RoutingProfile>(scope))
            {
                all.TryAdd(profile.Id, profile);
            }
        }

        return all;
    }
}
