namespace ConnectLocal.Core.Routing;

/// <summary>Where a contact is in its life: queued → offered / connected → after-contact work → ended.</summary>
public enum ContactState
{
    Queued,
    Offered,
    Connected,
    AfterContactWork,
    Ended,

    /// <summary>Created with a start time in the future (a scheduled task): queued when the time comes.</summary>
    Scheduled,
}

/// <summary>How a contact ended.</summary>
public enum ContactEnd
{
    None,

    /// <summary>Handled by an agent (after any after-contact work).</summary>
    Completed,

    /// <summary>The customer left the queue before an agent was connected (patience ran out, or hung up).</summary>
    Abandoned,

    /// <summary>Stopped through StopContact (or the agent was deleted) before an agent had it.</summary>
    Stopped,

    /// <summary>Its contact flow disconnected it (or ended) before it reached a queue, or while it waited in one.</summary>
    Disconnected,
}

/// <summary>How the contact began (DescribeContact InitiationMethod). Only <see cref="Outbound"/> is not inbound work.</summary>
public enum ContactInitiation
{
    Inbound,
    Outbound,
    Api,
    Transfer,
}

/// <summary>What a caller asks the engine to queue.</summary>
/// <param name="Id">The contact id the caller shows (null in the simulator, which needs none).</param>
/// <param name="Patience">How long the customer waits in queue before leaving (null: forever).</param>
/// <param name="Priority">The contact's routing priority (a flow's UpdateContactRoutingBehavior): lower is routed first.</param>
/// <param name="AgeAdjustment">Added to the contact's routing age (not to its wait): a larger age is routed first.</param>
/// <param name="Criteria">Routing criteria (proficiency steps), activated when the contact is queued.</param>
public sealed record ContactRequest(
    string Region,
    string QueueId,
    RoutingChannel Channel,
    ContactInitiation Initiation = ContactInitiation.Inbound,
    string? Id = null,
    TimeSpan? Patience = null,
    object? Tag = null,
    long Priority = RoutedContact.DefaultPriority,
    TimeSpan AgeAdjustment = default,
    RoutingCriteria? Criteria = null);

/// <summary>
/// A contact the engine routes. Its state and times change only through the engine; the caller may keep its own
/// data in <see cref="Tag"/>.
/// </summary>
public sealed class RoutedContact
{
    internal int HeapSlot = -1;

    /// <summary>The contact as its flows see it (Flows/Interpreter/FlowRouting), when it entered by a flow.</summary>
    internal object? FlowView;
    internal EngineQueue? QueueRef;
    internal RoutedAgent? AgentRef;
    internal long InitiatedTicks;
    internal long EnqueuedTicks;
    internal long OfferedTicks;
    internal long ConnectedTicks;
    internal long AfterContactWorkTicks;
    internal long EndedTicks;
    internal long StateTicks;
    internal long ScheduledTicks;
    internal long PatienceTicks = -1;

    /// <summary>The routing priority of a new contact (AWS: "The default priority for new contacts is 5").</summary>
    public const long DefaultPriority = 5;

    internal long Priority = DefaultPriority;
    internal long AgeAdjustmentTicks;

    // Routing criteria (RoutingEngine.Criteria.cs): Requirement is the active step's expression, null when none applies,
    // so a contact without criteria costs the decisions one null check; the rest sits apart, so it costs them no memory.
    internal RoutingExpression? Requirement;

    /// <summary>Paused (RoutingEngine.Pauses.cs): out of its queue, or not holding its agent's slot.</summary>
    internal bool Paused;
    internal CriteriaProgress? Progress;

    internal RoutingCriteria? Criteria => Progress?.Criteria;

    internal RoutedContact(string? id, long sequence, int region, string regionName, RoutingChannel channel, ContactInitiation initiation, object? tag)
    {
        Id = id;
        Sequence = sequence;
        RegionIndex = region;
        Region = regionName;
        Channel = channel;
        Initiation = initiation;
        Tag = tag;
    }

    public string? Id { get; }

    /// <summary>Arrival order across the whole engine: the tie-break that keeps equal waits first-in, first-out.</summary>
    public long Sequence { get; }

    public RoutingChannel Channel { get; }

    public ContactInitiation Initiation { get; }

    /// <summary>Inbound work: everything a queue offers to an agent; an agent's own outbound call is not.</summary>
    public bool IsInbound => Initiation != ContactInitiation.Outbound;

    public string Region { get; }

    /// <summary>The contact's routing priority in its queue (lower first; default 5).</summary>
    public long QueuePriority => Priority;

    /// <summary>The time added to the contact's routing age (UpdateContactRoutingBehavior's QueueTimeAdjustmentSeconds).</summary>
    public TimeSpan QueueTimeAdjustment => TimeSpan.FromTicks(AgeAdjustmentTicks);

    /// <summary>Where the contact stands in FIFO order: its enqueue time moved back by its time adjustment.</summary>
    internal long RoutingTicks => EnqueuedTicks - AgeAdjustmentTicks;

    internal int RegionIndex { get; }

    public string? QueueId => QueueRef?.Id;

    public ContactState State { get; internal set; }

    public ContactEnd EndReason { get; internal set; }

    public RoutedAgent? Agent => AgentRef;

    /// <summary>Paused by PauseContact and not resumed yet.</summary>
    public bool IsPaused => Paused;

    public object? Tag { get; set; }

    public DateTimeOffset InitiatedAt => At(InitiatedTicks)!.Value;

    public DateTimeOffset? EnqueuedAt => QueueRef is null ? null : At(EnqueuedTicks);

    public DateTimeOffset? OfferedAt => At(OfferedTicks);

    public DateTimeOffset? ConnectedAt => At(ConnectedTicks);

    public DateTimeOffset? AfterContactWorkAt => At(AfterContactWorkTicks);

    public DateTimeOffset? EndedAt => At(EndedTicks);

    /// <summary>When a scheduled contact starts (or started); null for a contact queued when it was made.</summary>
    public DateTimeOffset? ScheduledAt => At(ScheduledTicks);

    /// <summary>When the contact entered its current state.</summary>
    public DateTimeOffset StateSince => At(StateTicks)!.Value;

    /// <summary>How long it waited in queue before an agent was connected (null while it waits, or if none ever was).</summary>
    public TimeSpan? Wait => ConnectedTicks == 0 || QueueRef is null ? null : TimeSpan.FromTicks(ConnectedTicks - EnqueuedTicks);

    private static DateTimeOffset? At(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}

/// <summary>Where a contact's routing criteria stand (RoutingEngine.Criteria.cs).</summary>
internal sealed class CriteriaProgress(RoutingCriteria criteria, int index)
{
    public RoutingCriteria Criteria { get; } = criteria;

    /// <summary>0 for the first criteria set on the contact, one more for each later one.</summary>
    public int Index { get; } = index;

    public int Step;
    public long ActivatedTicks;
    public long StepTicks;
    public long Stamp;

    /// <summary>Activated in an agent queue, where criteria never take effect.</summary>
    public bool Inert;
}
