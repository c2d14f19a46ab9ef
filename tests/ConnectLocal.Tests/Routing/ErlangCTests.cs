using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;
using Xunit.Abstractions;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// The simulator against queueing theory. Single-channel voice, Poisson arrivals, exponential handle times, c agents
/// and no abandonment is the M/M/c queue, whose probability of waiting and mean wait the Erlang C formula gives
/// exactly. Each load runs the given number of simulated contacts after a warm-up of <see cref="WarmUpContacts"/>
/// (fixed seed, so the outcome is the same on every run); the simulated values must lie within the stated tolerance
/// of the formula. The sample sizes are chosen so that the batch-means 95 % confidence interval of the mean wait
/// (printed with each run) is narrower than the tolerance: near saturation waits are strongly correlated, so 95 %
/// needs three times the contacts of the lighter loads.
/// </summary>
public sealed class ErlangCTests(ITestOutputHelper output)
{
    private const int Agents = 10;
    private const double HandleSeconds = 100;
    private const int WarmUpContacts = 50_000;

    /// <summary>Absolute tolerance on P(wait): 1.5 percentage points.</summary>
    private const double WaitProbabilityTolerance = 0.015;

    /// <summary>Relative tolerance on the mean wait: 5 %.</summary>
    private const double MeanWaitTolerance = 0.05;

    [Theory]
    [InlineData(0.70, 2_000_000)]
    [InlineData(0.85, 2_000_000)]
    [InlineData(0.95, 6_000_000)]
    public void Simulated_probability_of_waiting_and_mean_wait_match_Erlang_C(double occupancy, int contacts)
    {
        const int Batches = 50;
        var arrivalsPerSecond = occupancy * Agents / HandleSeconds;
        var batch = TimeSpan.FromSeconds(contacts / arrivalsPerSecond / Batches);
        var warmUpBatches = (int)Math.Ceiling(WarmUpContacts / arrivalsPerSecond / batch.TotalSeconds);
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var settings = new SimulationSettings
        {
            Start = day,
            End = day + (batch * (warmUpBatches + Batches)),
            Day = day,
            Interval = batch,
            Seed = 2026,
            Regions = ["us-east-1"],
        };
        var stream = new ArrivalStream("q", "q", RoutingChannel.Voice, [new RatePeriod(TimeSpan.Zero, arrivalsPerSecond * 3600)], new ExponentialDistribution(HandleSeconds));
        var simulation = new Simulation(settings, [stream], []);
        simulation.Engine.SetRoutingProfile(EngineFixture.Profile("voice", [EngineFixture.Media("VOICE", 1)], [EngineFixture.Serves("q", "VOICE")]));
        for (var i = 0; i < Agents; i++)
        {
            simulation.Engine.SetAgent(new AgentSettings($"agent-{i}", "voice", Online: true, Routable: true, "us-east-1", day));
        }

        var batches = simulation.Run().Queues.Single().Intervals.Skip(warmUpBatches).ToList();

        var answered = batches.Sum(b => b.Answered);
        var waitProbability = (double)batches.Sum(b => b.Waited) / answered;
        var meanWait = batches.Sum(b => b.WaitSeconds) / answered;
        var offered = occupancy * Agents;
        var expectedProbability = ErlangC(Agents, offered);
        var expectedWait = expectedProbability * HandleSeconds / (Agents - offered);
        output.WriteLine($"occupancy {occupancy:P0}: {answered:N0} contacts in {Batches} batches after {warmUpBatches} warm-up batches");
        output.WriteLine($"P(wait): simulated {waitProbability:F4} ± {HalfWidth(batches.Select(b => (double)b.Waited / b.Answered)):F4}, Erlang C {expectedProbability:F4}");
        output.WriteLine($"mean wait: simulated {meanWait:F2} s ± {HalfWidth(batches.Select(b => b.WaitSeconds / b.Answered)):F2}, Erlang C {expectedWait:F2} s");

        Assert.InRange(answered, contacts * 0.98, contacts * 1.02);
        Assert.InRange(waitProbability, expectedProbability - WaitProbabilityTolerance, expectedProbability + WaitProbabilityTolerance);
        Assert.InRange(meanWait, expectedWait * (1 - MeanWaitTolerance), expectedWait * (1 + MeanWaitTolerance));
    }

    /// <summary>Half-width of the 95 % confidence interval of the mean of batch means (t with 49 degrees of freedom ≈ 2.01).</summary>
    private static double HalfWidth(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        var variance = list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1);
        return 2.01 * Math.Sqrt(variance / list.Count);
    }

    /// <summary>Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.</summary>
    internal static double ErlangC(int c, double a)
    {
        // Terms a^k / k! built up iteratively to stay in floating-point range.
        var term = 1.0;
        var sum = 0.0;
        for (var k = 0; k < c; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }

        var last = term * c / (c - a);
        return last / (sum + last);
    }
}
