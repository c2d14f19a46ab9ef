using System.Collections.Concurrent;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Server.Routing;

/// <summary>What the API said about a contact that routing does not need (DescribeContact shows it).</summary>
public sealed record ContactInfo(
    string Arn,
    string? Name,
    string? Description,
    IReadOnlyDictionary<string, string>? Attributes,
    string? PreviousContactId,
    string? RelatedContactId,
    string? TrafficDistributionGroupId,
    string OriginRegion,
    IReadOnlyDictionary<string, ConnectLocal.Core.TaskTemplates.ContactReference>? References = null,
    string? TaskTemplateId = null,
    string? TaskTemplateArn = null,
    string? TaskTemplateName = null,
    int TaskTemplateUpdates = 0);

/// <summary>One instance's routing engine (both Regions of a replicated instance) and what the server keeps beside it.</summary>
public sealed class InstanceRouting(string accountId, string instanceId, string region, RoutingEngine engine)
{
    public string AccountId { get; } = accountId;

    public string InstanceId { get; } = instanceId;

    /// <summary>A Region where the instance's record is (either of a replicated instance's: both lead to the same routing).</summary>
    public string Region { get; } = region;

    public RoutingEngine Engine { get; } = engine;

    /// <summary>Inbound calls so far on numbers claimed to each traffic distribution group: the split's call counter.</summary>
    public Dictionary<string, long> CallsByGroup { get; } = new(StringComparer.Ordinal);

    /// <summary>The store's change sequence the engine's configuration is up to date with; -1: read it all next time.</summary>
    public long ConfigurationSeen { get; set; } = -1;
}

/// <summary>
/// The server's routing: an engine per instance, in memory, on real time. Before every use the engine is brought up
/// to date with the instance's routing configuration in the stored records, so routing profile, user, agent status
/// and traffic distribution changes made through the API apply to the next decision; the engine changes only what
/// differs. Where the store has a change feed (<see cref="IStoreChangeFeed"/>: SQLite) and the instance no Global
/// Resiliency, only the users and routing profiles changed since the last use are read, so a call costs its answer
/// and the changes, not the size of the instance; otherwise the whole configuration is read
/// (<see cref="RoutingSnapshot"/>). Timers (queue delays, after-contact work limits) run when the engine is next
/// used, each at its own time.
/// [choice] An ended contact stays describable for <see cref="ContactRetention.Period"/> (default one hour), and each
/// instance keeps at most <see cref="ContactRetention.MaxEnded"/> ended contacts (default 10,000, the oldest forgotten
/// first); then the engine forgets it and DescribeContact answers ResourceNotFoundException, as AWS does for a contact
/// past its retention (docs/routing.md).
/// LIMITATIONS: contacts and the agents' routing state live in memory: a restart forgets them, and several server
/// nodes over one PostgreSQL database each route their own contacts.
/// </summary>
public sealed class RoutingHost(IConnectStore store, TimeProvider time, ContactRetention? retention = null) : IRoutingObserver
{
    private readonly ConcurrentDictionary<(string Account, string InstanceId), InstanceRouting> _instances = new();
    private readonly ConcurrentDictionary<string, InstanceRouting> _contacts = new(StringComparer.Ordinal);
    private readonly RoutingEngineOptions _engineOptions = new()
    {
        EndedRetention = (retention ?? ContactRetention.Default).Period,
        MaxEndedContacts = (retention ?? ContactRetention.Default).MaxEnded,
    };

    /// <summary>The seed of the telephony split (<see cref="TrafficSplit.RegionForCall"/>); set with PUT /_connectlocal/routing/seed.</summary>
    public ulong Seed { get; set; }

    /// <summary>Runs <paramref name="work"/> on the instance's engine, its configuration just read from the records.</summary>
    public T Use<T>(Caller caller, string instanceIdOrArn, Func<InstanceRouting, Instance, T> work)
    {
        var instance = store.Read(session => InstanceService.Require(session, caller, instanceIdOrArn));
        var routing = _instances.GetOrAdd((instance.AccountId, instance.Id), key => new InstanceRouting(key.Account, key.InstanceId, instance.Region, new RoutingEngine(new SystemEngineClock(time), _engineOptions, this)));
        lock (routing)
        {
            Refresh(routing, instance);
            return work(routing, instance);
        }
    }

    /// <summary>Lets a change made through the API take effect now (PutUserStatus: an agent becoming available takes a waiting contact).</summary>
    public void Refresh(Caller caller, string instanceIdOrArn) => Use(caller, instanceIdOrArn, (_, _) => true);

