namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>From <see cref="From"/> (time of day) until the next period, contacts arrive at this many per hour (Poisson).</summary>
public sealed record RatePeriod(TimeSpan From, double PerHour);

/// <summary>
/// Contacts arriving in one queue on one channel over the day, and how long they last.
/// </summary>
/// <param name="QueueName">The name reports show.</param>
/// <param name="Patience">How long a customer waits in queue before leaving; null: forever.</param>
/// <param name="Region">Where the contacts arrive; null: where the simulation's region chooser puts them.</param>
/// <param name="Recorded">Contacts replayed from records (sorted by arrival) instead of Poisson arrivals at
/// <paramref name="Rates"/>: each arrives at its time, is handled for its recorded time (else one drawn from
/// <paramref name="HandleTime"/>), and leaves the queue after its recorded abandonment time (else after a patience
/// drawn from <paramref name="Patience"/>, or never).</param>
/// <param name="Flow">The flow the stream's contacts enter by (the flow decides whether and where they are queued;
/// <paramref name="QueueId"/> is then only the stream's name); null: straight into <paramref name="QueueId"/>.</param>
public sealed record ArrivalStream(
    string QueueId,
    string QueueName,
    RoutingChannel Channel,
    IReadOnlyList<RatePeriod> Rates,
    Distribution HandleTime,
    Distribution? Patience = null,
    Distribution? AfterContactWork = null,
    string? Region = null,
    IReadOnlyList<RecordedContact>? Recorded = null,
    ConnectLocal.Core.Flows.Interpreter.FlowProgram? Flow = null);

/// <summary>One contact of an exported day: when it arrived (time of day), its handle time if it was answered, and after how long it abandoned if it did.</summary>
public sealed record RecordedContact(TimeSpan Arrival, double? HandleSeconds, double? AbandonedAfterSeconds);

/// <summary>A contact as the simulation saw it (<see cref="SimulationSettings.RecordContacts"/>): the contact-record export.</summary>
public sealed record ContactRecord(DateTimeOffset Arrival, string Queue, string Channel, string Region, double WaitSeconds, double? HandleSeconds, double? AbandonedAfterSeconds);

/// <summary>Draws uniformly among recorded values (the handle times of an exported day).</summary>
public sealed record EmpiricalDistribution(IReadOnlyList<double> Values) : Distribution
{
    public override double Mean => Values.Average();

    public override double Sample(Rng rng) => Values[(int)(rng.NextDouble() * Values.Count)];
}

/// <summary>
/// A configuration change at a time of the simulated day. <see cref="Apply"/> makes it (through the API, in the
/// simulator) and answers null, or the error the change met.
/// </summary>
public sealed record TimelineAction(DateTimeOffset At, string Label, Func<string?> Apply);

public sealed record SimulationSettings
{
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>Midnight of the simulated day: rate periods are times of day from here.</summary>
    public DateTimeOffset Day { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Service level: the share of contacts answered within this many seconds.</summary>
    public int ServiceLevelSeconds { get; init; } = 20;

    public ulong Seed { get; init; }

    /// <summary>Keep a <see cref="ContactRecord"/> per answered or abandoned contact (<see cref="Simulation.Records"/>).</summary>
    public bool RecordContacts { get; init; }

    /// <summary>How handle time grows with the contacts an agent holds at once; null: it does not.</summary>
    public ConcurrencyCurve? Concurrency { get; init; }

    /// <summary>The Regions to report on, the first being where a contact arrives when nothing else says.</summary>
    public required IReadOnlyList<string> Regions { get; init; }
}
