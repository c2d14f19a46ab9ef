using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// One queue on one channel at a constant arrival rate, served by <see cref="Agents"/> identical agents who each hold
/// up to <see cref="Concurrency"/> contacts of the channel: the model a staffing interval is judged by, and the one
/// queueing formulas (Erlang C, Erlang A) describe when the distributions are exponential.
/// </summary>
public sealed record QueueModel(
    RoutingChannel Channel,
    double PerHour,
    Distribution HandleTime,
    Distribution? Patience,
    int Agents,
    int Concurrency = 1,
    ConcurrencyCurve? Curve = null,
    int ServiceLevelSeconds = 20);

/// <summary>What one replication of a <see cref="QueueModel"/> measured after its warm-up.</summary>
/// <param name="Queue">The queue's counts over the measured window.</param>
/// <param name="Occupancy">Busy agent time ÷ staffed agent time over the measured window.</param>
/// <param name="SlotUtilisation">Slot time in use ÷ slot time offered.</param>
public sealed record SteadyStateSample(QueueInterval Queue, double? Occupancy, double? SlotUtilisation);

/// <summary>
/// Runs a <see cref="QueueModel"/> with the simulator (the routing engine deciding, as in <c>connectlocal simulate</c>):
/// a warm-up from an empty system that is not counted, then the measured window, as one interval each.
/// </summary>
public static class SteadyState
{
    private const string Region = "us-east-1";
    private static readonly DateTimeOffset Day = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <param name="measured">Rounded up to a whole number of warm-ups (the report interval is the warm-up's length).</param>
    public static SteadyStateSample Run(QueueModel model, ulong seed, TimeSpan warmUp, TimeSpan measured)
    {
        var intervals = Math.Max(1, (int)Math.Ceiling(measured / warmUp));
        var settings = new SimulationSettings
        {
            Start = Day,
            End = Day + (warmUp * (intervals + 1)),
            Day = Day,
            Interval = warmUp,
            ServiceLevelSeconds = model.ServiceLevelSeconds,
            Seed = seed,
            Regions = [Region],
            Concurrency = model.Curve,
        };
        var channel = RoutingChannels.Name(model.Channel);
        var stream = new ArrivalStream("q", "q", model.Channel, [new RatePeriod(TimeSpan.Zero, model.PerHour)], model.HandleTime, model.Patience);
        var simulation = new Simulation(settings, [stream], []);
        simulation.Engine.SetRoutingProfile(new RoutingProfile
        {
            Id = "agents",
            InstanceId = "steady-state",
            Arn = "arn:aws:connect:us-east-1:000000000000:instance/steady-state/routing-profile/agents",
            Name = "agents",
            Description = "agents",
            DefaultOutboundQueueId = "q",
            MediaConcurrencies = [new ChannelConcurrency(channel, model.Concurrency, null)],
            Queues = [new RoutingProfileQueue("q", channel, 1, 0)],
            LastModifiedTime = Day,
            LastModifiedRegion = Region,
        });
        for (var i = 0; i < model.Agents; i++)
        {
            simulation.Engine.SetAgent(new AgentSettings($"agent-{i:D5}", "agents", Online: true, Routable: true, Region, Day));
        }

        var result = simulation.Run();
        var queue = Sum(result.Queues.Single().Intervals.Skip(1).ToList());
        var load = result.Loads.Single(l => l.Channel == channel).Intervals.Skip(1).ToList();
        return new SteadyStateSample(queue, Mean(load.Select(l => l.Occupancy)), Mean(load.Select(l => l.SlotUtilisation)));
    }

    /// <summary>Intervals added up (the averages recomputed from the sums; p90 and end-of-interval figures are not kept).</summary>
    public static QueueInterval Sum(IReadOnlyList<QueueInterval> intervals)
    {
        var answered = intervals.Sum(i => i.Answered);
        var wait = intervals.Sum(i => i.WaitSeconds);
        return new QueueInterval(intervals.Count > 0 ? intervals[0].From : Day, intervals.Sum(i => i.Arrived), answered,
            intervals.Sum(i => i.AnsweredWithinServiceLevel), intervals.Sum(i => i.Waited), intervals.Sum(i => i.Abandoned), wait,
            answered == 0 ? null : wait / answered, null, intervals.Count > 0 ? intervals[^1].WaitingAtEnd : 0, null, intervals.Sum(i => i.AbandonedWaitSeconds), intervals.Sum(i => i.HandleSeconds));
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var list = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : list.Average();
    }
}
