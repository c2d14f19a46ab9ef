namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// One queue's numbers over one interval. Answered and abandoned contacts count in the interval where they left
/// the queue; arrivals where they arrived; waiting and oldest wait are as at the interval's end.
/// [choice] Service level = answered within the threshold ÷ (answered + abandoned); null when neither happened.
/// </summary>
public sealed record QueueInterval(
    DateTimeOffset From,
    int Arrived,
    int Answered,
    int AnsweredWithinServiceLevel,
    int Waited,
    int Abandoned,
    double WaitSeconds,
    double? AverageWait,
    double? P90Wait,
    int WaitingAtEnd,
    double? OldestWaitAtEnd,
    double AbandonedWaitSeconds = 0,
    double HandleSeconds = 0)
{
    /// <summary>The handle time of the contacts answered in the interval, on average (drawn, then stretched by the concurrency curve).</summary>
    public double? AverageHandleTime => Answered == 0 ? null : HandleSeconds / Answered;

    /// <summary>How long abandoned contacts waited before leaving, on average (Amazon Connect's "average queue abandon time").</summary>
    public double? AverageAbandonTime => Abandoned == 0 ? null : AbandonedWaitSeconds / Abandoned;

    /// <summary>The share of contacts leaving the queue that waited at all (answered after a wait, or abandoned).</summary>
    public double? WaitProbability => Answered + Abandoned == 0 ? null : (double)(Waited + Abandoned) / (Answered + Abandoned);

    /// <summary>The average wait of every contact that left the queue, answered or abandoned.</summary>
    public double? AverageWaitAll => Answered + Abandoned == 0 ? null : (WaitSeconds + AbandonedWaitSeconds) / (Answered + Abandoned);

    public double? ServiceLevel => Answered + Abandoned == 0 ? null : (double)AnsweredWithinServiceLevel / (Answered + Abandoned);

    public double? AbandonmentRate => Answered + Abandoned == 0 ? null : (double)Abandoned / (Answered + Abandoned);
}

/// <summary>A queue on a channel in a Region over the day: per interval and in total (Total.From is the day's start).</summary>
public sealed record QueueSeries(string Region, string Channel, string Queue, IReadOnlyList<QueueInterval> Intervals, QueueInterval Total);

/// <summary>
/// Agent load in a Region over one interval, as time averages. Occupancy = busy agent time ÷ staffed agent time; for
/// a channel's series, agents busy on the channel ÷ staffed agents whose routing profile enables it. Slot
/// utilisation = slot time in use ÷ slot time offered by routable agents.
/// </summary>
public sealed record LoadInterval(DateTimeOffset From, double StaffedAgents, double? Occupancy, double? SlotUtilisation);

/// <summary>Channel "ALL" is the Region's agents whatever they work on (slot utilisation over every channel's slots).</summary>
public sealed record LoadSeries(string Region, string Channel, IReadOnlyList<LoadInterval> Intervals, LoadInterval Total);

/// <summary>A timeline change and whether it was accepted.</summary>
public sealed record AppliedChange(DateTimeOffset At, string Label, string? Error);

public sealed record SimulationResult(
    SimulationSettings Settings,
    IReadOnlyList<QueueSeries> Queues,
    IReadOnlyList<LoadSeries> Loads,
    IReadOnlyList<AppliedChange> Changes,
    long ContactsArrived,
    long Offers,
    long Evaluations,
    long Events,
    IReadOnlyList<FlowSeries>? Flows = null);

/// <summary>How often an action of a flow took a branch: its result (True, False, Success, a percentage …), or its error type.</summary>
public sealed record FlowBranchCount(string ActionIdentifier, string ActionType, string Branch, long Count);

/// <summary>
/// One flow over the day. Entered, Queued (by queue name), Disconnected and InFlowAtEnd count the contacts that entered
/// by it (wherever TransferToFlow or modules took them); ClosedHours (CheckHoursOfOperation False), AtCapacity
/// (TransferContactToQueue's QueueAtCapacity), Errors (every other error branch) and Branches count the actions run in it.
/// </summary>
public sealed record FlowSeries(
    string Flow,
    string FlowArn,
    long Entered,
    long Queued,
    long Disconnected,
    long InFlowAtEnd,
    long ClosedHours,
    long AtCapacity,
    long Errors,
    IReadOnlyList<(string Queue, long Count)> QueuedBy,
    IReadOnlyList<FlowBranchCount> Branches)
{
    /// <summary>The outcome of a contact its flow ended.</summary>
    public const string DisconnectedOutcome = "disconnected";

    /// <summary>The outcome of a contact its flow queued: this, then the queue's name.</summary>
    public const string QueuedOutcome = "queued: ";

    /// <summary>The outcomes of the contacts that entered by the flow, per interval (counted when the flow queued or ended them).</summary>
    public IReadOnlyList<FlowInterval> Intervals { get; init; } = [];
}

/// <summary>How many contacts of a flow met each outcome (<see cref="FlowSeries.DisconnectedOutcome"/>, queued: QUEUE) in an interval.</summary>
public sealed record FlowInterval(DateTimeOffset From, IReadOnlyDictionary<string, long> Outcomes);
