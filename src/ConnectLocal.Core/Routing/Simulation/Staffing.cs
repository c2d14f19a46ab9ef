namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// What an interval must achieve: a service level (at least <see cref="ServiceLevel"/> of contacts answered within
/// <see cref="ServiceLevelSeconds"/>), an abandonment ceiling (at most <see cref="MaxAbandonment"/> abandoned), or both.
/// </summary>
public sealed record StaffingGoal(double? ServiceLevel, int ServiceLevelSeconds, double? MaxAbandonment)
{
    public bool IsMetBy(double? serviceLevel, double? abandonment) =>
        (ServiceLevel is not { } sl || (serviceLevel ?? 1) >= sl) && (MaxAbandonment is not { } max || (abandonment ?? 0) <= max);
}

/// <summary>One channel in one interval: its forecast arrival rate, handle and patience times, and the concurrency agents work at.</summary>
public sealed record StaffingInterval(
    RoutingChannel Channel,
    double PerHour,
    Distribution HandleTime,
    Distribution? Patience,
    int Concurrency,
    ConcurrencyCurve? Curve);

/// <summary>How each staffing judgement is simulated.</summary>
public sealed record StaffingSettings(int Replications, ulong Seed, TimeSpan WarmUp, TimeSpan Measured)
{
    /// <summary>[choice] 10 replications of 30 minutes' warm-up and 4 hours measured at the interval's steady rate.</summary>
    public static readonly StaffingSettings Default = new(10, 1, TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));
}

/// <summary>The fewest agents for an interval and what they achieve there (each figure with its 95 % interval).</summary>
public sealed record StaffingAnswer(
    int Agents,
    Estimate? ServiceLevel,
    Estimate? Abandonment,
    Estimate? Occupancy,
    Estimate? AverageHandleTime,
    Estimate? AverageWait,
    int Evaluations,
    Estimate? SlotUtilisation = null);

/// <summary>
/// Staffing by simulation, interval by interval: each interval is judged at its forecast rate held steady (the
/// "stationary independent period by period" approach Erlang C staffing also takes), by <see cref="SteadyState"/>
/// replications with common seeds for every agent count tried, so the comparison between n and n + 1 agents is not
/// blurred by different random numbers.
///
/// [choice] An agent count meets the goal when the mean over the replications does (the point estimate); the 95 %
/// intervals are reported beside it.
/// </summary>
public static class Staffing
{
    public static StaffingAnswer Fewest(StaffingInterval interval, StaffingGoal goal, StaffingSettings settings)
    {
        if (interval.PerHour <= 0)
        {
            return new StaffingAnswer(0, null, null, null, null, null, 0);
        }

        var cache = new Dictionary<int, StaffingAnswer>();
        StaffingAnswer Try(int agents)
        {
            if (!cache.TryGetValue(agents, out var answer))
            {
                answer = Evaluate(interval, goal, settings, agents, cache.Count + 1);
                cache[agents] = answer;
            }

            return answer;
        }

        bool Meets(StaffingAnswer a) => goal.IsMetBy(a.ServiceLevel?.Mean, a.Abandonment?.Mean);

        // Start from the formula's answer for the load in agent-equivalents (each agent gets through
        // Throughput(concurrency) contacts' worth of work at once), then walk to the boundary.
        var load = interval.PerHour * interval.HandleTime.Mean * (interval.Curve ?? ConcurrencyCurve.Flat).Factor(interval.Concurrency) / 3600 / interval.Concurrency;
        var n = Math.Max(1, goal.ServiceLevel is { } sl
            ? ErlangC.Agents(load, interval.HandleTime.Mean, sl, goal.ServiceLevelSeconds)
            : (int)Math.Ceiling(load * 0.9));
        if (Meets(Try(n)))
        {
            while (n > 1 && Meets(Try(n - 1)))
            {
                n--;
            }
        }
        else
        {
            while (!Meets(Try(n + 1)))
            {
                n++;
                if (n > 100_000)
                {
                    throw new InvalidOperationException("No staffing up to 100,000 agents meets the goal.");
                }
            }

            n++;
        }

        return cache[n] with { Evaluations = cache.Count };
    }

    private static StaffingAnswer Evaluate(StaffingInterval interval, StaffingGoal goal, StaffingSettings settings, int agents, int evaluation)
    {
        var model = new QueueModel(interval.Channel, interval.PerHour, interval.HandleTime, interval.Patience, agents, interval.Concurrency, interval.Curve, goal.ServiceLevelSeconds);
        var samples = Replications.Run(settings.Replications, settings.Seed, (_, seed) => SteadyState.Run(model, seed, settings.WarmUp, settings.Measured));
        return new StaffingAnswer(agents,
            Estimate.Of(samples.Select(s => s.Queue.ServiceLevel)),
            Estimate.Of(samples.Select(s => s.Queue.AbandonmentRate)),
            Estimate.Of(samples.Select(s => s.Occupancy)),
            Estimate.Of(samples.Select(s => s.Queue.AverageHandleTime)),
            Estimate.Of(samples.Select(s => s.Queue.AverageWait)),
            evaluation,
            Estimate.Of(samples.Select(s => s.SlotUtilisation)));
    }
}

/// <summary>The Erlang C formula (M/M/n, no abandonment) and the staffing it gives.</summary>
public static class ErlangC
{
    /// <summary>The probability that an arrival waits, with n agents and an offered load of a Erlangs (1 when n ≤ a).</summary>
    public static double WaitProbability(int n, double a)
    {
        if (n <= a)
        {
            return 1;
        }

        var term = 1.0;
        var sum = 0.0;
        for (var k = 0; k < n; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }

        var last = term * n / (n - a);
        return last / (sum + last);
    }

    /// <summary>Service level: P(wait ≤ t) = 1 − C(n, a)·e^(−(n − a)·t / AHT).</summary>
    public static double ServiceLevel(int n, double a, double handleSeconds, double seconds) =>
        n <= a ? 0 : 1 - (WaitProbability(n, a) * Math.Exp(-(n - a) * seconds / handleSeconds));

    /// <summary>Occupancy: a ÷ n.</summary>
    public static double Occupancy(int n, double a) => Math.Min(1, a / n);

    /// <summary>The fewest agents whose service level reaches the target.</summary>
    public static int Agents(double a, double handleSeconds, double target, double seconds)
    {
        if (a <= 0)
        {
            return 0;
        }

        var n = Math.Max(1, (int)Math.Floor(a) + 1);
        while (ServiceLevel(n, a, handleSeconds, seconds) < target)
        {
            n++;
        }

        return n;
    }
}
