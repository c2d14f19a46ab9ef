namespace ConnectLocal.Core.Routing;

/// <summary>
/// Told when the engine changes a contact. Called synchronously from inside the engine: an observer must not call
/// back into it (the simulator records the fact and schedules its own events instead).
/// </summary>
public interface IRoutingObserver
{
    void Offered(RoutedContact contact)
    {
    }

    void Connected(RoutedContact contact)
    {
    }

    /// <summary>Any end: completed, abandoned or stopped (<see cref="RoutedContact.EndReason"/>).</summary>
    void Ended(RoutedContact contact)
    {
    }

    /// <summary>An agent's last contact (after-contact work included) ended: it holds none now.</summary>
    void AgentFree(RoutedAgent agent)
    {
    }

    /// <summary>An ended contact past its retention: the engine no longer finds it by id (<see cref="RoutingEngineOptions.EndedRetention"/>).</summary>
    void Retired(RoutedContact contact)
    {
    }
}

public sealed record RoutingEngineOptions
{
    /// <summary>Every offer connects at once (the simulator's agents never let a contact ring).</summary>
    public bool AutoAccept { get; init; }

    /// <summary>
    /// How long an ended contact with an id stays findable (<see cref="RoutingEngine.FindContact"/>) before the engine
    /// forgets it; null: for ever (the simulator's contacts have no id and are never kept).
    /// </summary>
    public TimeSpan? EndedRetention { get; init; }

    /// <summary>At most this many ended contacts are kept; past it the oldest ended is forgotten first.</summary>
    public int MaxEndedContacts { get; init; } = int.MaxValue;
}

/// <summary>A queue in a Region, resolved once, so that a caller queuing many contacts skips the name lookups.</summary>
public sealed class RoutingTarget
{
    internal RoutingTarget(EngineQueue queue, int region, string regionName)
    {
        Queue = queue;
        RegionIndex = region;
        Region = regionName;
    }

    public string Region { get; }

    public string QueueId => Queue.Id;

    internal EngineQueue Queue { get; }

    internal int RegionIndex { get; }
}

/// <summary>
/// The routing engine of one instance (both Regions of a replicated one): agents, queues and contacts in memory, and
/// the decisions of behaviour doc §4.
///
/// - A waiting contact is offered to the available agent idle longest among the agents whose routing profile serves
///   the contact's queue on its channel, whose delay for that queue has passed, who have a free slot on the channel,
///   whose current work allows the channel (cross-channel behaviour), who are in a ROUTABLE status, and who are
///   signed in to the contact's Region.
/// - An agent who can take work takes, from the queues its profile serves, the lowest priority number first and,
///   within a priority, the contact that has waited longest; its own agent queue comes first (priority 0, no delay).
/// - Cross-channel: a channel may be offered only while every other channel the agent is working allows other
///   channels (ROUTE_ANY_CHANNEL); absent means ROUTE_CURRENT_CHANNEL_ONLY.
/// - Idle clock: restarts when the agent enters a routable status, and when a contact is offered to or leaves the
///   agent; with TIME_SINCE_LAST_INBOUND outbound contacts do not restart it.
///
/// Available agents are kept in pools by (profile, Region, channel), ordered by idle time with O(1) reads and changes
/// (<see cref="AgentPool"/>), and waiting contacts in heaps by (queue, Region, channel), so a decision reads the
/// first of a few pools or heaps: its cost depends on how many profiles serve a queue and how many queues a profile
/// serves, never on how many agents are idle. Configuration changes apply to the next decision;
/// contacts in progress are not disturbed. Not thread-safe: callers serialize access.
/// </summary>
public sealed partial class RoutingEngine
{
    private readonly EngineClock _clock;
    private readonly IRoutingObserver? _observer;
    private readonly bool _autoAccept;
    private readonly Dictionary<string, int> _regionIndex = new(StringComparer.Ordinal);
    private readonly List<string> _regions = [];
    private readonly List<RegionLoad> _loads = [];
    private readonly Dictionary<string, EngineProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EngineQueue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoutedAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoutedContact> _contacts = new(StringComparer.Ordinal);
    private readonly EventHeap<Timer> _timers = new();
    private readonly HashSet<RoutedContact> _scheduled = [];
    private readonly Queue<RoutedContact> _ended = new();
    private readonly long _endedRetentionTicks;
    private readonly int _maxEnded;
    private readonly Func<string, EngineQueue> _queueOf;
    private long _sequence;
    private long _stepStamps;
    private int _agentCount;
    private long _now;

    public RoutingEngine(EngineClock clock, RoutingEngineOptions? options = null, IRoutingObserver? observer = null)
    {
        _clock = clock;
        _observer = observer;
        _autoAccept = options?.AutoAccept ?? false;
        _endedRetentionTicks = options?.EndedRetention?.Ticks ?? -1;
        _maxEnded = options?.MaxEndedContacts ?? int.MaxValue;
        _now = clock.UtcTicks;
        _queueOf = QueueOf;
    }

