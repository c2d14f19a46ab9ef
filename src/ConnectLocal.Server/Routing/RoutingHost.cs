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
    int TaskTemplateUpdates = 0,
    Dictionary<string, ConnectLocal.Model.Shapes.SegmentAttributeValue>? SegmentAttributes = null);

/// <summary>One instance's routing engine (both Regions of a replicated instance) and what the server keeps beside it.</summary>
public sealed class InstanceRouting
{
    /// <param name="engine">Makes the instance's engine, given this object (its observer reports to it).</param>
    public InstanceRouting(string accountId, string instanceId, string region, Func<InstanceRouting, RoutingEngine> engine)
    {
        AccountId = accountId;
        InstanceId = instanceId;
        Region = region;
        Engine = engine(this);
    }

    public string AccountId { get; }

    public string InstanceId { get; }

    /// <summary>A Region where the instance's record is (either of a replicated instance's: both lead to the same routing).</summary>
    public string Region { get; }

    public RoutingEngine Engine { get; }

    /// <summary>The instance's contact flows in front of the engine (made on first use: RoutingHost.FlowsOf).</summary>
    public ConnectLocal.Core.Flows.Interpreter.FlowRouting? Flows { get; set; }

    /// <summary>Agents whose last contact ended since the instance's pending next statuses were last applied.</summary>
    public HashSet<string> FreedAgents { get; } = new(StringComparer.Ordinal);

    /// <summary>Inbound calls so far on numbers claimed to each traffic distribution group: the split's call counter.</summary>
    public Dictionary<string, long> CallsByGroup { get; } = new(StringComparer.Ordinal);

    /// <summary>The store's change sequence the engine's configuration is up to date with; -1: read it all next time.</summary>
    public long ConfigurationSeen { get; set; } = -1;

    /// <summary>The contacts started with each PreviousContactId (StartTaskContact allows 12 per chain).</summary>
    public Dictionary<string, List<string>> LinkedTasks { get; } = new(StringComparer.Ordinal);

    /// <summary>What the API changed on each contact after it began (UpdateContact, TagContact, ...); forgotten with the contact.</summary>
    public Dictionary<string, ConnectLocal.Core.Contacts.ContactEdits> Edits { get; } = new(StringComparer.Ordinal);

    /// <summary>For a replicated instance: where the last full read placed each user (<see cref="RoutingSnapshot.Places"/>).</summary>
    public IReadOnlyDictionary<string, AgentPlace> Places { get; set; } = new Dictionary<string, AgentPlace>(StringComparer.Ordinal);
}

