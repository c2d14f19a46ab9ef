using System.Diagnostics;
using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.HoursOverrides;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Simulation;

namespace ConnectLocal.Routing.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/ConnectLocal.Routing.Bench [-- engine|simulator|flows|day|replications|all]</c>.
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

        if (what is "simulator" or "all")
        {
            SimulatorDecisions(flows: false);
        }

        if (what is "flows" or "all")
        {
            SimulatorDecisions(flows: true);
        }

        if (what is "day" or "all")
        {
            ContactCenterDay();
        }

        if (what is "replications" or "all")
        {
            ReplicatedDay(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
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

    /// <summary>
    /// The simulator's own speed: 1,000 agents on three channels (voice, chat ×3, task ×2) under heavy steady load for
    /// several simulated days, so that millions of contacts flow through arrivals, routing, handling and statistics.
    /// Decisions per second = offers ÷ the run's time (set-up excluded; it is a few milliseconds here).
    /// </summary>
    /// <param name="flows">Every contact enters by a flow first (<see cref="EntryFlow"/>): the Core interpreter sets its
    /// queue, checks the queue's hours, sets an attribute and transfers it to the queue (MaxContacts checked).</param>
    private static void SimulatorDecisions(bool flows)
    {
        Console.WriteLine(flows
            ? "flows: the simulator case with every contact entering by a 5-action flow (UpdateContactTargetQueue, CheckHoursOfOperation, UpdateContactAttributes, TransferContactToQueue with MaxContacts)"
            : "simulator: 1,000 agents, voice + chat + task, 5 simulated days at ~85 % load");
        for (var round = 0; round < 2; round++)
        {
            var settings = new SimulationSettings
            {
                Start = Start,
                End = Start.AddDays(5),
                Day = Start,
                Interval = TimeSpan.FromHours(1),
                Seed = 42,
                Regions = ["us-east-1"],
            };
            var streams = new List<ArrivalStream>
            {
                new("calls", "calls", RoutingChannel.Voice, [new(TimeSpan.Zero, 400 * 0.85 * 3600 / 60)], new ExponentialDistribution(60), new ExponentialDistribution(120)),
                new("chats", "chats", RoutingChannel.Chat, [new(TimeSpan.Zero, 900 * 0.85 * 3600 / 120)], new ExponentialDistribution(120), new ExponentialDistribution(300)),
                new("tasks", "tasks", RoutingChannel.Task, [new(TimeSpan.Zero, 300 * 0.85 * 3600 / 180)], new ExponentialDistribution(180)),
            };
            FlowResourceSet? resources = null;
            if (flows)
            {
                resources = new FlowResourceSet().AddHours("always", "arn:aws:connect:us-east-1:000000000000:instance/bench/operating-hours/always", "UTC", _ => [new OpenPeriod(0, 24 * 60)]);
                foreach (var queue in new[] { "calls", "chats", "tasks" })
                {
                    resources.AddQueue(new FlowQueue(queue, "arn:aws:connect:us-east-1:000000000000:instance/bench/queue/" + queue, queue, "ENABLED", 100_000, "always"));
                }

                streams = streams.Select(s => s with { Flow = EntryFlow(s.QueueId) }).ToList();
            }

            var simulation = new ConnectLocal.Core.Routing.Simulation.Simulation(settings, streams, [], flowResources: resources);
            var engine = simulation.Engine;
            engine.SetRoutingProfile(Profile("voice", [new("VOICE", 1, null)], [new("calls", "VOICE", 1, 0)]));
            engine.SetRoutingProfile(Profile("chat", [new("CHAT", 3, null)], [new("chats", "CHAT", 1, 0)]));
            engine.SetRoutingProfile(Profile("task", [new("TASK", 2, null)], [new("tasks", "TASK", 1, 0)]));
            engine.SetRoutingProfile(Profile("blended", [new("VOICE", 1, "ROUTE_ANY_CHANNEL"), new("CHAT", 2, "ROUTE_ANY_CHANNEL"), new("TASK", 1, null)],
                [new("calls", "VOICE", 2, 0), new("chats", "CHAT", 2, 0), new("tasks", "TASK", 3, 30)]));
            var groups = new[] { ("voice", 350), ("chat", 250), ("task", 150), ("blended", 250) };
            foreach (var (profile, count) in groups)
            {
                for (var i = 0; i < count; i++)
                {
                    engine.SetAgent(new AgentSettings($"{profile}-{i:D4}", profile, true, true, "us-east-1", Start));
                }
            }

            SimulationResult? result = null;
            var allocated = GC.GetTotalAllocatedBytes();
            var (wall, cpu) = Measure(() => result = simulation.Run());
            allocated = GC.GetTotalAllocatedBytes() - allocated;
            if (round == 0)
            {
                continue; // warm-up round: JIT tiers
            }

            Console.WriteLine($"  {result!.ContactsArrived:N0} contacts, {result.Offers:N0} decisions, {result.Events:N0} events in {wall.TotalSeconds:F2} s wall / {cpu.TotalSeconds:F2} s CPU");
            Console.WriteLine($"  {result.Offers / wall.TotalSeconds,12:N0} decisions/s wall, {result.Offers / cpu.TotalSeconds,12:N0} per CPU second, {allocated / (double)result.ContactsArrived:F0} bytes allocated per contact");
            if (result.Flows is { } series)
            {
                Console.WriteLine($"  flows: {series.Sum(f => f.Entered):N0} contacts entered, {series.Sum(f => f.Queued):N0} queued, {series.Sum(f => f.Branches.Sum(b => b.Count)):N0} flow actions run");
            }
        }
    }

    /// <summary>The entry flow of a queue's contacts in the <c>flows</c> case.</summary>
    private static FlowProgram EntryFlow(string queue)
    {
        static FlowAction Action(string id, string type, Dictionary<string, object?> parameters, string? next, params FlowBranch[] branches) =>
            new(id, type, [], new FlowTransitions(next, branches.Where(b => b.ErrorType is not null).ToList(), branches.Where(b => b.ErrorType is null).ToList()))
            {
                Parameters = parameters,
            };

        static FlowBranch When(string result, string next) => new(next, null) { Condition = new FlowCondition("Equals", [result]) };

        var arn = "arn:aws:connect:us-east-1:000000000000:instance/bench/queue/" + queue;
        var document = new FlowDocument("2019-10-30", "set-queue",
        [
            Action("set-queue", "UpdateContactTargetQueue", new() { ["QueueId"] = arn }, "check-hours", new FlowBranch("disconnect", "NoMatchingError")),
            Action("check-hours", "CheckHoursOfOperation", [], null, When("True", "tag"), When("False", "disconnect"), new FlowBranch("disconnect", "NoMatchingError")),
            Action("tag", "UpdateContactAttributes", new() { ["Attributes"] = new Dictionary<string, object?> { ["entry"] = "bench" } }, "transfer", new FlowBranch("disconnect", "NoMatchingError")),
            Action("transfer", "TransferContactToQueue", [], null, new FlowBranch("disconnect", "QueueAtCapacity"), new FlowBranch("disconnect", "NoMatchingError")),
            Action("disconnect", "DisconnectParticipant", [], null),
        ]);
        return new FlowProgram("entry-" + queue, "arn:aws:connect:us-east-1:000000000000:instance/bench/contact-flow/entry-" + queue, "entry " + queue, "CONTACT_FLOW", document);
    }

    /// <summary>
    /// examples/contact-center-day.json exactly as <c>connectlocal simulate</c> runs it: set-up through the API
    /// in-process (1,000 CreateUser and PutUserStatus calls …), the simulated day, and the report written. The first
    /// round is cold (JIT included), as a user's run is.
    /// </summary>
    private static void ContactCenterDay()
    {
        var path = Path.Combine(RepositoryRoot(), "examples", "contact-center-day.json");
        Console.WriteLine($"day: {path}");
        for (var round = 1; round <= 3; round++)
        {
            var output = Path.Combine(Path.GetTempPath(), "connectlocal-bench-day-" + Guid.NewGuid().ToString("N"));
            ScenarioRun? run = null;
            var (wall, cpu) = Measure(() =>
            {
                using var runner = new ScenarioRunner();
                run = runner.Run(Scenario.Load(path));
                SimulationReport.Write(run, output);
            });
            Directory.Delete(output, recursive: true);
            Console.WriteLine($"  round {round}{(round == 1 ? " (cold)" : string.Empty)}: {wall.TotalSeconds:F2} s wall / {cpu.TotalSeconds:F2} s CPU in all — set-up {run!.SetupTime.TotalSeconds:F2} s ({run.ApiCalls:N0} API calls), " +
                $"simulation {run.RunTime.TotalSeconds:F2} s ({run.Result.ContactsArrived:N0} contacts, {run.Result.Offers:N0} decisions, {run.Result.Offers / run.RunTime.TotalSeconds:N0}/s)");
        }
    }

    /// <summary>
    /// examples/contact-center-day.json × N replications as <c>connectlocal simulate --replications N</c> runs it: each
    /// replication set up through the API on its own in-memory instance and simulated, in parallel across the cores,
    /// then the 95 % intervals computed and the report written. One round, cold (JIT included), as a user's run is.
    /// </summary>
    private static void ReplicatedDay(int replications)
    {
        var path = Path.Combine(RepositoryRoot(), "examples", "contact-center-day.json");
        Console.WriteLine($"replications: {path} × {replications} on {Environment.ProcessorCount} core(s)");
        var output = Path.Combine(Path.GetTempPath(), "connectlocal-bench-replications-" + Guid.NewGuid().ToString("N"));
        IReadOnlyList<ScenarioRun>? runs = null;
        var (wall, cpu) = Measure(() =>
        {
            var scenario = Scenario.Load(path);
            runs = SimulateCommand.RunAll(scenario, replications);
            ReplicationReport.Write(scenario, ReplicatedResult.Of(runs.Select(r => r.Result).ToList()), runs, output);
        });
        Directory.Delete(output, recursive: true);
        var done = runs!;
        Console.WriteLine($"  {wall.TotalSeconds:F2} s wall / {cpu.TotalSeconds:F2} s CPU in all — {done.Sum(r => r.Result.ContactsArrived):N0} contacts, " +
            $"set-up {done.Sum(r => r.SetupTime.TotalSeconds):F2} s and simulation {done.Sum(r => r.RunTime.TotalSeconds):F2} s summed over the replications");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnectLocal.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository.");
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
