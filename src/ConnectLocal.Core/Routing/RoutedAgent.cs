namespace ConnectLocal.Core.Routing;

/// <summary>
/// What the engine needs to know of an agent, taken from the domain records: the user's routing profile, the
/// agent status from PutUserStatus (and its type), and the Region the agent is signed in to (Global Resiliency).
/// </summary>
/// <param name="Online">Signed in: in any status but an OFFLINE one.</param>
/// <param name="Routable">In a ROUTABLE status.</param>
/// <param name="StatusSince">When the agent entered the status; entering a routable status restarts the idle clock.</param>
/// <param name="Region">The Region the agent is signed in to; null when sign-in is not possible anywhere.</param>
/// <param name="AutoAcceptVoice">The user's PhoneConfig.AutoAccept: voice offers connect at once.</param>
/// <param name="AfterContactWorkLimit">How long after-contact work lasts when a contact is completed without saying;
/// null: until the agent finishes it (PhoneConfig.AfterContactWorkTimeLimit 0 means "no limit").</param>
/// <param name="Proficiencies">The user's proficiencies (AssociateUserProficiencies), which routing criteria test.</param>
public sealed record AgentSettings(
    string UserId,
    string RoutingProfileId,
    bool Online,
    bool Routable,
    string? Region,
    DateTimeOffset? StatusSince = null,
    string? StatusId = null,
    bool AutoAcceptVoice = false,
    TimeSpan? AfterContactWorkLimit = null,
    AgentProficiencies? Proficiencies = null);

/// <summary>An agent as the engine sees it: read-only from outside; the engine changes it.</summary>
public sealed class RoutedAgent
{
    internal readonly int[] Active = new int[RoutingChannels.Count];
    internal readonly int[] PoolSlot = [-1, -1, -1, -1];
    internal readonly AgentPool?[] PoolOf = new AgentPool?[RoutingChannels.Count];
    internal readonly bool[] InList = new bool[RoutingChannels.Count];
    internal readonly RoutedAgent?[] Prev = new RoutedAgent?[RoutingChannels.Count];
    internal readonly RoutedAgent?[] Next = new RoutedAgent?[RoutingChannels.Count];
    internal readonly List<RoutedContact> ContactList = new(2);
    internal EngineProfile? Profile;
    internal int RegionIndex = -1;
    internal bool Moving;
    internal int TargetRegion = -1;
    internal long LastActivityTicks;
    internal long LastInboundTicks;

    /// <summary>The heap key: when the idle clock last restarted, by the profile's AgentAvailabilityTimer.</summary>
    internal long KeyTicks;

    // What this agent last added to its Region's load counters, so a change adds only the difference.
    internal int CountedRegion = -1;
    internal bool CountedStaffed;
    internal bool CountedBusy;
    internal readonly bool[] CountedBusyOn = new bool[RoutingChannels.Count];
    internal readonly bool[] CountedStaffedOn = new bool[RoutingChannels.Count];
    internal readonly int[] CountedCapacity = new int[RoutingChannels.Count];
    internal readonly int[] CountedOccupied = new int[RoutingChannels.Count];

    internal RoutedAgent(int index, AgentSettings settings, EngineQueue ownQueue)
    {
        Index = index;
        Settings = settings;
        OwnQueue = ownQueue;
    }

    internal int Index { get; }

    internal EngineQueue OwnQueue { get; }

    public AgentSettings Settings { get; internal set; }

    public string UserId => Settings.UserId;

    public string RoutingProfileId => Settings.RoutingProfileId;

    /// <summary>The Region the agent works in now (null: signed in nowhere).</summary>
    public string? Region { get; internal set; }

    /// <summary>A Region the agent moves to once its contacts in progress are done (Global Resiliency agent shift).</summary>
    public string? MovingTo { get; internal set; }

    /// <summary>When the pending move to <see cref="MovingTo"/> was asked for (null when no move is pending).</summary>
    public DateTimeOffset? MoveRequestedAt => Moving ? new DateTimeOffset(MoveRequestedTicks, TimeSpan.Zero) : null;

    /// <summary>The agent's last Region change that took effect (null: the agent has stayed where it was first placed).</summary>
    public AgentRegionChange? LastRegionChange { get; internal set; }

    internal long MoveRequestedTicks;

    // Whether the engine has placed the agent in a Region (or nowhere) once: later placements are Region changes.
    internal bool Placed;

    public bool IsOnline => Settings.Online;

    public bool IsRoutable => Settings.Routable;

    public IReadOnlyList<RoutedContact> Contacts => ContactList;

    /// <summary>When the idle clock last restarted (the longest-idle ranking), by the profile's AgentAvailabilityTimer.</summary>
    public DateTimeOffset IdleSince => new(KeyTicks, TimeSpan.Zero);

    public int ActiveSlots(RoutingChannel channel) => Active[(int)channel];

    /// <summary>The profile's concurrency on the channel (0 when the channel is not enabled).</summary>
    public int MaxSlots(RoutingChannel channel) => Profile?.Concurrency[(int)channel] ?? 0;

    /// <summary>Slots the engine would offer a contact into now: 0 unless the agent is routable there and cross-channel rules allow it.</summary>
    public int AvailableSlots(RoutingChannel channel) =>
        PoolOf[(int)channel] is not null ? MaxSlots(channel) - Active[(int)channel] : 0;

    /// <summary>Whether the engine would offer this agent a contact of the channel now.</summary>
    public bool IsAvailable(RoutingChannel channel) => PoolOf[(int)channel] is not null;
}

/// <summary>
/// A Region change of an agent that took effect (Global Resiliency: what Streams reports as a failover completed).
/// </summary>
/// <param name="From">The Region the agent left (null: it was signed in nowhere).</param>
/// <param name="To">The Region the agent works in since (null: signed in nowhere).</param>
/// <param name="RequestedAt">When the change was asked for (the traffic distribution that moved the agent was read).</param>
/// <param name="CompletedAt">When it took effect: at once, or when the agent's last contact in progress ended.</param>
public sealed record AgentRegionChange(string? From, string? To, DateTimeOffset RequestedAt, DateTimeOffset CompletedAt);
