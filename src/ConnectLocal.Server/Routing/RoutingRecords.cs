using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Server.Routing;

/// <summary>
/// The records of an instance (both Regions of a replicated one) that real-time answers name by id and ARN: users,
/// routing profiles, agent statuses and queues.
/// </summary>
internal sealed record RoutingRecords(
    IReadOnlyDictionary<string, User> Users,
    IReadOnlyDictionary<string, RoutingProfile> Profiles,
    IReadOnlyDictionary<string, AgentStatus> Statuses,
    IReadOnlyDictionary<string, Queue> Queues)
{
    public static RoutingRecords Read(IConnectStore store, Instance instance) => store.Read(session =>
    {
        var regions = instance.Replication is { } link ? [link.SourceRegion, link.ReplicaRegion] : new[] { instance.Region };
        var scopes = regions.Select(r => new ResourceScope(instance.AccountId, r, instance.Id)).ToList();
        return new RoutingRecords(
            All<User>(session, scopes, u => u.Id),
            All<RoutingProfile>(session, scopes, p => p.Id),
            All<AgentStatus>(session, scopes, s => s.Id),
            All<Queue>(session, scopes, q => q.Id));
    });

    /// <summary>Whether the profile serves the queue (on the channel, or on any channel when none is given).</summary>
    public bool Serves(string profileId, string queueId, RoutingChannel? channel = null) =>
        Profiles.TryGetValue(profileId, out var profile)
        && profile.Queues.Any(q => q.QueueId == queueId && (channel is null || q.Channel == RoutingChannels.Name(channel.Value)))
        && (channel is null || profile.MediaConcurrencies.Any(m => m.Channel == RoutingChannels.Name(channel.Value)));

    /// <summary>[choice] Where a flow queues a contact: BasicQueue of the source Region (AWS replicates queues with their ids).</summary>
    public static string FlowQueue(IStoreSession session, Instance instance)
    {
        var region = instance.Replication?.SourceRegion ?? instance.Region;
        return session.GetByName<Queue>(new ResourceScope(instance.AccountId, region, instance.Id), DefaultResources.BasicQueue)?.Id
            ?? throw Errors.InvalidRequest("The instance has no BasicQueue for the flow to queue the contact in.");
    }

    private static Dictionary<string, T> All<T>(IStoreSession session, IEnumerable<ResourceScope> scopes, Func<T, string> id)
        where T : class, IResource<T>
    {
        var all = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            foreach (var item in session.All<T>(scope))
            {
                all.TryAdd(id(item), item);
            }
        }

        return all;
    }
}