    private enum TimerKind
    {
        DelayReached,
        PatienceOut,
        AfterContactWorkOver,
        ScheduledStart,
        StepExpired,
    }

    public EngineClock Clock => _clock;

    /// <summary>Contacts offered to an agent: each one a routing decision.</summary>
    public long Offers { get; private set; }

    /// <summary>Times the engine looked for a match (for a contact or for an agent), whether or not it found one.</summary>
    public long Evaluations { get; private set; }

    public IReadOnlyList<string> Regions => _regions;

    public IReadOnlyCollection<RoutedAgent> Agents => _agents.Values;

    /// <summary>The routing profiles the engine knows (including ones agents name but no record has set yet).</summary>
    public IReadOnlyCollection<string> RoutingProfileIds => _profiles.Keys;

    /// <summary>When the next timer (a queue delay passing, a customer's patience running out, after-contact work ending) is due.</summary>
    public long NextDueTicks => _timers.Count > 0 ? _timers.PeekTime : long.MaxValue;

    public RoutedAgent? FindAgent(string userId) => _agents.GetValueOrDefault(userId);

    public RoutedContact? FindContact(string contactId) => _contacts.GetValueOrDefault(contactId);

    /// <summary>Contacts the engine finds by id: those in progress and the ended ones still retained.</summary>
    public int ContactCount => _contacts.Count;

    /// <summary>Contacts of <paramref name="channel"/> not ended yet (queued, scheduled, offered, connected, in after-contact work).</summary>
    public int OpenCount(RoutingChannel channel) => _contacts.Values.Count(c => c.Channel == channel && c.State != ContactState.Ended);

    /// <summary>Those contacts themselves, in no particular order (the dashboard's contact list reads them).</summary>
    public IReadOnlyCollection<RoutedContact> Contacts => _contacts.Values;

    public RegionLoad Load(string region) => _loads[RegionIndex(region)];

    /// <summary>Applies every timer that is due by the clock.</summary>
    public void RunDue() => Begin();

    // ---- configuration ------------------------------------------------------------------------------------------

    /// <summary>Adds or changes a routing profile; agents with it are looked at again at once.</summary>
    public void SetRoutingProfile(RoutingProfile record)
    {
        Begin();
        var profile = ProfileOf(record.Id);
        if (!profile.Differs(record, _queueOf))
        {
            return;
        }

        foreach (var queue in profile.Queues.Select(q => q.Queue).Distinct())
        {
            queue.RemoveServers(profile);
        }

        profile.Load(record, _queueOf);
        foreach (var config in profile.Queues)
        {
            config.Queue.AddServer(config.Channel, new QueueServer(profile, config.Priority, config.DelayTicks));
            if (config.DelayTicks > 0)
            {
                // Contacts already waiting become eligible for this profile when they have waited the new delay.
                for (var region = 0; region < _regions.Count; region++)
                {
                    foreach (var contact in config.Queue.WaitingIfAny(region, (int)config.Channel)?.Items ?? [])
                    {
                        _timers.Push(Math.Max(_now, contact.EnqueuedTicks + config.DelayTicks), new Timer(TimerKind.DelayReached, contact, 0));
                    }
                }
            }
        }

        Rebalance(profile.Agents);
    }

    /// <summary>Forgets a deleted routing profile: its agents are offered nothing until they get another one.</summary>
    public void RemoveRoutingProfile(string routingProfileId)
    {
        Begin();
        if (!_profiles.Remove(routingProfileId, out var profile))
        {
            return;
        }

        foreach (var queue in profile.Queues.Select(q => q.Queue).Distinct())
        {
            queue.RemoveServers(profile);
        }

        foreach (var agent in profile.Agents)
        {
            agent.Profile = null;
            Refresh(agent);
        }

        profile.Agents.Clear();
    }

