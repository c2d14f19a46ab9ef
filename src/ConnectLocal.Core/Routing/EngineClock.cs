namespace ConnectLocal.Core.Routing;

/// <summary>
/// The routing engine's notion of "now". The server runs on real time; tests and the simulator use a
/// <see cref="VirtualClock"/> that only moves when they advance it, so every decision is reproducible.
/// </summary>
public abstract class EngineClock
{
    public abstract DateTimeOffset Now { get; }

    /// <summary>Now, in UTC ticks: what the engine compares and stores (no DateTimeOffset arithmetic on the hot path).</summary>
    public virtual long UtcTicks => Now.UtcTicks;
}

/// <summary>Real time from a <see cref="TimeProvider"/> (the system clock by default).</summary>
public sealed class SystemEngineClock(TimeProvider time) : EngineClock
{
    public SystemEngineClock()
        : this(TimeProvider.System)
    {
    }

    public override DateTimeOffset Now => time.GetUtcNow();
}

/// <summary>Virtual time: starts where it is told and moves only forward, only when advanced.</summary>
public sealed class VirtualClock(DateTimeOffset start) : EngineClock
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset Now => new(_ticks, TimeSpan.Zero);

    public override long UtcTicks => _ticks;

    public void Advance(TimeSpan by) => AdvanceTo(_ticks + by.Ticks);

    public void AdvanceTo(DateTimeOffset time) => AdvanceTo(time.UtcTicks);

    public void AdvanceTo(long utcTicks)
    {
        if (utcTicks < _ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(utcTicks), "A virtual clock never goes back.");
        }

        _ticks = utcTicks;
    }
}
