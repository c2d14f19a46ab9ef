namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>What kind of number a figure is: it decides how it is shown and when its interval is too wide.</summary>
public enum FigureKind
{
    Count,
    Share,
    Seconds,
    Agents,
}

/// <summary>A figure reported per queue or per agent load, and how to read it from one replication's interval.</summary>
public sealed record Figure<T>(string Name, string Label, FigureKind Kind, Func<T, double?> Read);

/// <summary>One interval (or the day) of a series: each figure's estimate over the replications (null: no replication had a value).</summary>
public sealed record EstimatedInterval(DateTimeOffset From, IReadOnlyList<Estimate?> Figures);

/// <summary>A queue on a channel in a Region (or a Region's agents on a channel): every interval, and the day.</summary>
public sealed record EstimatedSeries(string Region, string Channel, string? Queue, IReadOnlyList<EstimatedInterval> Intervals, EstimatedInterval Total);

/// <summary>How often an action of a flow took a branch, over the replications.</summary>
public sealed record EstimatedBranch(string ActionIdentifier, string ActionType, string Branch, Estimate Count);

/// <summary>
/// One flow over the replications: its counts for the day (<see cref="ReplicatedResult.FlowFigures"/>, in Total), the
/// contacts it queued per queue, every branch its actions took, and per interval one estimate per outcome of
/// <see cref="Outcomes"/> (<see cref="FlowSeries.DisconnectedOutcome"/>, queued: QUEUE).
/// </summary>
public sealed record EstimatedFlow(
    string Flow,
    EstimatedInterval Total,
    IReadOnlyList<(string Queue, Estimate Count)> QueuedBy,
    IReadOnlyList<EstimatedBranch> Branches,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<EstimatedInterval> Intervals);

