namespace ConnectLocal.Core.Routing;

/// <summary>A queue a profile serves on one channel: at a priority (lower first) once a contact has waited the delay.</summary>
internal readonly record struct ProfileQueue(EngineQueue Queue, RoutingChannel Channel, int Priority, long DelayTicks);

/// <summary>
/// A routing profile compiled for routing: concurrency and cross-channel behaviour as arrays by channel, its queue
/// configs sorted by priority, and the pools of its available agents by Region and channel.
/// </summary>
internal sealed class EngineProfile(string id)
{
    public const string RouteAnyChannel = "ROUTE_ANY_CHANNEL";
    public const string TimeSinceLastInbound = "TIME_SINCE_LAST_INBOUND";

    private AgentPool[][] _pools = [];

    public string Id { get; } = id;

    public int[] Concurrency { get; private set; } = new int[RoutingChannels.Count];

    /// <summary>ROUTE_ANY_CHANNEL per channel; absent or ROUTE_CURRENT_CHANNEL_ONLY is false (behaviour doc §3 [choice]).</summary>
    public bool[] AnyChannel { get; private set; } = new bool[RoutingChannels.Count];

    public bool SinceLastInbound { get; private set; }

    public ProfileQueue[] Queues { get; private set; } = [];

    public HashSet<RoutedAgent> Agents { get; } = [];

    /// <summary>Whether the record asks for anything different from what this profile holds now.</summary>
    public bool Differs(RoutingProfile record, Func<string, EngineQueue> queues)
    {
        var (concurrency, any, sinceInbound, configs) = Compile(record, queues);
        return sinceInbound != SinceLastInbound
            || !concurrency.AsSpan().SequenceEqual(Concurrency)
            || !any.AsSpan().SequenceEqual(AnyChannel)
            || !configs.AsSpan().SequenceEqual(Queues);
    }

    public void Load(RoutingProfile record, Func<string, EngineQueue> queues)
    {
        (Concurrency, AnyChannel, SinceLastInbound, Queues) = Compile(record, queues);
    }

    public AgentPool Pool(int region, RoutingChannel channel)
    {
        if (region >= _pools.Length)
        {
            var grown = new AgentPool[region + 1][];
            Array.Copy(_pools, grown, _pools.Length);
            for (var r = _pools.Length; r < grown.Length; r++)
            {
                grown[r] = [new(0), new(1), new(2), new(3)];
            }

            _pools = grown;
        }

        return _pools[region][(int)channel];
    }

    /// <summary>The pool if it exists (a Region no agent of this profile was ever in has none).</summary>
    public AgentPool? PoolIfAny(int region, int channel) => region < _pools.Length ? _pools[region][channel] : null;

    private static (int[] Concurrency, bool[] Any, bool SinceInbound, ProfileQueue[] Queues) Compile(RoutingProfile record, Func<string, EngineQueue> queues)
    {
        var concurrency = new int[RoutingChannels.Count];
        var any = new bool[RoutingChannels.Count];
        foreach (var media in record.MediaConcurrencies)
        {
            if (RoutingChannels.TryParse(media.Channel, out var channel))
            {
                concurrency[(int)channel] = media.Concurrency;
                any[(int)channel] = media.CrossChannelBehavior == RouteAnyChannel;
            }
        }

        // Queue configs of a channel the profile does not enable are kept but unused (routing-profile [choice]).
        var configs = record.Queues
            .Where(q => RoutingChannels.TryParse(q.Channel, out var channel) && concurrency[(int)channel] > 0)
            .Select(q => new ProfileQueue(queues(q.QueueId), RoutingChannels.Parse(q.Channel), q.Priority, TimeSpan.FromSeconds(q.Delay).Ticks))
            .OrderBy(q => q.Priority)
            .ThenBy(q => q.Queue.Id, StringComparer.Ordinal)
            .ThenBy(q => q.Channel)
            .ToArray();
        return (concurrency, any, record.AgentAvailabilityTimer == TimeSinceLastInbound, configs);
    }
}

/// <summary>A profile serving a queue on a channel, seen from the queue.</summary>
internal readonly record struct QueueServer(EngineProfile Profile, int Priority, long DelayTicks);

/// <summary>
/// A queue: its waiting contacts by Region and channel, and the profiles that serve it by channel. An agent's own
/// queue has an <see cref="Owner"/> and no servers: only that agent takes its contacts.
/// </summary>
internal sealed class EngineQueue(string id, RoutedAgent? owner = null)
{
    private ContactHeap[][] _waiting = [];

    public string Id { get; } = id;

    public RoutedAgent? Owner { get; set; } = owner;

    /// <summary>The engine no longer knows the queue (its agent was removed): a <see cref="RoutingTarget"/> kept for it is stale.</summary>
    public bool Removed { get; set; }

    public QueueServer[][] Servers { get; } = [[], [], [], []];

    /// <summary>The distinct non-zero delays of the servers per channel: when a waiting contact must be looked at again.</summary>
    public long[][] Delays { get; } = [[], [], [], []];

    public ContactHeap Waiting(int region, RoutingChannel channel)
    {
        if (region >= _waiting.Length)
        {
            var grown = new ContactHeap[region + 1][];
            Array.Copy(_waiting, grown, _waiting.Length);
            for (var r = _waiting.Length; r < grown.Length; r++)
            {
                grown[r] = [new(), new(), new(), new()];
            }

            _waiting = grown;
        }

        return _waiting[region][(int)channel];
    }

    public ContactHeap? WaitingIfAny(int region, int channel) => region < _waiting.Length ? _waiting[region][channel] : null;

    public void AddServer(RoutingChannel channel, QueueServer server)
    {
        Servers[(int)channel] = [.. Servers[(int)channel], server];
        RecomputeDelays(channel);
    }

    public void RemoveServers(EngineProfile profile)
    {
        for (var c = 0; c < RoutingChannels.Count; c++)
        {
            if (Servers[c].Any(s => s.Profile == profile))
            {
                Servers[c] = Servers[c].Where(s => s.Profile != profile).ToArray();
                RecomputeDelays((RoutingChannel)c);
            }
        }
    }

    private void RecomputeDelays(RoutingChannel channel) =>
        Delays[(int)channel] = Servers[(int)channel].Select(s => s.DelayTicks).Where(d => d > 0).Distinct().Order().ToArray();
}