    /// <summary>
    /// Adds or changes an agent: routing profile, status, Region. Contacts in progress stay with the agent; a Region
    /// change takes effect once they are done (until then the agent is offered nothing).
    /// </summary>
    public void SetAgent(AgentSettings settings)
    {
        Begin();
        var statusTicks = Math.Min(settings.StatusSince?.UtcTicks ?? _now, _now);
        if (!_agents.TryGetValue(settings.UserId, out var agent))
        {
            var own = QueueOf(settings.UserId);
            agent = new RoutedAgent(_agentCount++, settings, own) { LastActivityTicks = statusTicks, LastInboundTicks = statusTicks };
            own.Owner = agent;
            _agents.Add(settings.UserId, agent);
        }
        else if (agent.Settings == settings)
        {
            return;
        }
        else
        {
            var old = agent.Settings;
            agent.Settings = settings;
            if (settings.Routable && (!old.Routable || old.StatusSince != settings.StatusSince))
            {
                // Entering a routable status restarts the idle clock, in both AgentAvailabilityTimer modes [choice].
                agent.LastActivityTicks = Math.Max(agent.LastActivityTicks, statusTicks);
                agent.LastInboundTicks = Math.Max(agent.LastInboundTicks, statusTicks);
            }
        }

        var profile = ProfileOf(settings.RoutingProfileId);
        if (agent.Profile != profile)
        {
            agent.Profile?.Agents.Remove(agent);
            profile.Agents.Add(agent);
            agent.Profile = profile;
        }

        var target = settings.Region is null ? -1 : RegionIndex(settings.Region);
        if (target == agent.RegionIndex)
        {
            // [choice] Sent back to where it still works before a pending move completed: the move is cancelled.
            agent.Moving = false;
            agent.MovingTo = null;
        }
        else if (agent.ContactList.Count == 0 || agent.RegionIndex < 0)
        {
            agent.MoveRequestedTicks = agent.Moving ? agent.MoveRequestedTicks : _now;
            Place(agent, target);
        }
        else
        {
            // "Your agents will be able to complete active voice contacts before shifting Regions."
            // A move already pending keeps the time it was asked for, also when its target changes [choice].
            agent.MoveRequestedTicks = agent.Moving ? agent.MoveRequestedTicks : _now;
            agent.Moving = true;
            agent.TargetRegion = target;
            agent.MovingTo = settings.Region;
        }

        Refresh(agent);
        TryMatchAgent(agent);
    }

    /// <summary>Forgets a deleted user: its contacts in progress and in its agent queue are stopped.</summary>
    public void RemoveAgent(string userId)
    {
        Begin();
        if (!_agents.Remove(userId, out var agent))
        {
            return;
        }

        foreach (var contact in agent.ContactList.ToList())
        {
            EndContact(contact, ContactEnd.Stopped, rematch: false);
        }

        for (var region = 0; region < _regions.Count; region++)
        {
            for (var channel = 0; channel < RoutingChannels.Count; channel++)
            {
                var waiting = agent.OwnQueue.WaitingIfAny(region, channel);
                while (waiting?.Peek() is { } contact)
                {
                    waiting.Remove(contact);
                    Finish(contact, ContactEnd.Stopped);
                }
            }
        }

        agent.Profile?.Agents.Remove(agent);
        agent.Profile = null;
        agent.Moving = false;
        Place(agent, -1);
        Refresh(agent);
        if (_queues.Remove(userId, out var own))
        {
            own.Removed = true;
        }
    }

    // ---- contacts ----------------------------------------------------------------------------------------------

    /// <summary>A queue in a Region, for callers that queue many contacts (the simulator).</summary>
    public RoutingTarget Target(string region, string queueId) => new(QueueOf(queueId), RegionIndex(region), region);

    /// <summary>Queues a contact and offers it at once if an agent can take it.</summary>
    public RoutedContact Enqueue(ContactRequest request) =>
        Enqueue(Target(request.Region, request.QueueId), request.Channel, request.Initiation, request.Patience?.Ticks ?? -1, request.Id, request.Tag,
            request.Priority, request.AgeAdjustment, request.Criteria);

    /// <param name="patienceTicks">How long the customer waits before leaving; negative: forever.</param>
    public RoutedContact Enqueue(RoutingTarget target, RoutingChannel channel, ContactInitiation initiation, long patienceTicks, string? id = null, object? tag = null)
    {
        Begin();
        var contact = NewContact(id, target.RegionIndex, target.Region, channel, initiation, tag);
        contact.QueueRef = target.Queue;
        Queue(contact, patienceTicks);
        return contact;
    }

    /// <summary>
    /// A contact that starts later (a task with a scheduled time): it exists from now, in
    /// <see cref="ContactState.Scheduled"/>, and is queued in the request's queue at <paramref name="startTicks"/>
    /// (at once when that time has come).
    /// </summary>
    public RoutedContact Schedule(ContactRequest request, long startTicks)
    {
        Begin();
        var target = Target(request.Region, request.QueueId);
        var contact = NewContact(request.Id, target.RegionIndex, target.Region, request.Channel, request.Initiation, request.Tag);
        contact.QueueRef = target.Queue;
        contact.Priority = request.Priority;
        contact.AgeAdjustmentTicks = request.AgeAdjustment.Ticks;
        contact.Progress = request.Criteria is null ? null : new CriteriaProgress(request.Criteria, 0);
        contact.ScheduledTicks = startTicks;
        contact.PatienceTicks = request.Patience?.Ticks ?? -1;
        if (startTicks <= _now)
        {
            Queue(contact, contact.PatienceTicks);
            return contact;
        }

        SetState(contact, ContactState.Scheduled);
        _scheduled.Add(contact);
        _timers.Push(startTicks, new Timer(TimerKind.ScheduledStart, contact, startTicks));
        return contact;
    }