/// <summary>
/// The server's routing: an engine per instance, in memory, on real time. Before every use the engine is brought up
/// to date with the instance's routing configuration in the stored records, so routing profile, user, agent status
/// and traffic distribution changes made through the API apply to the next decision; the engine changes only what
/// differs. With the store's change feed (<see cref="IStoreChangeFeed"/>: SQLite, and PostgreSQL where it also
/// carries the other nodes' writes) only the users and routing profiles changed since the last use are read, so a
/// call costs its answer and the changes, not the size of the instance; the whole configuration is read
/// (<see cref="RoutingSnapshot"/>) after a change to the instance, its agent statuses or an import, and for a
/// replicated instance also after a change that can move agents between Regions (a user created, deleted or
/// renamed, a traffic distribution group changed). Timers (queue delays, after-contact work limits) run when the engine is next
/// used, each at its own time.
/// [choice] An ended contact stays describable for <see cref="ContactRetention.Period"/> (default one hour), and each
/// instance keeps at most <see cref="ContactRetention.MaxEnded"/> ended contacts (default 10,000, the oldest forgotten
/// first); then the engine forgets it and DescribeContact answers ResourceNotFoundException, as AWS does for a contact
/// past its retention (docs/routing.md).
/// LIMITATIONS: contacts and the agents' routing state live in memory: a restart forgets them, and several server
/// nodes over one PostgreSQL database each route their own contacts.
/// </summary>
public sealed class RoutingHost(IConnectStore store, TimeProvider time, ContactRetention? retention = null)
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

    private long _uses;

    /// <summary>How many times an engine was used (<see cref="Use{T}"/>, <see cref="UseContact{T}"/>): the dashboard samples when it moved.</summary>
    public long Uses => Interlocked.Read(ref _uses);

    /// <summary>Runs <paramref name="work"/> on the instance's engine, its configuration just read from the records.</summary>
    public T Use<T>(Caller caller, string instanceIdOrArn, Func<InstanceRouting, Instance, T> work)
    {
        Interlocked.Increment(ref _uses);
        var instance = store.Read(session => InstanceService.Require(session, caller, instanceIdOrArn));
        var routing = _instances.GetOrAdd((instance.AccountId, instance.Id), key => new InstanceRouting(key.Account, key.InstanceId, instance.Region,
            r => new RoutingEngine(new SystemEngineClock(time), _engineOptions, new Observer(this, r))));
        lock (routing)
        {
            ApplyGlobalRouting(routing, instance);
            Refresh(routing, instance);
            var result = work(routing, instance);
            ApplyNextStatuses(routing, instance);
            return result;
        }
    }

    /// <summary>
    /// Forgets the routing of every instance of <paramref name="accountId"/> (of every account when null): their
    /// engines, contacts and agents' routing state (POST /_connectlocal/reset). Answers how many contacts were forgotten.
    /// </summary>
    public int Forget(string? accountId)
    {
        var forgotten = 0;
        foreach (var (key, routing) in _instances)
        {
            if (accountId is not null && key.Account != accountId)
            {
                continue;
            }

            lock (routing)
            {
                _instances.TryRemove(key, out _);
                foreach (var (contactId, owner) in _contacts)
                {
                    if (ReferenceEquals(owner, routing) && _contacts.TryRemove(contactId, out _))
                    {
                        forgotten++;
                    }
                }
            }
        }

        return forgotten;
    }

    /// <summary>Lets a change made through the API take effect now (PutUserStatus: an agent becoming available takes a waiting contact).</summary>
    public void Refresh(Caller caller, string instanceIdOrArn) => Use(caller, instanceIdOrArn, (_, _) => true);

    /// <summary>
    /// Runs <paramref name="work"/> on the engine that holds the contact, or <paramref name="inFlow"/> when the contact is
    /// still in its inbound flow (paused by a Wait, not known to the engine yet); null when neither applies.
    /// </summary>
    public T? UseContact<T>(string contactId, Func<InstanceRouting, RoutedContact, T?> work,
        Func<InstanceRouting, ConnectLocal.Core.Flows.Interpreter.FlowContact, T?>? inFlow = null)
        where T : class
    {
        if (!_contacts.TryGetValue(contactId, out var routing))
        {
            return null;
        }

        Interlocked.Increment(ref _uses);
        lock (routing)
        {
            var instance = store.Read(session => FindInstance(session, routing));
            if (instance is not null)
            {
                ApplyGlobalRouting(routing, instance);
                Refresh(routing, instance);
            }

            var result = routing.Engine.FindContact(contactId) is { } contact ? work(routing, contact)
                : inFlow is not null && routing.Flows?.InFlowContact(contactId) is { } waiting ? inFlow(routing, waiting)
                : null;
            if (instance is not null)
            {
                ApplyNextStatuses(routing, instance);
            }

            return result;
        }
    }

    /// <summary>The canned responses of Lambda functions that flows invoke (PUT /_connectlocal/flows/lambda-responses).</summary>
    public ConnectLocal.Core.Flows.Interpreter.LambdaResponses Lambdas { get; } = new();

    /// <summary>The instance's flows in front of its engine (inside <see cref="Use{T}"/>).</summary>
    public ConnectLocal.Core.Flows.Interpreter.FlowRouting FlowsOf(InstanceRouting routing) =>
        routing.Flows ??= new ConnectLocal.Core.Flows.Interpreter.FlowRouting(routing.Engine,
            new Flows.StoreFlowResources(store, routing.AccountId, routing.Region, routing.InstanceId), Lambdas);

    /// <summary>A new contact enters its flow (inside <see cref="Use{T}"/>): queued, ended, or paused in the flow.</summary>
    public ConnectLocal.Core.Flows.Interpreter.FlowContact StartFlow(InstanceRouting routing, ConnectLocal.Core.Flows.Interpreter.FlowEntry entry)
    {
        var contact = FlowsOf(routing).Start(entry);
        if (entry.ContactId is { } id)
        {
            _contacts[id] = routing;
            if (contact.Routed is not null && entry.Tag is not null)
            {
                Link(routing, new ContactRequest(entry.Region, contact.Routed.QueueId ?? string.Empty, entry.Channel, entry.Initiation, id, Tag: contact.Routed.Tag));
            }
        }

        return contact;
    }

    /// <summary>The instance whose engine (or flows) holds the contact, with a Region of its records; null when none does (the dashboard's search).</summary>
    public (string AccountId, string Region, string InstanceId)? InstanceOfContact(string contactId) =>
        _contacts.TryGetValue(contactId, out var routing) ? (routing.AccountId, routing.Region, routing.InstanceId) : null;

    /// <summary>A copy of a contact's flow log, whether it is queued, ended or still in its inbound flow; null when unknown.</summary>
    public IReadOnlyList<ConnectLocal.Core.Flows.Interpreter.FlowLogEntry>? FlowLogOf(string contactId)
    {
        if (!_contacts.TryGetValue(contactId, out var routing))
        {
            return null;
        }

        lock (routing)
        {
            return routing.Flows?.Find(contactId)?.Log.ToList();
        }
    }

    /// <summary>Queues a new contact (the caller holds the instance's lock, inside <see cref="Use{T}"/>).</summary>
    public RoutedContact Enqueue(InstanceRouting routing, ContactRequest request)
    {
        var contact = routing.Engine.Enqueue(request);
        _contacts[request.Id!] = routing;
        Link(routing, request);
        return contact;
    }

    private static void Link(InstanceRouting routing, ContactRequest request)
    {
        if (request.Tag is ContactInfo { PreviousContactId: { } previous })
        {
            if (!routing.LinkedTasks.TryGetValue(previous, out var linked))
            {
                routing.LinkedTasks[previous] = linked = [];
            }

            linked.Add(request.Id!);
        }
    }

    /// <summary>A contact that starts at <paramref name="start"/> (a scheduled task; inside <see cref="Use{T}"/>).</summary>
    public RoutedContact Schedule(InstanceRouting routing, ContactRequest request, DateTimeOffset start)
    {
        var contact = routing.Engine.Schedule(request, start.UtcTicks);
        _contacts[request.Id!] = routing;
        Link(routing, request);
        return contact;
    }

    /// <summary>
    /// The contacts of the instance, still known to the engine, whose PreviousContactId is <paramref name="previousContactId"/>
    /// (inside <see cref="Use{T}"/>). [choice] Contacts the engine has retired no longer count.
    /// </summary>
    public static int CountLinked(InstanceRouting routing, string previousContactId) =>
        routing.LinkedTasks.TryGetValue(previousContactId, out var linked) ? linked.Count : 0;

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
    /// <summary>
    /// Agents whose last contact ended take the next status they asked for (PutUserStatus while handling contacts),
    /// and the engine reads them again; that may end nothing more, so this settles in one or two rounds.
    /// </summary>
    private void ApplyNextStatuses(InstanceRouting routing, Instance instance)
    {
        while (routing.FreedAgents.Count > 0)
        {
            var freed = routing.FreedAgents.ToList();
            routing.FreedAgents.Clear();
            if (store.Write(session => Core.Users.UserService.ApplyNextStatuses(session, instance, freed, time.GetUtcNow())) == 0)
            {
                return;
            }

            Refresh(routing, instance);
        }
    }

    /// <summary>One instance's engine reports to the host, naming the instance.</summary>
    private sealed class Observer(RoutingHost host, InstanceRouting routing) : IRoutingObserver
    {
        public void Retired(RoutedContact contact) => host.Retire(contact);

        public void AgentFree(RoutedAgent agent) => routing.FreedAgents.Add(agent.UserId);
    }

    private void Retire(RoutedContact contact)
    {
        if (!_contacts.TryRemove(contact.Id!, out var routing))
        {
            return;
        }

        // Called by the engine, inside the instance's lock: what the API changed on the contact goes with it, and the
        // chain's list shrinks with its contacts.
        routing.Edits.Remove(contact.Id!);
        if (contact.Tag is ContactInfo { PreviousContactId: { } previous } && routing.LinkedTasks.TryGetValue(previous, out var linked))
        {
            linked.Remove(contact.Id!);
            if (linked.Count == 0)
            {
                routing.LinkedTasks.Remove(previous);
            }
        }
    }

    private void Refresh(InstanceRouting routing, Instance instance)
    {
        if (routing.Flows is { } flows)
        {
            flows.RunDue(); // the engine's timers, then the flows paused until now
        }
        else
        {
            routing.Engine.RunDue();
        }
        var feed = store as IStoreChangeFeed;
        if (feed is not null && routing.ConfigurationSeen >= 0
            && feed.Since(routing.ConfigurationSeen) is { } changes
            && ChangedConfiguration(changes, instance) is var (profileIds, userIds)
            && (profileIds.Count + userIds.Count == 0 || store.Read(session => ApplyChanges(session, instance, profileIds, userIds, routing))))
        {
            routing.ConfigurationSeen = changes.Count > 0 ? changes[^1].Sequence : routing.ConfigurationSeen;
            return;
        }

        // Taken before reading: a change committed meanwhile is applied again next time, which changes nothing.
        var seen = feed?.Latest ?? -1;
        var snapshot = store.Read(session => RoutingSnapshot.Read(session, instance));
        snapshot.ApplyTo(routing.Engine);
        routing.Places = snapshot.Places;
        routing.ConfigurationSeen = seen;
    }

    private static bool ApplyChanges(IStoreSession session, Instance instance, HashSet<(string Region, string Id)> profileIds, HashSet<(string Region, string Id)> userIds, InstanceRouting routing)
    {
        if (RoutingSnapshot.ChangesApplyOneByOne(instance))
        {
            RoutingSnapshot.ApplyChanges(session, instance, profileIds.Select(p => p.Id).ToList(), userIds.Select(u => u.Id).ToList(), routing.Engine);
            return true;
        }

        return RoutingSnapshot.ApplyReplicatedChanges(session, instance, profileIds, userIds, routing.Places, routing.Engine);
    }

    /// <summary>
    /// The users and routing profiles of the instance (in either of its Regions) that changed; null when something
    /// else the snapshot reads changed (the instance record, its agent statuses, all its records, a traffic
    /// distribution group of a replicated instance, an import), which needs a full read.
    /// </summary>
    private static (HashSet<(string Region, string Id)> Profiles, HashSet<(string Region, string Id)> Users)? ChangedConfiguration(IReadOnlyList<StoreChange> changes, Instance instance)
    {
        var profiles = new HashSet<(string, string)>();
        var users = new HashSet<(string, string)>();
        foreach (var change in changes)
        {
            if (change.Kind == "*" || (change.Kind == Instance.Kind && change.Id == instance.Id && change.AccountId == instance.AccountId))
            {
                return null;
            }

            if (instance.Replication is not null && change.Kind == TrafficDistributionGroup.Kind && change.AccountId == instance.AccountId)
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
                profiles.Add((change.Region, change.Id));
            }
            else if (change.Kind == User.Kind)
            {
                users.Add((change.Region, change.Id));
            }
        }

        return (profiles, users);
    }

    /// <summary>
    /// Global routing (UpdateCrossRegionRouting) as stored on the instance: on for a replicated instance that is not
    /// isolated, off otherwise. Set before every use, so a change applies to the next routing decision.
    /// </summary>
    private static void ApplyGlobalRouting(InstanceRouting routing, Instance instance) =>
        routing.Engine.CrossRegionRouting = instance.Replication is { IsolatedAll: false };

    private static Instance? FindInstance(IStoreSession session, InstanceRouting routing) =>
        session.Get<Instance>(ResourceScope.TopLevel(routing.AccountId, routing.Region), routing.InstanceId);
}

/// <summary>How long, and how many, ended contacts the server keeps in memory for DescribeContact.</summary>
public sealed record ContactRetention(TimeSpan Period, int MaxEnded)
{
    public static readonly ContactRetention Default = new(TimeSpan.FromHours(1), 10_000);
}
