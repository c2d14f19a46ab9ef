using ConnectLocal.Core.Routing;

namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>How a contact enters its flow: the flow, the contact's channel and Region, and what the API call gave.</summary>
/// <param name="PresetQueue">The working queue before the flow runs (a queue quick connect's queue, StartOutboundVoiceContact's QueueId).</param>
/// <param name="ScheduledAt">A task's ScheduledTime: once the flow queues it, it waits for that time.</param>
/// <param name="Tag">Makes the engine's tag for the contact when it is queued or ended (the server's DescribeContact details).</param>
public sealed record FlowEntry(
    string? ContactId,
    string Region,
    RoutingChannel Channel,
    ContactInitiation Initiation,
    FlowProgram Flow,
    IReadOnlyDictionary<string, string>? Attributes = null,
    FlowQueue? PresetQueue = null,
    TimeSpan? Patience = null,
    DateTimeOffset? ScheduledAt = null,
    Func<FlowContact, object?>? Tag = null);

/// <summary>
/// Contact flows in front of one routing engine: a contact enters by its flow (<see cref="Start"/>), which decides
/// whether and where it is queued; once queued, the customer queue flow its event hooks name runs while it waits. Runs
/// paused by a Wait go on when <see cref="RunDue"/> finds their time has come (the engine's clock: real time in the
/// server, virtual time in tests and the simulator). Not thread-safe: callers serialize access, as for the engine.
/// </summary>
public sealed class FlowRouting : IFlowHost
{
    private readonly RoutingEngine _engine;
    private readonly LambdaResponses _lambdas;
    private readonly Random _random;
    private readonly EventHeap<FlowRun> _paused = new();
    private readonly Dictionary<string, FlowContact> _inFlow = new(StringComparer.Ordinal);

    public FlowRouting(RoutingEngine engine, IFlowResources resources, LambdaResponses? lambdas = null, int seed = 0)
    {
        _engine = engine;
        Resources = resources;
        _lambdas = lambdas ?? new LambdaResponses();
        _random = new Random(seed);
    }

    public RoutingEngine Engine => _engine;

    /// <summary>Whether contacts keep their flow log (<see cref="FlowContact.Log"/>); the simulator keeps none and counts through <see cref="Logged"/>.</summary>
    public bool KeepLogs { get; init; } = true;

    /// <summary>Called for every action a contact runs, as it is logged.</summary>
    public Action<FlowContact, FlowStep>? Logged { get; set; }

    public IFlowResources Resources { get; }

    public DateTimeOffset Now => _engine.Clock.Now;

    /// <summary>When the next paused run is due (long.MaxValue: none).</summary>
    public long NextDueTicks => _paused.Count > 0 ? _paused.PeekTime : long.MaxValue;

    /// <summary>Runs the contact's flow from its start until it queues or ends the contact, or pauses.</summary>
    /// <param name="patience">The contact's own patience, when the entry (shared by many contacts) gives none.</param>
    public FlowContact Start(FlowEntry entry, TimeSpan? patience = null)
    {
        _engine.RunDue();
        var contact = new FlowContact(entry.ContactId, entry.Region, entry.Channel, entry.Initiation, entry.Attributes)
        {
            TargetQueue = entry.PresetQueue,
            KeepLog = KeepLogs,
            Patience = patience ?? entry.Patience,
        };
        contact.Entry = entry;
        contact.EnteredAt = _engine.Clock.Now;
        Continue(NewRun(contact, entry.Flow, queueFlow: false));
        return contact;
    }

    /// <summary>Applies the engine's due timers, then goes on with every paused run whose time has come.</summary>
    public void RunDue()
    {
        _engine.RunDue();
        var now = _engine.Clock.UtcTicks;
        while (_paused.Count > 0 && _paused.PeekTime <= now)
        {
            var run = _paused.Pop(out _);
            // A queue flow stops when its contact leaves the queue (offered to an agent, abandoned, stopped).
            if (run.QueueFlow && run.Contact.Routed?.State != ContactState.Queued)
            {
                Recycle(run);
                continue;
            }

            // An inbound run whose contact was stopped meanwhile (StopInFlow) does not go on.
            if (!run.QueueFlow && run.Contact.Routed is not null)
            {
                Recycle(run);
                continue;
            }

            Continue(run);
        }
    }