    /// <summary>
    /// Moves the start of a contact still waiting for its scheduled time (UpdateContactSchedule): it is queued at
    /// <paramref name="startTicks"/> instead, at once when that time has come. False when it is not waiting for its time.
    /// </summary>
    public bool Reschedule(RoutedContact contact, long startTicks)
    {
        Begin();
        if (contact.State != ContactState.Scheduled)
        {
            return false;
        }

        contact.ScheduledTicks = startTicks;
        if (startTicks <= _now)
        {
            _scheduled.Remove(contact);
            Queue(contact, contact.PatienceTicks);
            return true;
        }

        _timers.Push(startTicks, new Timer(TimerKind.ScheduledStart, contact, startTicks));
        return true;
    }

    /// <summary>The contacts of the queue, Region and channel waiting for their scheduled time (CONTACTS_SCHEDULED).</summary>
    public int ScheduledCount(string region, string queueId, RoutingChannel channel) =>
        _scheduled.Count(c => c.Region == region && c.QueueId == queueId && c.Channel == channel);

    /// <summary>Puts a contact (its queue already set) in its queue now, or offers it at once if an agent can take it.</summary>
    private void Queue(RoutedContact contact, long patienceTicks)
    {
        var queue = contact.QueueRef!;
        SetState(contact, ContactState.Queued);
        contact.EnqueuedTicks = _now;
        if (contact.Progress is not null)
        {
            ActivateCriteria(contact);
        }

        if (TryMatchContact(contact))
        {
            return;
        }

        queue.Waiting(contact.RegionIndex, contact.Channel).Insert(contact);
        foreach (var delay in queue.Delays[(int)contact.Channel])
        {
            _timers.Push(_now + delay, new Timer(TimerKind.DelayReached, contact, 0));
        }

        if (patienceTicks >= 0)
        {
            _timers.Push(_now + patienceTicks, new Timer(TimerKind.PatienceOut, contact, 0));
        }
    }

    /// <summary>
    /// An agent's own outbound contact (dialled from the softphone): connected to the agent at once, without a queue
    /// decision. [choice] it needs only a free slot on the channel, whatever the cross-channel rules.
    /// </summary>
    public RoutedContact StartOutbound(string userId, RoutingChannel channel = RoutingChannel.Voice, string? id = null, string? queueId = null, object? tag = null)
    {
        Begin();
        var agent = _agents.GetValueOrDefault(userId) ?? throw Errors.NotFound("User");
        if (!agent.Settings.Online || agent.RegionIndex < 0)
        {
            throw Errors.InvalidRequest("The agent is not signed in.");
        }

        if (agent.MaxSlots(channel) <= agent.Active[(int)channel])
        {
            throw Errors.InvalidRequest($"The agent has no free {RoutingChannels.Name(channel)} slot.");
        }

        var contact = NewContact(id, agent.RegionIndex, _regions[agent.RegionIndex], channel, ContactInitiation.Outbound, tag);
        if (queueId is not null)
        {
            contact.QueueRef = QueueOf(queueId);
            contact.EnqueuedTicks = _now;
        }

        Attach(contact, agent);
        Connect(contact);
        return contact;
    }

    /// <summary>The agent accepts an offered contact.</summary>
    public void Accept(RoutedContact contact)
    {
        Begin();
        Require(contact, ContactState.Offered, "offered to an agent");
        Connect(contact);
    }

    /// <summary>
    /// The agent rejects an offered contact: it goes back to its queue with its original arrival time, and the agent's
    /// idle clock restarts, so the next longest-idle agent is offered it first. [choice] ConnectLocal has no "missed"
    /// agent state: the agent stays routable, and is offered the contact again if nobody else can take it.
    /// </summary>
    public void Reject(RoutedContact contact)
    {
        Begin();
        Require(contact, ContactState.Offered, "offered to an agent");
        var agent = contact.AgentRef!;
        Detach(contact);
        contact.AgentRef = null;
        contact.OfferedTicks = 0;
        SetState(contact, ContactState.Queued);
        Touch(agent, inbound: true);
        Refresh(agent);
        if (contact.Requirement is not null)
        {
            PassExpiredSteps(contact);
        }

        if (!TryMatchContact(contact))
        {
            contact.QueueRef!.Waiting(contact.RegionIndex, contact.Channel).Insert(contact);
        }

        TryMatchAgent(agent);
    }

    /// <summary>The conversation ends; after-contact work follows for as long as the agent's settings say.</summary>
    public void Complete(RoutedContact contact)
    {
        Begin();
        Require(contact, ContactState.Connected, "connected to an agent");
        EndConversation(contact, contact.AgentRef!.Settings.AfterContactWorkLimit);
    }

    /// <summary>The conversation ends, followed by exactly this much after-contact work (zero: none).</summary>
    public void Complete(RoutedContact contact, TimeSpan afterContactWork)
    {
        Begin();
        Require(contact, ContactState.Connected, "connected to an agent");
        EndConversation(contact, afterContactWork);
    }

    /// <summary>The agent finishes after-contact work (closes the contact): the slot is free again.</summary>
    public void FinishAfterContactWork(RoutedContact contact)
    {
        Begin();
        Require(contact, ContactState.AfterContactWork, "in after-contact work");
        EndContact(contact, ContactEnd.Completed, rematch: true);
    }