    /// <summary>Runs <paramref name="work"/> on the engine that holds the contact; null when no engine does.</summary>
    public T? UseContact<T>(string contactId, Func<InstanceRouting, RoutedContact, T?> work)
        where T : class
    {
        if (!_contacts.TryGetValue(contactId, out var routing))
        {
            return null;
        }

        lock (routing)
        {
            var instance = store.Read(session => FindInstance(session, routing));
            if (instance is not null)
            {
                Refresh(routing, instance);
            }

            return routing.Engine.FindContact(contactId) is { } contact ? work(routing, contact) : null;
        }
    }

    /// <summary>Queues a new contact (the caller holds the instance's lock, inside <see cref="Use{T}"/>).</summary>
    public RoutedContact Enqueue(InstanceRouting routing, ContactRequest request)
    {
        var contact = routing.Engine.Enqueue(request);
        _contacts[request.Id!] = routing;
        return contact;
    }

    /// <summary>An agent's own outbound contact (inside <see cref="Use{T}"/>).</summary>
    public RoutedContact StartOutbound(InstanceRouting routing, string userId, string contactId, ContactInfo details)
    {
        var contact = routing.Engine.StartOutbound(userId, RoutingChannel.Voice, contactId, tag: details);
        _contacts[contactId] = routing;
        return contact;
    }

    /// <summary>
    /// The Region an inbound call on a number claimed to a traffic distribution group goes to: the n-th call on the
    /// group's numbers by <see cref="TrafficSplit.RegionForCall"/> with <see cref="Seed"/>.
    /// </summary>
    public string RegionForCall(InstanceRouting routing, TrafficDistributionGroup group)
    {
        var n = routing.CallsByGroup.GetValueOrDefault(group.Id);
        routing.CallsByGroup[group.Id] = n + 1;
        return TrafficSplit.RegionForCall(group.Telephony, Seed, n);
    }

    /// <summary>The engine forgot an ended contact: so does the map from contact ids to engines.</summary>
    void IRoutingObserver.Retired(RoutedContact contact) => _contacts.TryRemove(contact.Id!, out _);

    private void Refresh(InstanceRouting routing, Instance instance)
    {
        routing.Engine.RunDue();
        var feed = store as IStoreChangeFeed;
        if (feed is not null && routing.ConfigurationSeen >= 0 && RoutingSnapshot.ChangesApplyOneByOne(instance)
            && feed.Since(routing.ConfigurationSeen) is { } changes
            && ChangedConfiguration(changes, instance) is var (profileIds, userIds))
        {
            if (profileIds.Count > 0 || userIds.Count > 0)
            {
                store.Read(session =>
                {
                    RoutingSnapshot.ApplyChanges(session, instance, profileIds, userIds, routing.Engine);
                    return true;
                });
            }

            routing.ConfigurationSeen = changes.Count > 0 ? changes[^1].Sequence : routing.ConfigurationSeen;
            return;
        }

        // Taken before reading: a change committed meanwhile is applied again next time, which changes nothing.
        var seen = feed?.Latest ?? -1;
        store.Read(session => RoutingSnapshot.Read(session, instance)).ApplyTo(routing.Engine);
        routing.ConfigurationSeen = seen;
    }

    /// <summary>
    /// The users and routing profiles of the instance that changed; null when something else the snapshot reads
    /// changed (the instance record, its agent statuses, all its records, an import), which needs a full read.
    /// </summary>
    private static (HashSet<string> Profiles, HashSet<string> Users)? ChangedConfiguration(IReadOnlyList<StoreChange> changes, Instance instance)
    {
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Kind == "*" || (change.Kind == Instance.Kind && change.Id == instance.Id && change.AccountId == instance.AccountId))
            {
                return null;
            }

            if (change.Parent != instance.Id || change.AccountId != instance.AccountId)
            {
                continue;
            }

            if (change.Id is null || change.Kind == AgentStatus.Kind)
            {
                return null;
            }

            if (change.Kind == RoutingProfile.Kind)
            {
                profiles.Add(change.Id);
            }
            else if (change.Kind == User.Kind)
            {
                users.Add(change.Id);
            }
        }

        return (profiles, users);
    }

    private static Instance? FindInstance(IStoreSession session, InstanceRouting routing) =>
        session.Get<Instance>(ResourceScope.TopLevel(routing.AccountId, routing.Region), routing.InstanceId);
}

/// <summary>How long, and how many, ended contacts the server keeps in memory for DescribeContact.</summary>
public sealed record ContactRetention(TimeSpan Period, int MaxEnded)
{
    public static readonly ContactRetention Default = new(TimeSpan.FromHours(1), 10_000);
}
