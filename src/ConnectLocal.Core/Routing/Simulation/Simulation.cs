using ConnectLocal.Core.Flows.Interpreter;

namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// A discrete-event simulation of a contact center day on a virtual clock: Poisson arrivals per queue and channel,
/// handle, patience and after-contact-work times drawn from their distributions, and configuration changes at
/// given times, all routed by a real <see cref="RoutingEngine"/> (whose agents accept every offer at once). The same
/// seed and inputs give the same result, to the contact.
/// </summary>
public sealed class Simulation : IRoutingObserver
{
    private readonly VirtualClock _clock;
    private readonly SimulationSettings _settings;
    private readonly List<StreamState> _streams = [];
    private readonly List<string> _keys = []; // "queueId|channel"
    private readonly List<Cell[]> _cells = []; // [key][region]
    private readonly IReadOnlyList<TimelineAction> _timeline;
    private readonly Func<ArrivalStream, string> _regionFor;
    private readonly EventHeap<SimEvent> _events = new();

    // Each stream's next arrival, apart from the other events: a heap as small as the number of streams, so the many
    // completions waiting in _events cost nothing when an arrival is taken or scheduled.
    private readonly EventHeap<int> _arrivals = new();
    private readonly Rng _serviceRng;
    private readonly long _slTicks;
    private readonly List<AppliedChange> _changes = [];
    private readonly LoadCell[][] _loads;
    private readonly long _dayTicks;
    private readonly FlowRouting? _flows;
    private readonly CachedFlowResources? _flowResources;
    private readonly Dictionary<string, FlowStats> _flowStats = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Stream, int Key), FlowTag> _flowTags = [];
    private readonly List<DateTimeOffset> _closedIntervals = [];
    private readonly Dictionary<string, string> _queuedOutcomes = new(StringComparer.Ordinal);
    private readonly (string? Arn, FlowStats? Stats)[] _recentStats = new (string?, FlowStats?)[4];
    private int _nextRecent;
    private long _arrived;
    private long _eventCount;
    private long _intervalStart;

    /// <param name="regionFor">Where a stream's next contact arrives when the stream names no Region (the Global
    /// Resiliency telephony split for voice, in the simulator); null: the first Region.</param>
    /// <param name="flowResources">What the streams' flows read (queues, hours, other flows); needed when a stream has a flow.</param>
    public Simulation(SimulationSettings settings, IReadOnlyList<ArrivalStream> streams, IReadOnlyList<TimelineAction> timeline, Func<ArrivalStream, string>? regionFor = null,
        IFlowResources? flowResources = null)
    {
        _settings = settings;
        _clock = new VirtualClock(settings.Start);
        Engine = new RoutingEngine(_clock, new RoutingEngineOptions { AutoAccept = true }, this);
        _timeline = timeline.OrderBy(t => t.At).ToList();
        _regionFor = regionFor ?? (_ => settings.Regions[0]);
        _serviceRng = Rng.For(settings.Seed, "service");
        _slTicks = TimeSpan.FromSeconds(settings.ServiceLevelSeconds).Ticks;
        _dayTicks = (settings.Day == default ? new DateTimeOffset(settings.Start.UtcDateTime.Date, TimeSpan.Zero) : settings.Day).UtcTicks;

        if (streams.Any(s => s.Flow is not null))
        {
            // [choice] The flows' own random draws (DistributeByPercentage) come from the scenario's seed too.
            // What flows read is remembered between configuration changes (cleared after each timeline change).
            _flowResources = flowResources as CachedFlowResources ?? new CachedFlowResources(flowResources ?? new FlowResourceSet());
            _flows = new FlowRouting(Engine, _flowResources, seed: (int)(Rng.For(settings.Seed, "flows").NextUInt64() & int.MaxValue))
            {
                KeepLogs = false,
                Logged = CountAction,
            };
        }

        foreach (var stream in streams)
        {
            // A stream that enters by a flow has its queues' cells made as the flow queues its contacts.
            var keyIndex = stream.Flow is null ? CellFor(stream.QueueId, stream.QueueName, stream.Channel) : -1;

            // Seeded by names, not ids: a queue's id is new on every run, its name is the scenario's.
            _streams.Add(new StreamState(stream, keyIndex, Rng.For(settings.Seed, $"arrivals/{_streams.Count}/{stream.QueueName}|{RoutingChannels.Name(stream.Channel)}")));
            if (stream.Flow is { } flow)
            {
                var state = _streams[^1];
                var index = _streams.Count - 1;
                state.Tagger = contact => FlowQueued(index, contact);
                if (!_flowStats.TryGetValue(flow.Arn, out var stats))
                {
                    stats = new FlowStats(flow.Name);
                    _flowStats[flow.Arn] = stats;
                }

                state.FlowStats = stats;
            }
        }

        Records = settings.RecordContacts ? [] : null;
        _loads = settings.Regions.Select(r => Enumerable.Range(0, RoutingChannels.Count + 1).Select(_ => new LoadCell()).ToArray()).ToArray();
    }

    /// <summary>The cell of a queue on a channel (made, with empty intervals for those already closed, the first time).</summary>
    private int CellFor(string queueId, string queueName, RoutingChannel channel)
    {
        var key = queueId + "|" + RoutingChannels.Name(channel);
        var keyIndex = _keys.IndexOf(key);
        if (keyIndex < 0)
        {
            keyIndex = _keys.Count;
            _keys.Add(key);
            var row = _settings.Regions.Select(r => new Cell(Engine.Target(r, queueId), queueName, channel)).ToArray();
            foreach (var cell in row)
            {
                foreach (var from in _closedIntervals)
                {
                    cell.Intervals.Add(cell.Close(from, 0, null));
                }
            }

            _cells.Add(row);
        }

        return keyIndex;
    }

    private enum EventKind
    {
        Completion,
        Change,
        IntervalEnd,
    }

    /// <summary>The engine the simulation routes with: configure it (agents, profiles) before <see cref="Run"/>.</summary>
    public RoutingEngine Engine { get; }

    public VirtualClock Clock => _clock;

    public SimulationResult Run(Action<double>? progress = null)
    {
        var start = _settings.Start.UtcTicks;
        var end = _settings.End.UtcTicks;
        for (var i = 0; i < _streams.Count; i++)
        {
            ScheduleArrival(i, start);
        }

        for (var i = 0; i < _timeline.Count; i++)
        {
            _events.Push(Math.Max(start, _timeline[i].At.UtcTicks), new SimEvent(EventKind.Change, i, null));
        }

        for (var t = start + _settings.Interval.Ticks; t < end; t += _settings.Interval.Ticks)
        {
            _events.Push(t, new SimEvent(EventKind.IntervalEnd, 0, null));
        }

        _intervalStart = start;
        ReadLoads(start, record: false, start);
        var nextProgress = 0L;
        while (true)
        {
            var engineNext = Engine.NextDueTicks;
            var eventNext = _events.Count > 0 ? _events.PeekTime : long.MaxValue;
            var arrivalNext = _arrivals.Count > 0 ? _arrivals.PeekTime : long.MaxValue;
            var flowNext = _flows?.NextDueTicks ?? long.MaxValue;
            var next = Math.Min(Math.Min(engineNext, flowNext), Math.Min(eventNext, arrivalNext));
            if (next >= end)
            {
                break;
            }

            _clock.AdvanceTo(next);
            _eventCount++;
            if (progress is not null && --nextProgress <= 0)
            {
                progress((double)(next - start) / (end - start));
                nextProgress = 4096;
            }

            if (engineNext == next)
            {
                Engine.RunDue();
            }
            else if (flowNext == next)
            {
                _flows!.RunDue();
            }
            else if (eventNext == next)
            {
                Step();
            }
            else
            {
                var stream = _arrivals.Pop(out var time);
                Arrive(stream, time);
            }
        }

        _clock.AdvanceTo(end);
        if (_flows is not null)
        {
            _flows.RunDue();
        }
        else
        {
            Engine.RunDue();
        }

        CloseInterval(_intervalStart, end);
        progress?.Invoke(1);
        return Result();
    }

    /// <summary>The next event of the simulation's own list (kept out of <see cref="Run"/> so the JIT optimizes it fully).</summary>
    private void Step()
    {
        var e = _events.Pop(out var time);
        switch (e.Kind)
        {
            case EventKind.Completion when e.Contact!.State == ContactState.Connected:
                var stream = StreamOf(e.Contact);
                var acw = stream.Stream.AfterContactWork?.Sample(_serviceRng) ?? 0;
                Engine.Complete(e.Contact, acw > 0 ? TimeSpan.FromSeconds(acw) : TimeSpan.Zero);
                break;
            case EventKind.Change:
                var change = _timeline[e.Index];
                string? error;
                try
                {
                    error = change.Apply();
                }
                catch (DomainException ex)
                {
                    error = ex.Message;
                }

                _changes.Add(new AppliedChange(new DateTimeOffset(time, TimeSpan.Zero), change.Label, error));
                _flowResources?.Clear();
                break;
            case EventKind.IntervalEnd:
                CloseInterval(_intervalStart, time);
                _intervalStart = time;
                break;
        }
    }

    void IRoutingObserver.Connected(RoutedContact contact)
    {
        var stream = StreamOf(contact);
        var cell = _cells[KeyIndexOf(contact)][contact.RegionIndex];
        var wait = contact.ConnectedTicks - contact.EnqueuedTicks;
        cell.Answered++;
        cell.WaitTicks += wait;
        cell.Waits.Add((float)TimeSpan.FromTicks(wait).TotalSeconds);
        if (wait > 0)
        {
            cell.Waited++;
        }

        if (wait <= _slTicks)
        {
            cell.AnsweredInSl++;
        }

        // [choice] A replayed contact's recorded handle time is used as it is: it already holds whatever concurrency
        // the team worked at. A drawn one is stretched by the concurrency curve.
        var recordedHandle = (contact.Tag as RecordedTag)?.Record.HandleSeconds;
        var handle = recordedHandle ?? stream.Stream.HandleTime.Sample(_serviceRng);
        if (recordedHandle is null && _settings.Concurrency is { } curve && contact.AgentRef is { } agent)
        {
            var held = 0;
            for (var c = 0; c < RoutingChannels.Count; c++)
            {
                held += agent.Active[c];
            }

            handle *= curve.Factor(held);
        }

        cell.HandleSeconds += handle;
        Records?.Add(new ContactRecord(new DateTimeOffset(contact.EnqueuedTicks, TimeSpan.Zero), cell.QueueName, RoutingChannels.Name(contact.Channel), contact.Region,
            TimeSpan.FromTicks(wait).TotalSeconds, handle, null));

        _events.Push(_clock.UtcTicks + Math.Max(1, (long)(handle * TimeSpan.TicksPerSecond)), new SimEvent(EventKind.Completion, 0, contact));
    }

    void IRoutingObserver.Ended(RoutedContact contact)
    {
        if (contact.EndReason == ContactEnd.Abandoned && contact.Tag is not null)
        {
            var cell = _cells[KeyIndexOf(contact)][contact.RegionIndex];
            cell.Abandoned++;
            cell.AbandonedWaitTicks += contact.EndedTicks - contact.EnqueuedTicks;
            var waited = TimeSpan.FromTicks(contact.EndedTicks - contact.EnqueuedTicks).TotalSeconds;
            Records?.Add(new ContactRecord(new DateTimeOffset(contact.EnqueuedTicks, TimeSpan.Zero), cell.QueueName, RoutingChannels.Name(contact.Channel), contact.Region, waited, null, waited));
        }
    }

    private void Arrive(int streamIndex, long time)
    {
        var state = _streams[streamIndex];
        var stream = state.Stream;
        var region = stream.Region ?? _regionFor(stream);
        var regionIndex = RegionIndexOf(region);
        _arrived++;
        if (stream.Flow is { } flow && stream.Recorded is null)
        {
            state.FlowStats!.Entered++;
            var flowPatience = stream.Patience is null ? (TimeSpan?)null : TimeSpan.FromTicks((long)(stream.Patience.Sample(state.Rng) * TimeSpan.TicksPerSecond));
            _flows!.Start(state.EntryFor(regionIndex, region, flow), flowPatience);
            ScheduleArrival(streamIndex, time);
            return;
        }

        var cell = _cells[state.KeyIndex][regionIndex];
        cell.Arrived++;
        object tag = state;
        double? abandonAfter = null;
        if (stream.Recorded is { } recorded)
        {
            var record = recorded[state.NextRecord++];
            tag = new RecordedTag(state, record);
            abandonAfter = record.AbandonedAfterSeconds;
        }

        var patience = abandonAfter is { } after ? (long)(after * TimeSpan.TicksPerSecond)
            : stream.Patience is null ? -1 : (long)(stream.Patience.Sample(state.Rng) * TimeSpan.TicksPerSecond);
        Engine.Enqueue(cell.Target, stream.Channel, ContactInitiation.Inbound, patience, tag: tag);
        ScheduleArrival(streamIndex, time);
    }

    /// <summary>Poisson arrivals with a rate that is constant between periods: exact, since the process is memoryless.</summary>
    private void ScheduleArrival(int streamIndex, long from)
    {
        var state = _streams[streamIndex];
        var end = _settings.End.UtcTicks;
        if (state.Stream.Recorded is { } recorded)
        {
            // Replayed records: the next one at or after the window's start, at its own time of day.
            while (state.NextRecord < recorded.Count && _dayTicks + recorded[state.NextRecord].Arrival.Ticks < _settings.Start.UtcTicks)
            {
                state.NextRecord++;
            }

            if (state.NextRecord < recorded.Count && _dayTicks + recorded[state.NextRecord].Arrival.Ticks < end)
            {
                _arrivals.Push(Math.Max(from, _dayTicks + recorded[state.NextRecord].Arrival.Ticks), streamIndex);
            }

            return;
        }

        var t = from;
        while (t < end)
        {
            var (perHour, until) = state.RateAt(t - _dayTicks);
            var periodEnd = until == long.MaxValue ? end : Math.Min(end, _dayTicks + until);
            if (perHour > 0)
            {
                var gap = (long)(state.Rng.NextExponential() / perHour * TimeSpan.TicksPerHour);
                if (t + gap < periodEnd)
                {
                    _arrivals.Push(t + gap, streamIndex);
                    return;
                }
            }

            t = periodEnd;
        }
    }

    private int RegionIndexOf(string region)
    {
        for (var i = 0; i < _settings.Regions.Count; i++)
        {
            if (_settings.Regions[i] == region)
            {
                return i;
            }
        }

        throw Errors.InvalidRequest($"Region {region} is not one of the simulation's Regions.");
    }

    private void CloseInterval(long from, long to)
    {
        var fromTime = new DateTimeOffset(from, TimeSpan.Zero);
        _closedIntervals.Add(fromTime);
        foreach (var stats in _flowStats.Values)
        {
            stats.Close(fromTime);
        }

        foreach (var row in _cells)
        {
            foreach (var cell in row)
            {
                var oldest = Engine.OldestWaiting(cell.Target, cell.Channel);
                cell.Intervals.Add(cell.Close(fromTime, Engine.WaitingCount(cell.Target, cell.Channel), oldest is null ? null : TimeSpan.FromTicks(to - oldest.EnqueuedTicks).TotalSeconds));
            }
        }

        ReadLoads(to, record: true, from);
    }

    private void ReadLoads(long now, bool record, long from)
    {
        for (var r = 0; r < _settings.Regions.Count; r++)
        {
            var load = Engine.Load(_settings.Regions[r]);
            for (var c = 0; c <= RoutingChannels.Count; c++)
            {
                var all = c == RoutingChannels.Count;
                var staffed = all ? load.Staffed.AreaAt(now) : load.StaffedOn[c].AreaAt(now);
                var busy = all ? load.Busy.AreaAt(now) : load.BusyOn[c].AreaAt(now);
                var capacity = all ? load.Capacity.Sum(x => x.AreaAt(now)) : load.Capacity[c].AreaAt(now);
                var occupied = all ? load.Occupied.Sum(x => x.AreaAt(now)) : load.Occupied[c].AreaAt(now);
                _loads[r][c].Read(new DateTimeOffset(from, TimeSpan.Zero), now - from, staffed, busy, capacity, occupied, record);
            }
        }
    }

    private SimulationResult Result()
    {
        var queues = new List<QueueSeries>();
        foreach (var row in _cells)
        {
            for (var r = 0; r < row.Length; r++)
            {
                queues.Add(new QueueSeries(_settings.Regions[r], RoutingChannels.Name(row[r].Channel), row[r].QueueName, row[r].Intervals, row[r].Total(_settings.Start)));
            }
        }

        var channels = _streams.Select(s => (int)s.Stream.Channel).Distinct().Order().ToList();
        var loads = new List<LoadSeries>();
        for (var r = 0; r < _settings.Regions.Count; r++)
        {
            loads.Add(_loads[r][RoutingChannels.Count].Series(_settings.Regions[r], "ALL", _settings.Start));
            loads.AddRange(channels.Select(c => _loads[r][c].Series(_settings.Regions[r], RoutingChannels.Name((RoutingChannel)c), _settings.Start)));
        }

        var flows = _flows is null ? null : _flowStats.Select(p => p.Value.Series(p.Key)).ToList();
        return new SimulationResult(_settings, queues, loads, _changes, _arrived, Engine.Offers, Engine.Evaluations, _eventCount, flows);
    }

    /// <summary>
    /// A flow contact is queued (its tag made) or ended in its flow: counted for its entry flow, and a queued one in its
    /// queue's cell, where it arrives now.
    /// </summary>
    private object? FlowQueued(int streamIndex, FlowContact contact)
    {
        var state = _streams[streamIndex];
        var stats = state.FlowStats!;
        if (contact.Outcome == FlowOutcome.Disconnected || contact.TargetQueue is not { } queue)
        {
            stats.Disconnected++;
            stats.Count(FlowSeries.DisconnectedOutcome);
            return null;
        }

        stats.Queued++;
        // The resources answer the same queue object until the next change: one reference check finds the queue's
        // name, outcome, cell and tag for the stream.
        if (!ReferenceEquals(state.LastQueue, queue))
        {
            var name = queue.Name ?? queue.Id;
            if (!_queuedOutcomes.TryGetValue(name, out var queuedOutcome))
            {
                queuedOutcome = FlowSeries.QueuedOutcome + name;
                _queuedOutcomes[name] = queuedOutcome;
            }

            var cellIndex = CellFor(queue.Id, name, contact.Channel);
            if (!_flowTags.TryGetValue((streamIndex, cellIndex), out var flowTag))
            {
                flowTag = new FlowTag(state, cellIndex);
                _flowTags[(streamIndex, cellIndex)] = flowTag;
            }

            (state.LastQueue, state.LastQueueName, state.LastOutcome, state.LastTag) = (queue, name, queuedOutcome, flowTag);
        }

        ++System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(stats.QueuedBy, state.LastQueueName!, out _);
        stats.Count(state.LastOutcome!);
        var tag = state.LastTag!;
        _cells[tag.KeyIndex][RegionIndexOf(contact.Region)].Arrived++;
        return tag;
    }

    /// <summary>Every action a flow contact runs: its branch counted in the flow it ran in.</summary>
    private void CountAction(FlowContact contact, FlowStep entry)
    {
        // The stats of the flows counted last, found by the ARN's reference (contacts of several streams interleave).
        var recent = _recentStats;
        for (var i = 0; i < recent.Length; i++)
        {
            if (ReferenceEquals(recent[i].Arn, entry.FlowArn))
            {
                CountBranch(recent[i].Stats!, entry);
                return;
            }
        }

        if (!_flowStats.TryGetValue(entry.FlowArn, out var stats))
        {
            stats = new FlowStats(entry.FlowName);
            _flowStats[entry.FlowArn] = stats;
            foreach (var from in _closedIntervals)
            {
                stats.Close(from);
            }
        }

        recent[_nextRecent] = (entry.FlowArn, stats);
        _nextRecent = (_nextRecent + 1) % recent.Length;
        CountBranch(stats, entry);
    }

    private static void CountBranch(FlowStats stats, in FlowStep entry)
    {
        if (entry.Error is { } error)
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            var branch = colon < 0 ? error : error[..colon];
            if (branch == FlowInterpreter.QueueAtCapacity)
            {
                stats.AtCapacity++;
            }
            else if (branch != FlowInterpreter.NoMatchingCondition)
            {
                stats.Errors++;
            }

            // [choice] NoMatchingCondition is a condition's default branch (DistributeByPercentage's remainder, a
            // Compare with no match), counted as a branch and not as an error.
            stats.CountBranch(entry, branch == FlowInterpreter.NoMatchingCondition ? branch : "error: " + branch);
            return;
        }

        if (entry.Results == "False" && entry.ActionType == "CheckHoursOfOperation")
        {
            stats.ClosedHours++;
        }

        // DistributeByPercentage's result is the number drawn: its branch is where the contact went.
        stats.CountBranch(entry, entry.ActionType == "DistributeByPercentage" ? null : entry.Results ?? (entry.NextAction is null ? "end" : "next"));
    }

    /// <summary>The contacts answered or abandoned, when <see cref="SimulationSettings.RecordContacts"/> is set.</summary>
    public List<ContactRecord>? Records { get; }

    private static StreamState StreamOf(RoutedContact contact) => contact.Tag switch
    {
        StreamState state => state,
        FlowTag flow => flow.State,
        _ => ((RecordedTag)contact.Tag!).State,
    };

    private static int KeyIndexOf(RoutedContact contact) => contact.Tag switch
    {
        StreamState state => state.KeyIndex,
        FlowTag flow => flow.KeyIndex,
        _ => ((RecordedTag)contact.Tag!).State.KeyIndex,
    };

    private sealed record RecordedTag(StreamState State, RecordedContact Record);

    /// <summary>A contact its flow queued: its stream, and the cell of the queue it went to.</summary>
    private sealed record FlowTag(StreamState State, int KeyIndex);

    private sealed class FlowStats(string name)
    {
        public long Entered;
        public long Queued;
        public long Disconnected;
        public long ClosedHours;
        public long AtCapacity;
        public long Errors;

        public Dictionary<string, long> QueuedBy { get; } = new(StringComparer.Ordinal);

        // Branch counts by action as compiled: found by the action's index in its flow and checked by reference, so no
        // identifier is hashed per action run. Another version of the flow (a timeline change) has its own counts.
        private readonly Dictionary<object, ActionCounts> _actions = new(ReferenceEqualityComparer.Instance);
        private ActionCounts?[] _byIndex = [];

        /// <summary>Counts the step's branch: <paramref name="branch"/>, or (null) "to" the action it went to.</summary>
        public void CountBranch(in FlowStep step, string? branch)
        {
            var action = step.Compiled;
            if (action is not null && action.Index < _byIndex.Length && _byIndex[action.Index] is { } known && ReferenceEquals(known.Compiled, action))
            {
                known.Count(branch, step.NextAction);
                return;
            }

            object key = (object?)action ?? step.ActionIdentifier;
            if (!_actions.TryGetValue(key, out var counts))
            {
                counts = new ActionCounts(step.ActionIdentifier, step.ActionType) { Compiled = action };
                _actions[key] = counts;
                if (action is not null)
                {
                    if (action.Index >= _byIndex.Length)
                    {
                        Array.Resize(ref _byIndex, action.Index + 1);
                    }

                    _byIndex[action.Index] ??= counts;
                }
            }

            counts.Count(branch, step.NextAction);
        }

        private readonly List<FlowInterval> _intervals = [];
        private Dictionary<string, long> _open = new(StringComparer.Ordinal);

        /// <summary>An outcome of a contact that entered by the flow, in the open interval.</summary>
        public void Count(string outcome) => ++System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_open, outcome, out _);

        public void Close(DateTimeOffset from)
        {
            _intervals.Add(new FlowInterval(from, _open));
            _open = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        public FlowSeries Series(string arn) => new(name, arn, Entered, Queued, Disconnected, Entered - Queued - Disconnected, ClosedHours, AtCapacity, Errors,
            QueuedBy.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => (q.Key, q.Value)).ToList(),
            _actions.Values.SelectMany(a => a.Branches.Select(b => (a.Action, a.Type, b.Branch, b.Count)))
                .GroupBy(b => (b.Action, b.Branch))
                .OrderBy(g => g.Key.Action, StringComparer.Ordinal).ThenBy(g => g.Key.Branch, StringComparer.Ordinal)
                .Select(g => new FlowBranchCount(g.Key.Action, g.First().Type, g.Key.Branch, g.Sum(b => b.Count))).ToList())
        {
            Intervals = _intervals,
        };
    }

    /// <summary>
    /// The branches one action took and how often. An action takes few branches, and mostly the same one: a list
    /// searched from the last branch taken, keys compared by reference first (results are mostly the same strings).
    /// </summary>
    private sealed class ActionCounts(string action, string type)
    {
        private readonly List<(string Key, string Branch, long Count)> _branches = [];
        private int _last;

        public string Action { get; } = action;

        public string Type { get; } = type;

        /// <summary>The action these are the counts of (null: a step without one, the step limit's).</summary>
        public CompiledAction? Compiled { get; init; }

        public IEnumerable<(string Branch, long Count)> Branches => _branches.Select(b => (b.Branch, b.Count));

        /// <param name="branch">The branch; null: the branch is the action gone to (DistributeByPercentage).</param>
        public void Count(string? branch, string? next)
        {
            var key = branch ?? next ?? string.Empty;
            var branches = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_branches);
            if (_last < branches.Length && string.Equals(branches[_last].Key, key, StringComparison.Ordinal))
            {
                branches[_last].Count++;
                return;
            }

            for (var i = 0; i < branches.Length; i++)
            {
                if (string.Equals(branches[i].Key, key, StringComparison.Ordinal))
                {
                    branches[i].Count++;
                    _last = i;
                    return;
                }
            }

            _branches.Add((key, branch ?? "to " + next, 1));
            _last = _branches.Count - 1;
        }
    }

    private readonly record struct SimEvent(EventKind Kind, int Index, RoutedContact? Contact);

    private sealed class StreamState(ArrivalStream stream, int keyIndex, Rng rng)
    {
        private readonly long[] _from = stream.Rates.Select(r => r.From.Ticks).ToArray();
        private readonly double[] _perHour = stream.Rates.Select(r => r.PerHour).ToArray();

        public ArrivalStream Stream { get; } = stream;

        public int KeyIndex { get; } = keyIndex;

        public FlowStats? FlowStats { get; set; }

        /// <summary>The queue the stream's flow last queued a contact in, its name, its outcome's name and its tag (and cell).</summary>
        public FlowQueue? LastQueue { get; set; }

        public string? LastQueueName { get; set; }

        public string? LastOutcome { get; set; }

        public FlowTag? LastTag { get; set; }

        /// <summary>Makes the engine's tag of a contact of the stream's flow (Simulation.FlowQueued).</summary>
        public Func<FlowContact, object?>? Tagger { get; set; }

        // One entry per Region the stream's contacts arrive in, shared by all of them (their patience is their own).
        private FlowEntry?[] _entries = [];

        public FlowEntry EntryFor(int regionIndex, string region, FlowProgram flow)
        {
            if (regionIndex >= _entries.Length)
            {
                Array.Resize(ref _entries, regionIndex + 1);
            }

            if (_entries[regionIndex] is not { } entry || !ReferenceEquals(entry.Flow, flow) || entry.Region != region)
            {
                entry = new FlowEntry(null, region, Stream.Channel, ContactInitiation.Inbound, flow, Tag: Tagger);
                _entries[regionIndex] = entry;
            }

            return entry;
        }

        public Rng Rng { get; } = rng;

        /// <summary>The next recorded contact to arrive (replayed streams).</summary>
        public int NextRecord { get; set; }

        /// <summary>The rate at a time of day (ticks from midnight) and until when it holds (ticks from midnight; MaxValue: forever).</summary>
        public (double PerHour, long UntilTicks) RateAt(long timeOfDay)
        {
            var rate = 0.0;
            for (var i = 0; i < _from.Length; i++)
            {
                if (_from[i] > timeOfDay)
                {
                    return (rate, _from[i]);
                }

                rate = _perHour[i];
            }

            return (rate, long.MaxValue);
        }
    }

    /// <summary>One queue, channel and Region: counters of the open interval, and the closed intervals.</summary>
    private sealed class Cell(RoutingTarget target, string queueName, RoutingChannel channel)
    {
        private readonly List<float> _allWaits = [];
        private int _arrived;
        private int _answered;
        private int _inSl;
        private int _waited;
        private int _abandoned;
        private long _waitTicks;
        private long _abandonedWaitTicks;
        private double _handleSeconds;

        public RoutingTarget Target { get; } = target;

        public string QueueName { get; } = queueName;

        public RoutingChannel Channel { get; } = channel;

        public List<QueueInterval> Intervals { get; } = [];

        public List<float> Waits { get; } = [];

        public int Arrived { get; set; }

        public int Answered { get; set; }

        public int AnsweredInSl { get; set; }

        public int Waited { get; set; }

        public int Abandoned { get; set; }

        public long WaitTicks { get; set; }

        public long AbandonedWaitTicks { get; set; }

        public double HandleSeconds { get; set; }

        public QueueInterval Close(DateTimeOffset from, int waiting, double? oldest)
        {
            var interval = Interval(from, Arrived, Answered, AnsweredInSl, Waited, Abandoned, WaitTicks, AbandonedWaitTicks, HandleSeconds, Waits, waiting, oldest);
            _arrived += Arrived;
            _answered += Answered;
            _inSl += AnsweredInSl;
            _waited += Waited;
            _abandoned += Abandoned;
            _waitTicks += WaitTicks;
            _abandonedWaitTicks += AbandonedWaitTicks;
            _handleSeconds += HandleSeconds;
            HandleSeconds = 0;
            _allWaits.AddRange(Waits);
            Arrived = Answered = AnsweredInSl = Waited = Abandoned = 0;
            WaitTicks = AbandonedWaitTicks = 0;
            Waits.Clear();
            return interval;
        }

        public QueueInterval Total(DateTimeOffset from)
        {
            var last = Intervals.Count > 0 ? Intervals[^1] : null;
            return Interval(from, _arrived, _answered, _inSl, _waited, _abandoned, _waitTicks, _abandonedWaitTicks, _handleSeconds, _allWaits, last?.WaitingAtEnd ?? 0, last?.OldestWaitAtEnd);
        }

        private static QueueInterval Interval(DateTimeOffset from, int arrived, int answered, int inSl, int waited, int abandoned, long waitTicks, long abandonedWaitTicks, double handleSeconds, List<float> waits, int waiting, double? oldest)
        {
            var seconds = TimeSpan.FromTicks(waitTicks).TotalSeconds;
            return new QueueInterval(from, arrived, answered, inSl, waited, abandoned, seconds,
                answered == 0 ? null : seconds / answered, Percentile(waits, 0.9), waiting, oldest, TimeSpan.FromTicks(abandonedWaitTicks).TotalSeconds, handleSeconds);
        }

        /// <summary>
        /// The nearest-rank percentile: the value with ⌈p·n⌉ − 1 values below it. Found by selection (Hoare's
        /// quickselect, linear on average) rather than by sorting, which would cost more than the simulation itself
        /// on a busy day.
        /// </summary>
        private static double? Percentile(List<float> values, double p)
        {
            if (values.Count == 0)
            {
                return null;
            }

            var items = values.ToArray();
            var k = Math.Max(0, (int)Math.Ceiling(p * items.Length) - 1);
            var (left, right) = (0, items.Length - 1);
            while (left < right)
            {
                var pivot = items[left + ((right - left) / 2)];
                var (i, j) = (left, right);
                while (i <= j)
                {
                    while (items[i] < pivot)
                    {
                        i++;
                    }

                    while (items[j] > pivot)
                    {
                        j--;
                    }

                    if (i <= j)
                    {
                        (items[i], items[j]) = (items[j], items[i]);
                        i++;
                        j--;
                    }
                }

                if (k <= j)
                {
                    right = j;
                }
                else if (k >= i)
                {
                    left = i;
                }
                else
                {
                    break;
                }
            }

            return items[k];
        }
    }

    /// <summary>Time-weighted load of a Region (and channel) per interval, from the engine's running integrals.</summary>
    private sealed class LoadCell
    {
        private readonly List<LoadInterval> _intervals = [];
        private double _staffed;
        private double _busy;
        private double _capacity;
        private double _occupied;
        private double _totalTicks;
        private double _totalStaffed;
        private double _totalBusy;
        private double _totalCapacity;
        private double _totalOccupied;

        public void Read(DateTimeOffset from, long ticks, double staffed, double busy, double capacity, double occupied, bool record)
        {
            if (record && ticks > 0)
            {
                var s = staffed - _staffed;
                var b = busy - _busy;
                var c = capacity - _capacity;
                var o = occupied - _occupied;
                _intervals.Add(new LoadInterval(from, s / ticks, s > 0 ? b / s : null, c > 0 ? o / c : null));
                _totalTicks += ticks;
                _totalStaffed += s;
                _totalBusy += b;
                _totalCapacity += c;
                _totalOccupied += o;
            }

            _staffed = staffed;
            _busy = busy;
            _capacity = capacity;
            _occupied = occupied;
        }

        public LoadSeries Series(string region, string channel, DateTimeOffset start) => new(region, channel, _intervals,
            new LoadInterval(start, _totalTicks > 0 ? _totalStaffed / _totalTicks : 0,
                _totalStaffed > 0 ? _totalBusy / _totalStaffed : null,
                _totalCapacity > 0 ? _totalOccupied / _totalCapacity : null));
    }
}