    /// <summary>The flow view of an engine contact (null: it entered without a flow).</summary>
    public FlowContact? ContactOf(RoutedContact contact) => contact.FlowView as FlowContact;

    /// <summary>The contacts still in their inbound flow (paused by a Wait), not yet known to the engine.</summary>
    public IReadOnlyCollection<FlowContact> InFlow => _inFlow.Values;

    /// <summary>The contact by id while it is still in its inbound flow (paused by a Wait); null otherwise.</summary>
    public FlowContact? InFlowContact(string contactId) => _inFlow.GetValueOrDefault(contactId);

    /// <summary>
    /// StopContact on a contact still in its inbound flow: its paused run does not go on, and the engine knows it as
    /// a contact that ended, stopped (DescribeContact shows it like any other). False when it is not in its flow.
    /// </summary>
    public bool StopInFlow(string contactId)
    {
        if (!_inFlow.Remove(contactId, out var contact))
        {
            return false;
        }

        contact.Outcome = FlowOutcome.Disconnected;
        var ended = _engine.EndInFlow(contact.Id, contact.Region, contact.Channel, contact.Initiation, contact.Entry?.Tag?.Invoke(contact), ContactEnd.Stopped);
        contact.Routed = ended;
        ended.FlowView = contact;
        return true;
    }

    /// <summary>The contact by id: still in its inbound flow, or known to the engine.</summary>
    public FlowContact? Find(string contactId) =>
        _inFlow.GetValueOrDefault(contactId) ?? (_engine.FindContact(contactId) is { } routed ? ContactOf(routed) : null);

    // ---- IFlowHost ---------------------------------------------------------------------------------------------

    void IFlowHost.Queue(FlowContact contact, FlowQueue queue)
    {
        var entry = contact.Entry;
        var tag = entry?.Tag?.Invoke(contact);
        RoutedContact routed;
        if (entry?.ScheduledAt is { } at && at > Now)
        {
            var request = new ContactRequest(contact.Region, queue.Id, contact.Channel, contact.Initiation, contact.Id, contact.Patience, tag,
                contact.QueuePriority, contact.QueueTimeAdjustment, contact.RoutingCriteria);
            routed = _engine.Schedule(request, at.UtcTicks);
        }
        else
        {
            routed = _engine.Enqueue(TargetOf(contact, queue), contact.Channel, contact.Initiation, contact.Patience?.Ticks ?? -1, contact.Id, tag,
                contact.QueuePriority, contact.QueueTimeAdjustment, contact.RoutingCriteria);
        }

        contact.Routed = routed;
        routed.FlowView = contact;
    }

    int IFlowHost.WaitingIn(FlowContact contact, FlowQueue queue) => _engine.WaitingIn(TargetOf(contact, queue));

    // The engine's targets of the queues flows last sent contacts to, found by the queue object and the Region (the
    // resources answer the same queue object until their configuration changes): queuing needs no lookup by id.
    private readonly (FlowQueue? Queue, string? Region, RoutingTarget? Target)[] _targets = new (FlowQueue?, string?, RoutingTarget?)[8];
    private int _nextTarget;

    private RoutingTarget TargetOf(FlowContact contact, FlowQueue queue)
    {
        var targets = _targets;
        for (var i = 0; i < targets.Length; i++)
        {
            ref var slot = ref targets[i];
            if (ReferenceEquals(slot.Queue, queue) && string.Equals(slot.Region, contact.Region, StringComparison.Ordinal) && _engine.IsCurrent(slot.Target!))
            {
                return slot.Target!;
            }
        }

        var target = _engine.Target(contact.Region, queue.Id);
        targets[_nextTarget] = (queue, contact.Region, target);
        _nextTarget = (_nextTarget + 1) % targets.Length;
        return target;
    }

