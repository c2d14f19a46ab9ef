namespace ConnectLocal.Core.Routing;

/// <summary>
/// A count that also knows its integral over time (value × seconds), so averages over any interval (occupancy,
/// slot utilisation) come from two readings instead of sampling.
/// </summary>
public sealed class TimeWeightedCount
{
    private double _area;
    private long _since;

    public long Value { get; private set; }

    internal void Add(long delta, long now)
    {
        _area += (double)Value * (now - _since);
        _since = now;
        Value += delta;
    }

    /// <summary>The integral up to <paramref name="now"/>, in value × ticks.</summary>
    public double AreaAt(long now) => _area + ((double)Value * (now - _since));
}

/// <summary>
/// The agent load of one Region, kept up to date by the engine as agents and contacts change: staffed agents
/// (signed in and routable, or still working a contact), busy agents (working at least one contact, after-contact
/// work included), and per channel the agents busy on it, the slots offered (routable agents' concurrency) and the slots in use.
/// </summary>
public sealed class RegionLoad(string region)
{
    public string Region { get; } = region;

    public TimeWeightedCount Staffed { get; } = new();

    public TimeWeightedCount Busy { get; } = new();

    /// <summary>Staffed agents whose routing profile enables the channel.</summary>
    public TimeWeightedCount[] StaffedOn { get; } = [new(), new(), new(), new()];

    /// <summary>Agents working at least one contact of the channel.</summary>
    public TimeWeightedCount[] BusyOn { get; } = [new(), new(), new(), new()];

    public TimeWeightedCount[] Capacity { get; } = [new(), new(), new(), new()];

    public TimeWeightedCount[] Occupied { get; } = [new(), new(), new(), new()];
}
