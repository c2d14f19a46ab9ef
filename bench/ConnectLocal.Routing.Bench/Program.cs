using System.Diagnostics;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Routing.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/ConnectLocal.Routing.Bench [-- engine|simulator|day|all]</c>.
/// Prints wall time and the process's CPU time: on a shared machine the CPU time is the fairer figure.
/// </summary>
internal static class Program
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static int Main(string[] args)
    {
        var what = args.Length > 0 ? args[0] : "all";
        if (what is "engine" or "all")
        {
            EngineDecisions();
        }

        return 0;
    }

    /// <summary>
    /// One decision per iteration: a call arrives, the longest-idle of N idle agents is offered it (and accepts), the
    /// call ends without after-contact work and the agent goes back to the pool. N from 10 to 10,000: the cost per
    /// decision should not grow with N beyond the heap's log N.
    /// </summary>
    private static void EngineDecisions()
    {
        Console.WriteLine("engine: decisions per second by number of idle agents (one profile, voice)");
        foreach (var agents in new[] { 10, 100, 1_000, 10_000 })
        {
            var clock = new VirtualClock(Start);
            var engine = new RoutingEngine(clock, new RoutingEngineOptions { AutoAccept = true });
            engine.SetRoutingProfile(Profile("voice", [new ChannelConcurrency("VOICE", 1, null)], [new RoutingProfileQueue("q", "VOICE", 1, 0)]));
            for (var i = 0; i < agents; i++)
            {
                engine.SetAgent(new AgentSettings($"agent-{i:D5}", "voice", true, true, "us-east-1", Start));
            }

            var target = engine.Target("us-east-1", "q");
            Run(engine, clock, target, 200_000); // warm-up (JIT tiers)
            var decisions = 3_000_000;
            var (wall, cpu) = Measure(() => Run(engine, clock, target, decisions));
            Console.WriteLine($"  {agents,6} idle agents: {decisions / wall.TotalSeconds,12:N0} decisions/s wall, {decisions / cpu.TotalSeconds,12:N0} per CPU second");
        }

        static void Run(RoutingEngine engine, VirtualClock clock, RoutingTarget target, int n)
        {
            for (var i = 0; i < n; i++)
            {
                clock.AdvanceTo(clock.UtcTicks + 10);
                var contact = engine.Enqueue(target, RoutingChannel.Voice, ContactInitiation.Inbound, -1);
                engine.Complete(contact, TimeSpan.Zero);
            }
        }
    }

    internal static (TimeSpan Wall, TimeSpan Cpu) Measure(Action work)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        work();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    internal static RoutingProfile Profile(string id, IReadOnlyList<ChannelConcurrency> media, IReadOnlyList<RoutingProfileQueue> queues) => new()
    {
        Id = id,
        InstanceId = "bench",
        Arn = "arn:aws:connect:us-east-1:000000000000:instance/bench/routing-profile/" + id,
        Name = id,
        Description = id,
        DefaultOutboundQueueId = queues[0].QueueId,
        MediaConcurrencies = media,
        Queues = queues,
        LastModifiedTime = Start,
        LastModifiedRegion = "us-east-1",
    };
}