    /// <summary>
    /// CheckMetricData's metrics for the queue in the contact's Region. [choice] Agents count on the contact's channel:
    /// online = signed in; staffed = online and routable or handling a contact; available = could be offered a contact
    /// of the channel now. Contacts count on every channel.
    /// </summary>
    double? IFlowHost.Metric(FlowContact contact, FlowQueue queue, string metricType)
    {
        var region = contact.Region;
        switch (metricType)
        {
            case "NumberOfContactsInQueue":
                return _engine.WaitingInQueue(region, queue.Id);
            case "OldestContactInQueueAgeSeconds":
                var oldest = RoutingChannels.All.Select(c => _engine.OldestWaiting(region, queue.Id, c)?.EnqueuedAt).OfType<DateTimeOffset>().DefaultIfEmpty(Now).Min();
                return Math.Floor((Now - oldest).TotalSeconds);
        }

        var agents = _engine.AgentsServing(queue.Id, contact.Channel).Where(a => a.Region == region);
        return metricType switch
        {
            "NumberOfAgentsOnline" => agents.Count(a => a.IsOnline),
            "NumberOfAgentsStaffed" => agents.Count(a => a.IsOnline && (a.IsRoutable || a.Contacts.Count > 0)),
            "NumberOfAgentsAvailable" => agents.Count(a => a.IsAvailable(contact.Channel)),
            _ => null,
        };
    }

    void IFlowHost.Reorder(FlowContact contact)
    {
        if (contact.Routed is { } routed)
        {
            _engine.SetRoutingOrder(routed, contact.QueuePriority, contact.QueueTimeAdjustment);
            if (contact.RoutingCriteria is { } criteria && !ReferenceEquals(criteria, routed.Criteria))
            {
                _engine.SetRoutingCriteria(routed, criteria);
            }
        }
    }

    int IFlowHost.Percent() => _random.Next(1, 101);

    LambdaResponse? IFlowHost.Lambda(string functionArn) => _lambdas.Get(functionArn);

    void IFlowHost.Logged(FlowContact contact, in FlowStep step) => Logged?.Invoke(contact, step);

    // ---- runs ----------------------------------------------------------------------------------------------------

    // Finished runs, made new for the next contact (the simulator starts millions).
    private readonly Stack<FlowRun> _spareRuns = new();

    private FlowRun NewRun(FlowContact contact, FlowProgram flow, bool queueFlow)
    {
        if (_spareRuns.TryPop(out var run))
        {
            run.Reset(contact, flow, queueFlow);
            return run;
        }

        return new FlowRun(contact, flow, queueFlow);
    }

    private void Recycle(FlowRun run)
    {
        if (_spareRuns.Count < 64)
        {
            _spareRuns.Push(run);
        }
    }

    private void Continue(FlowRun run)
    {
        var contact = run.Contact;
        var isQueueFlow = run.QueueFlow;
        var state = FlowInterpreter.Run(run, this);
        if (state != FlowRunState.Waiting)
        {
            // Nothing keeps a finished run: the contact holds no reference to it.
            Recycle(run);
        }

        switch (state)
        {
            case FlowRunState.Waiting:
                if (run.ResumeTicks != long.MaxValue)
                {
                    _paused.Push(run.ResumeTicks, run);
                }

                if (!run.QueueFlow && contact.Id is not null)
                {
                    _inFlow[contact.Id] = contact;
                }

                return;
            case FlowRunState.Queued:
                Forget(contact);
                if (contact.Routed is { State: ContactState.Queued } && contact.EventHook("CustomerQueue") is { } queueFlowId
                    && Resources.Flow(queueFlowId) is { } queueFlow)
                {
                    Continue(NewRun(contact, queueFlow, queueFlow: true));
                }

                return;
            default:
                if (isQueueFlow)
                {
                    // [choice] A queue flow that ends leaves its contact waiting; one that disconnects ends it.
                    if (state == FlowRunState.Disconnected && contact.Routed is { } routed)
                    {
                        _engine.DisconnectQueued(routed);
                    }

                    return;
                }

                // [choice] An inbound flow that ends (EndFlowExecution, no next action) without queuing the contact disconnects it.
                Forget(contact);
                contact.Outcome = FlowOutcome.Disconnected;
                var entry = contact.Entry;
                var ended = _engine.EndInFlow(contact.Id, contact.Region, contact.Channel, contact.Initiation, entry?.Tag?.Invoke(contact));
                contact.Routed = ended;
                ended.FlowView = contact;
                return;
        }
    }

    private void Forget(FlowContact contact)
    {
        if (contact.Id is not null)
        {
            _inFlow.Remove(contact.Id);
        }
    }
}