    /// <summary>The customer hangs up: a waiting or ringing contact is abandoned; a connected one goes to after-contact work.</summary>
    public void Abandon(RoutedContact contact)
    {
        Begin();
        Disconnect(contact, ContactEnd.Abandoned);
    }

    /// <summary>
    /// StopContact: a waiting or offered contact ends (stopped); a connected one goes to after-contact work as the
    /// agent's settings say; one in after-contact work is closed. Returns false when the contact had already ended.
    /// </summary>
    public bool Stop(RoutedContact contact)
    {
        Begin();
        if (contact.State == ContactState.AfterContactWork)
        {
            EndContact(contact, ContactEnd.Completed, rematch: true);
            return true;
        }

        return Disconnect(contact, ContactEnd.Stopped);
    }

    // ---- what is waiting ---------------------------------------------------------------------------------------

    public int WaitingCount(string region, string queueId, RoutingChannel channel) =>
        _regionIndex.TryGetValue(region, out var r) && _queues.TryGetValue(queueId, out var q) ? q.WaitingIfAny(r, (int)channel)?.Count ?? 0 : 0;

    public int WaitingCount(RoutingTarget target, RoutingChannel channel) => target.Queue.WaitingIfAny(target.RegionIndex, (int)channel)?.Count ?? 0;

    /// <summary>The contact waiting longest in the queue, Region and channel (null when none waits).</summary>
    public RoutedContact? OldestWaiting(string region, string queueId, RoutingChannel channel) =>
        _regionIndex.TryGetValue(region, out var r) && _queues.TryGetValue(queueId, out var q) ? q.WaitingIfAny(r, (int)channel)?.Peek() : null;

    public RoutedContact? OldestWaiting(RoutingTarget target, RoutingChannel channel) => target.Queue.WaitingIfAny(target.RegionIndex, (int)channel)?.Peek();

    /// <summary>The agents whose routing profile serves the queue on the channel (any channel when null); an agent queue's owner.</summary>
    public IEnumerable<RoutedAgent> AgentsServing(string queueId, RoutingChannel? channel = null)
    {
        if (!_queues.TryGetValue(queueId, out var queue))
        {
            return [];
        }

        if (queue.Owner is { } owner)
        {
            return [owner];
        }

        var channels = channel is { } only ? [(int)only] : Enumerable.Range(0, RoutingChannels.Count);
        return channels.SelectMany(c => queue.Servers[c]).Select(s => s.Profile).Distinct().SelectMany(p => p.Agents).Distinct();
    }

    // ---- decisions ---------------------------------------------------------------------------------------------

    /// <summary>Offers the contact to the longest-idle agent who can take it now; false when nobody can.</summary>
    private bool TryMatchContact(RoutedContact contact)
    {
        if (contact.Paused)
        {
            return false; // out of its queue until resumed (RoutingEngine.Pauses.cs)
        }

        Evaluations++;
        var channel = (int)contact.Channel;
        var region = contact.RegionIndex;
        var queue = contact.QueueRef!;
        RoutedAgent? best = null;
        if (queue.Owner is { } owner)
        {
            if (owner.RegionIndex == region && owner.PoolOf[channel] is not null)
            {
                best = owner;
            }
        }
        else
        {
            var waited = _now - contact.EnqueuedTicks;
            var servers = queue.Servers[channel];
            for (var i = 0; i < servers.Length; i++)
            {
                var server = servers[i];
                if (server.DelayTicks > waited)
                {
                    continue;
                }

                var pool = server.Profile.PoolIfAny(region, channel);
                if (pool is null || pool.Count == 0)
                {
                    continue;
                }

                var candidate = contact.Requirement is null ? pool.Peek() : pool.First(contact.Requirement);
                if (candidate is not null && (best is null || AgentHeap.Before(candidate, best)))
                {
                    best = candidate;
                }
            }
        }

        best ??= CrossRegionAgent(contact);
        if (best is null)
        {
            return false;
        }

        if (contact.HeapSlot >= 0)
        {
            queue.Waiting(region, contact.Channel).Remove(contact);
        }

        Offer(contact, best);
        return true;
    }

