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

/// <summary>
/// Independent replications of one scenario summed up: for every figure of every interval, the mean over the
/// replications and its 95 % confidence interval (<see cref="Estimate"/>), each replication's figure computed from its
/// own counts (so a ratio is the mean of the replications' ratios).
///
/// [choice] An interval is too wide to trust when its half-width is more than 5 percentage points for a share
/// (service level, abandonment, occupancy), or more than 10 % of the estimate and more than one unit (contact, second,
/// agent) otherwise; with fewer than two replications holding a value there is no interval, which counts as too wide.
/// </summary>
public sealed record ReplicatedResult(int Replications, IReadOnlyList<ulong> Seeds, IReadOnlyList<EstimatedSeries> Queues, IReadOnlyList<EstimatedSeries> Loads)
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

    /// <summary>The replications' results (same scenario, different seeds) summed up.</summary>
    public static ReplicatedResult Of(IReadOnlyList<SimulationResult> runs)
    {
        var first = runs[0];
        var queues = first.Queues.Select((q, s) => Series(q.Region, q.Channel, q.Queue, runs.Select(r => r.Queues[s].Intervals).ToList(), runs.Select(r => r.Queues[s].Total).ToList(), QueueFigures, i => i.From)).ToList();
        var loads = first.Loads.Select((l, s) => Series(l.Region, l.Channel, null, runs.Select(r => r.Loads[s].Intervals).ToList(), runs.Select(r => r.Loads[s].Total).ToList(), LoadFigures, i => i.From)).ToList();
        return new ReplicatedResult(runs.Count, runs.Select(r => r.Settings.Seed).ToList(), queues, loads);
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
}
