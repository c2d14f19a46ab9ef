using ConnectLocal.Core.HoursOverrides;

namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>
/// What running flows read, held in memory: flows, modules, queues and hours of operation given directly (the routing
/// benchmark and scenario tests), each found by id or ARN. Hours are open by their weekly periods in their time zone.
/// </summary>
public sealed class FlowResourceSet : IFlowResources
{
    private readonly Dictionary<string, FlowProgram> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowProgram> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowQueue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string TimeZone, Func<DateOnly, IReadOnlyList<OpenPeriod>> PeriodsOn)> _hours = new(StringComparer.Ordinal);

    public FlowResourceSet AddFlow(FlowProgram flow)
    {
        _flows[flow.Id] = _flows[flow.Arn] = flow;
        return this;
    }

    public FlowResourceSet AddModule(FlowProgram module)
    {
        _modules[module.Id] = _modules[module.Arn] = module;
        return this;
    }

    public FlowResourceSet AddQueue(FlowQueue queue)
    {
        _queues[queue.Id] = _queues[queue.Arn] = queue;
        return this;
    }

    /// <param name="periodsOn">The open periods (minutes of the day) of a date in the hours' time zone.</param>
    public FlowResourceSet AddHours(string id, string arn, string timeZone, Func<DateOnly, IReadOnlyList<OpenPeriod>> periodsOn)
    {
        _hours[id] = _hours[arn] = (timeZone, periodsOn);
        return this;
    }

    public FlowProgram? Flow(string idOrArn) => _flows.GetValueOrDefault(idOrArn);

    public FlowProgram? Module(string idOrArn) => _modules.GetValueOrDefault(idOrArn);

    public FlowQueue? Queue(string idOrArn) => _queues.GetValueOrDefault(idOrArn);

    public FlowQueue? AgentQueue(string userIdOrArn) => null;

    public bool? HoursOpen(string hoursIdOrArn, DateTimeOffset at) =>
        _hours.TryGetValue(hoursIdOrArn, out var hours) ? FlowHours.IsOpen(hours.TimeZone, hours.PeriodsOn, at) : null;
}

/// <summary>
/// Another <see cref="IFlowResources"/>'s answers, remembered until <see cref="Clear"/> (the simulator reads the
/// store's once and clears them when a timeline change may have changed the configuration). Hours are remembered per
/// UTC minute: an answer depends on the minute of the day and no finer.
/// </summary>
public sealed class CachedFlowResources(IFlowResources inner) : IFlowResources
{
    private readonly Dictionary<string, FlowProgram?> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowProgram?> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowQueue?> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowQueue?> _agentQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Hours, long Minute), bool?> _hours = [];
    private object _token = new();

    public object? JsonValue(string text) => inner.JsonValue(text);

    /// <summary>Replaced by <see cref="Clear"/>: actions that remembered an answer read it again.</summary>
    public object? CacheToken => _token;

    public void Clear()
    {
        _token = new object();
        _flows.Clear();
        _modules.Clear();
        _queues.Clear();
        _agentQueues.Clear();
        _hours.Clear();
    }

    public FlowProgram? Flow(string idOrArn) => Get(_flows, idOrArn, inner.Flow);

    public FlowProgram? Module(string idOrArn) => Get(_modules, idOrArn, inner.Module);

    public FlowQueue? Queue(string idOrArn) => Get(_queues, idOrArn, inner.Queue);

    public FlowQueue? AgentQueue(string userIdOrArn) => Get(_agentQueues, userIdOrArn, inner.AgentQueue);

    public bool? HoursOpen(string hoursIdOrArn, DateTimeOffset at)
    {
        var minute = at.UtcTicks / TimeSpan.TicksPerMinute;
        if (!_hours.TryGetValue((hoursIdOrArn, minute), out var open))
        {
            open = inner.HoursOpen(hoursIdOrArn, new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero));
            _hours[(hoursIdOrArn, minute)] = open;
        }

        return open;
    }

    private static T? Get<T>(Dictionary<string, T?> cache, string key, Func<string, T?> read)
        where T : class
    {
        if (!cache.TryGetValue(key, out var value))
        {
            value = read(key);
            cache[key] = value;
        }

        return value;
    }
}