    /// <summary>While the agent can take work: offers it the best contact it may take (own queue, then priority, then longest wait).</summary>
    private void TryMatchAgent(RoutedAgent agent)
    {
        while (true)
        {
            var profile = agent.Profile;
            var region = agent.RegionIndex;
            if (profile is null || region < 0 || (agent.PoolOf[0] is null && agent.PoolOf[1] is null && agent.PoolOf[2] is null && agent.PoolOf[3] is null))
            {
                return;
            }

            Evaluations++;
            RoutedContact? best = null;
            var bestPriority = int.MaxValue;
            for (var channel = 0; channel < RoutingChannels.Count; channel++)
            {
                if (agent.PoolOf[channel] is not null && FirstFor(agent, agent.OwnQueue.WaitingIfAny(region, channel), 0) is { } own && Better(own, 0, best, bestPriority))
                {
                    best = own;
                    bestPriority = 0;
                }
            }

            var configs = profile.Queues;
            for (var i = 0; i < configs.Length; i++)
            {
                var config = configs[i];
                if (config.Priority > bestPriority)
                {
                    break; // sorted by priority: nothing further can win
                }

                if (agent.PoolOf[(int)config.Channel] is null)
                {
                    continue;
                }

                var head = FirstFor(agent, config.Queue.WaitingIfAny(region, (int)config.Channel), config.DelayTicks);
                if (head is null)
                {
                    continue; // the first has not waited the delay (or none waits the agent may take)
                }

                if (Better(head, config.Priority, best, bestPriority))
                {
                    best = head;
                    bestPriority = config.Priority;
                }
            }

            best ??= CrossRegionContact(agent);
            if (best is null)
            {
                return;
            }

            best.QueueRef!.Waiting(best.RegionIndex, best.Channel).Remove(best);
            Offer(best, agent);
        }
    }

    // Within a profile's priority: the contact's own routing priority (UpdateContactRoutingBehavior, default 5), then
    // its routing age (the wait plus any time adjustment), then arrival order.
    private static bool Better(RoutedContact contact, int priority, RoutedContact? best, int bestPriority) =>
        best is null
        || priority < bestPriority
        || (priority == bestPriority && ContactHeap.Before(contact, best));

    /// <summary>Agents become able to take work together (a configuration change): the longest idle chooses first.</summary>
    private void Rebalance(IEnumerable<RoutedAgent> agents)
    {
        var list = agents.ToList();
        foreach (var agent in list)
        {
            Refresh(agent);
        }

        foreach (var agent in list.OrderBy(a => a.KeyTicks).ThenBy(a => a.Index))
        {
            TryMatchAgent(agent);
        }
    }

    private void Offer(RoutedContact contact, RoutedAgent agent)
    {
        Offers++;
        Attach(contact, agent);
        _observer?.Offered(contact);
        if (_autoAccept || (contact.Channel == RoutingChannel.Voice && agent.Settings.AutoAcceptVoice))
        {
            Connect(contact);
        }
    }

    private void Attach(RoutedContact contact, RoutedAgent agent)
    {
        contact.AgentRef = agent;
        contact.OfferedTicks = _now;
        SetState(contact, ContactState.Offered);
        agent.ContactList.Add(contact);
        agent.Active[(int)contact.Channel]++;
        Touch(agent, contact.IsInbound);
        Refresh(agent);
    }

    private void Detach(RoutedContact contact)
    {
        var agent = contact.AgentRef!;
        agent.ContactList.Remove(contact);
        if (contact.Paused)
        {
            contact.Paused = false; // its slot was freed when it was paused
            return;
        }

        agent.Active[(int)contact.Channel]--;
    }

    private void Connect(RoutedContact contact)
    {
        contact.ConnectedTicks = _now;
        SetState(contact, ContactState.Connected);
        _observer?.Connected(contact);
    }

    private void EndConversation(RoutedContact contact, TimeSpan? afterContactWork)
    {
        if (afterContactWork == TimeSpan.Zero)
        {
            EndContact(contact, ContactEnd.Completed, rematch: true);
            return;
        }

        contact.AfterContactWorkTicks = _now;
        SetState(contact, ContactState.AfterContactWork);
        if (afterContactWork is { } limit)
        {
            _timers.Push(_now + limit.Ticks, new Timer(TimerKind.AfterContactWorkOver, contact, _now));
        }
    }