/// <summary>
/// Independent replications of one scenario summed up: for every figure of every interval, the mean over the
/// replications and its 95 % confidence interval (<see cref="Estimate"/>), each replication's figure computed from its
/// own counts (so a ratio is the mean of the replications' ratios).
///
/// [choice] An interval is too wide to trust when its half-width is more than 5 percentage points for a share
/// (service level, abandonment, occupancy), or more than 10 % of the estimate and more than one unit (contact, second,
/// agent) otherwise; with fewer than two replications holding a value there is no interval, which counts as too wide.
///
/// [choice] Flows are matched across replications by name (each replication makes its own, with ARNs of its own). A
/// flow, queue, branch or outcome that a replication never reached counted zero contacts there: its mean and interval
/// are over all the replications, not only those that reached it.
/// </summary>
public sealed record ReplicatedResult(int Replications, IReadOnlyList<ulong> Seeds, IReadOnlyList<EstimatedSeries> Queues, IReadOnlyList<EstimatedSeries> Loads,
    IReadOnlyList<EstimatedFlow>? Flows = null)
{
    public static readonly IReadOnlyList<Figure<QueueInterval>> QueueFigures =
    [
        new("arrived", "Contacts", FigureKind.Count, i => i.Arrived),
        new("answered", "Answered", FigureKind.Count, i => i.Answered),
        new("abandoned", "Abandoned", FigureKind.Count, i => i.Abandoned),
        new("serviceLevel", "Service level", FigureKind.Share, i => i.ServiceLevel),
        new("abandonmentRate", "Abandonment", FigureKind.Share, i => i.AbandonmentRate),
        new("averageWaitSeconds", "Avg wait", FigureKind.Seconds, i => i.AverageWait),
        new("p90WaitSeconds", "P90 wait", FigureKind.Seconds, i => i.P90Wait),
        new("averageAbandonSeconds", "Avg abandon time", FigureKind.Seconds, i => i.AverageAbandonTime),
        new("waitingAtEnd", "Waiting at end", FigureKind.Count, i => i.WaitingAtEnd),
        new("averageHandleSeconds", "Avg handle time", FigureKind.Seconds, i => i.AverageHandleTime),
    ];

    public static readonly IReadOnlyList<Figure<LoadInterval>> LoadFigures =
    [
        new("staffedAgents", "Staffed agents", FigureKind.Agents, i => i.StaffedAgents),
        new("occupancy", "Occupancy", FigureKind.Share, i => i.Occupancy),
        new("slotUtilisation", "Slot utilisation", FigureKind.Share, i => i.SlotUtilisation),
    ];

    /// <summary>The counts of a flow's day, named as one run's result.json names them.</summary>
    public static readonly IReadOnlyList<Figure<FlowSeries>> FlowFigures =
    [
        new("entered", "Entered", FigureKind.Count, f => f.Entered),
        new("queued", "Queued", FigureKind.Count, f => f.Queued),
        new("disconnected", "Disconnected in flow", FigureKind.Count, f => f.Disconnected),
        new("inFlowAtEnd", "Still in flow at end", FigureKind.Count, f => f.InFlowAtEnd),
        new("closedHours", "Closed hours", FigureKind.Count, f => f.ClosedHours),
        new("atCapacity", "At capacity", FigureKind.Count, f => f.AtCapacity),
        new("errors", "Errors", FigureKind.Count, f => f.Errors),
    ];

    /// <summary>The replications' results (same scenario, different seeds) summed up.</summary>
    public static ReplicatedResult Of(IReadOnlyList<SimulationResult> runs)
    {
        var first = runs[0];
        var queues = first.Queues.Select((q, s) => Series(q.Region, q.Channel, q.Queue, runs.Select(r => r.Queues[s].Intervals).ToList(), runs.Select(r => r.Queues[s].Total).ToList(), QueueFigures, i => i.From)).ToList();
        var loads = first.Loads.Select((l, s) => Series(l.Region, l.Channel, null, runs.Select(r => r.Loads[s].Intervals).ToList(), runs.Select(r => r.Loads[s].Total).ToList(), LoadFigures, i => i.From)).ToList();
        var flows = first.Flows is null ? null : FlowsOf(runs);
        return new ReplicatedResult(runs.Count, runs.Select(r => r.Settings.Seed).ToList(), queues, loads, flows);
    }

    /// <summary>The [choice] rule above.</summary>
    public static bool TooWide(Estimate? estimate, FigureKind kind)
    {
        if (estimate is not { HalfWidth: { } half } e)
        {
            return true;
        }

        return kind == FigureKind.Share ? half > 0.05 : half > 1 && half > 0.1 * Math.Abs(e.Mean);
    }

    private static EstimatedSeries Series<T>(string region, string channel, string? queue, IReadOnlyList<IReadOnlyList<T>> intervals, IReadOnlyList<T> totals, IReadOnlyList<Figure<T>> figures, Func<T, DateTimeOffset> from)
    {
        var count = intervals.Min(i => i.Count);
        var estimated = Enumerable.Range(0, count).Select(k => Interval(from(intervals[0][k]), intervals.Select(r => r[k]).ToList(), figures)).ToList();
        return new EstimatedSeries(region, channel, queue, estimated, Interval(from(totals[0]), totals, figures));
    }

    private static EstimatedInterval Interval<T>(DateTimeOffset from, IReadOnlyList<T> replications, IReadOnlyList<Figure<T>> figures) =>
        new(from, figures.Select(f => Estimate.Of(replications.Select(f.Read))).ToList());

    /// <summary>Every flow some replication ran, in the order the replications first met them (the [choice] above).</summary>
    private static List<EstimatedFlow> FlowsOf(IReadOnlyList<SimulationResult> runs)
    {
        var names = runs.SelectMany(r => r.Flows ?? []).Select(f => f.Flow).Distinct(StringComparer.Ordinal).ToList();
        return names.Select(name => Flow(name, runs.Select(r => r.Flows?.FirstOrDefault(f => f.Flow == name)).ToList(), runs[0].Settings.Start)).ToList();
    }

    private static EstimatedFlow Flow(string name, IReadOnlyList<FlowSeries?> runs, DateTimeOffset start)
    {
        // One count per replication, zero where the replication never reached the flow or the key.
        Estimate Count(Func<FlowSeries, long> read) => Estimate.Of(runs.Select(f => f is null ? 0.0 : read(f)))!.Value;
        var present = runs.OfType<FlowSeries>().ToList();

        var total = new EstimatedInterval(start, FlowFigures.Select(figure => Estimate.Of(runs.Select(f => f is null ? 0 : figure.Read(f)))).ToList());
        var queues = present.SelectMany(f => f.QueuedBy).Select(q => q.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(queue => (queue, Count(f => f.QueuedBy.FirstOrDefault(q => q.Queue == queue).Count))).ToList();
        var branches = present.SelectMany(f => f.Branches).DistinctBy(b => (b.ActionIdentifier, b.Branch))
            .OrderBy(b => b.ActionIdentifier, StringComparer.Ordinal).ThenBy(b => b.Branch, StringComparer.Ordinal)
            .Select(b => new EstimatedBranch(b.ActionIdentifier, b.ActionType, b.Branch,
                Count(f => f.Branches.FirstOrDefault(x => x.ActionIdentifier == b.ActionIdentifier && x.Branch == b.Branch)?.Count ?? 0)))
            .ToList();

        // Every flow of a run has an interval for each interval closed (SimulationRun.FlowStats.Close).
        var outcomes = present.SelectMany(f => f.Intervals).SelectMany(i => i.Outcomes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var count = present.Min(f => f.Intervals.Count);
        var intervals = Enumerable.Range(0, count).Select(k => new EstimatedInterval(present[0].Intervals[k].From,
            outcomes.Select(o => (Estimate?)Count(f => f.Intervals[k].Outcomes.GetValueOrDefault(o))).ToList())).ToList();
        return new EstimatedFlow(name, total, queues, branches, outcomes, intervals);
    }
}