    private bool Disconnect(RoutedContact contact, ContactEnd reason)
    {
        if (contact.Paused)
        {
            Unpause(contact); // ends as if resumed first: a paused queued contact is in no queue
        }
        else if (contact.State == ContactState.Queued)
        {
            contact.QueueRef!.Waiting(contact.RegionIndex, contact.Channel).Remove(contact);
        }

        switch (contact.State)
        {
            case ContactState.Queued:
                Finish(contact, reason);
                return true;
            case ContactState.Scheduled:
                _scheduled.Remove(contact);
                Finish(contact, reason);
                return true;
            case ContactState.Offered:
                EndContact(contact, reason, rematch: true);
                return true;
            case ContactState.Connected:
                EndConversation(contact, contact.AgentRef!.Settings.AfterContactWorkLimit);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Ends a contact an agent holds: the slot is freed, the idle clock restarts, and the agent may take more.</summary>
    private void EndContact(RoutedContact contact, ContactEnd reason, bool rematch)
    {
        var agent = contact.AgentRef!;
        Detach(contact);
        Touch(agent, contact.IsInbound);
        if (agent.Moving && agent.ContactList.Count == 0)
        {
            Place(agent, agent.TargetRegion);
        }

        if (agent.ContactList.Count == 0)
        {
            _observer?.AgentFree(agent);
        }

        Refresh(agent);
        Finish(contact, reason);
        if (rematch)
        {
            TryMatchAgent(agent);
        }
    }

    private void Finish(RoutedContact contact, ContactEnd reason)
    {
        contact.EndReason = reason;
        contact.EndedTicks = _now;
        SetState(contact, ContactState.Ended);
        _observer?.Ended(contact);
        if (contact.Id is not null && _endedRetentionTicks >= 0)
        {
            // Ends happen in clock order, so the queue is oldest first.
            _ended.Enqueue(contact);
            Retire();
        }
    }

    /// <summary>Forgets ended contacts past their retention, and the oldest beyond the count kept.</summary>
    private void Retire()
    {
        while (_ended.Count > 0 && (_ended.Count > _maxEnded || _ended.Peek().EndedTicks <= _now - _endedRetentionTicks))
        {
            var contact = _ended.Dequeue();
            _contacts.Remove(contact.Id!);
            _observer?.Retired(contact);
        }
    }

    // ---- agents ------------------------------------------------------------------------------------------------

    private void Touch(RoutedAgent agent, bool inbound)
    {
        agent.LastActivityTicks = _now;
        if (inbound)
        {
            agent.LastInboundTicks = _now;
        }
    }

    private void Place(RoutedAgent agent, int region)
    {
        if (agent.RegionIndex != region && agent.Placed)
        {
            // [choice] The first placement of a new agent is where it signs in, not a change of Region.
            agent.LastRegionChange = new AgentRegionChange(agent.Region, region < 0 ? null : _regions[region],
                new DateTimeOffset(agent.MoveRequestedTicks, TimeSpan.Zero), new DateTimeOffset(_now, TimeSpan.Zero));
        }

        agent.Placed = true;
        agent.RegionIndex = region;
        agent.Region = region < 0 ? null : _regions[region];
        agent.Moving = false;
        agent.MovingTo = null;
    }

    /// <summary>
    /// Puts the agent in exactly the pools it belongs in (one per channel it can be offered now) at its current idle
    /// key, and updates its Region's load counters.
    /// </summary>
    private void Refresh(RoutedAgent agent)
    {
        var profile = agent.Profile;
        var key = profile is { SinceLastInbound: true } ? agent.LastInboundTicks : agent.LastActivityTicks;
        var keyChanged = key != agent.KeyTicks;
        agent.KeyTicks = key;
        var placed = profile is not null && agent.Settings.Routable && agent.RegionIndex >= 0 && !agent.Moving;
        var blocking = placed ? BlockingChannels(agent, profile!) : 0;
        for (var channel = 0; channel < RoutingChannels.Count; channel++)
        {
            AgentPool? target = null;
            if (placed && profile!.Concurrency[channel] > agent.Active[channel] && (blocking & ~(1 << channel)) == 0)
            {
                target = profile.Pool(agent.RegionIndex, (RoutingChannel)channel);
            }

            var current = agent.PoolOf[channel];
            if (current != target)
            {
                current?.Remove(agent);
                target?.Insert(agent);
                agent.PoolOf[channel] = target;
            }
            else if (target is not null && keyChanged)
            {
                target.Update(agent);
            }
        }

        Count(agent, placed);
    }

    /// <summary>
    /// Behaviour doc §3: while working a channel whose behaviour is not ROUTE_ANY_CHANNEL, no other channel is offered.
    /// The channels the agent works that way, as bits: a channel may be offered when no bit but its own is set.
    /// </summary>
    private static int BlockingChannels(RoutedAgent agent, EngineProfile profile)
    {
        var blocking = 0;
        for (var working = 0; working < RoutingChannels.Count; working++)
        {
            if (agent.Active[working] > 0 && !profile.AnyChannel[working])
            {
                blocking |= 1 << working;
            }
        }

        return blocking;
    }

    private void Count(RoutedAgent agent, bool placed)
    {
        var region = agent.RegionIndex;
        if (agent.CountedRegion >= 0 && agent.CountedRegion != region)
        {
            var old = _loads[agent.CountedRegion];
            if (agent.CountedStaffed)
            {
                old.Staffed.Add(-1, _now);
            }

            if (agent.CountedBusy)
            {
                old.Busy.Add(-1, _now);
            }

            for (var c = 0; c < RoutingChannels.Count; c++)
            {
                old.Capacity[c].Add(-agent.CountedCapacity[c], _now);
                old.Occupied[c].Add(-agent.CountedOccupied[c], _now);
                if (agent.CountedBusyOn[c])
                {
                    old.BusyOn[c].Add(-1, _now);
                    agent.CountedBusyOn[c] = false;
                }

                if (agent.CountedStaffedOn[c])
                {
                    old.StaffedOn[c].Add(-1, _now);
                    agent.CountedStaffedOn[c] = false;
                }

                agent.CountedCapacity[c] = 0;
                agent.CountedOccupied[c] = 0;
            }

            agent.CountedStaffed = false;
            agent.CountedBusy = false;
        }

        agent.CountedRegion = region;
        if (region < 0)
        {
            return;
        }

        var load = _loads[region];
        var busy = agent.ContactList.Count > 0;
        var staffed = agent.Settings.Online && (placed || busy);
        if (staffed != agent.CountedStaffed)
        {
            load.Staffed.Add(staffed ? 1 : -1, _now);
            agent.CountedStaffed = staffed;
        }

        if (busy != agent.CountedBusy)
        {
            load.Busy.Add(busy ? 1 : -1, _now);
            agent.CountedBusy = busy;
        }

        for (var c = 0; c < RoutingChannels.Count; c++)
        {
            var staffedOn = staffed && (agent.Profile?.Concurrency[c] > 0 || agent.Active[c] > 0);
            if (staffedOn != agent.CountedStaffedOn[c])
            {
                load.StaffedOn[c].Add(staffedOn ? 1 : -1, _now);
                agent.CountedStaffedOn[c] = staffedOn;
            }

            var capacity = placed ? agent.Profile!.Concurrency[c] : 0;
            if (capacity != agent.CountedCapacity[c])
            {
                load.Capacity[c].Add(capacity - agent.CountedCapacity[c], _now);
                agent.CountedCapacity[c] = capacity;
            }

            if (agent.Active[c] != agent.CountedOccupied[c])
            {
                load.Occupied[c].Add(agent.Active[c] - agent.CountedOccupied[c], _now);
                agent.CountedOccupied[c] = agent.Active[c];
                var busyOn = agent.Active[c] > 0;
                if (busyOn != agent.CountedBusyOn[c])
                {
                    load.BusyOn[c].Add(busyOn ? 1 : -1, _now);
                    agent.CountedBusyOn[c] = busyOn;
                }
            }
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /// <summary>Runs the timers that are due, each at its own time, then sets "now" to the clock.</summary>
    private void Begin()
    {
        var limit = Math.Max(_clock.UtcTicks, _now);
        while (_timers.Count > 0 && _timers.PeekTime <= limit)
        {
            var timer = _timers.Pop(out var due);
            _now = Math.Max(_now, due);
            Fire(timer);
        }

        _now = limit;
        if (_ended.Count > 0)
        {
            Retire();
        }
    }

    private void Fire(Timer timer)
    {
        var contact = timer.Contact;
        switch (timer.Kind)
        {
            case TimerKind.DelayReached when contact.State == ContactState.Queued:
                TryMatchContact(contact);
                break;
            case TimerKind.PatienceOut when contact.State == ContactState.Queued && !contact.Paused:
                contact.QueueRef!.Waiting(contact.RegionIndex, contact.Channel).Remove(contact);
                Finish(contact, ContactEnd.Abandoned);
                break;
            // A rescheduled contact's earlier timer finds another start time, and does nothing (Reschedule).
            case TimerKind.ScheduledStart when contact.State == ContactState.Scheduled && contact.ScheduledTicks == timer.Since:
                _scheduled.Remove(contact);
                Queue(contact, contact.PatienceTicks);
                break;
            case TimerKind.StepExpired:
                StepExpired(contact, timer.Since);
                break;
            case TimerKind.AfterContactWorkOver when contact.State == ContactState.AfterContactWork && contact.AfterContactWorkTicks == timer.Since:
                EndContact(contact, ContactEnd.Completed, rematch: true);
                break;
        }
    }

    private RoutedContact NewContact(string? id, int region, string regionName, RoutingChannel channel, ContactInitiation initiation, object? tag)
    {
        var contact = new RoutedContact(id, ++_sequence, region, regionName, channel, initiation, tag)
        {
            InitiatedTicks = _now,
            StateTicks = _now,
        };
        if (id is not null && !_contacts.TryAdd(id, contact))
        {
            throw Errors.InvalidRequest($"A contact with id {id} already exists.");
        }

        return contact;
    }

    private void SetState(RoutedContact contact, ContactState state)
    {
        contact.State = state;
        contact.StateTicks = _now;
    }

    private static void Require(RoutedContact contact, ContactState state, string what)
    {
        if (contact.State != state)
        {
            throw Errors.InvalidRequest($"The contact is not {what} (it is {contact.State}).");
        }
    }

    private int RegionIndex(string region)
    {
        if (!_regionIndex.TryGetValue(region, out var index))
        {
            index = _regions.Count;
            _regionIndex.Add(region, index);
            _regions.Add(region);
            _loads.Add(new RegionLoad(region));
        }

        return index;
    }

    private EngineQueue QueueOf(string queueId)
    {
        if (!_queues.TryGetValue(queueId, out var queue))
        {
            queue = new EngineQueue(queueId);
            _queues.Add(queueId, queue);
        }

        return queue;
    }

    private EngineProfile ProfileOf(string profileId)
    {
        if (!_profiles.TryGetValue(profileId, out var profile))
        {
            profile = new EngineProfile(profileId);
            _profiles.Add(profileId, profile);
        }

        return profile;
    }

    private readonly record struct Timer(TimerKind Kind, RoutedContact Contact, long Since);
}
