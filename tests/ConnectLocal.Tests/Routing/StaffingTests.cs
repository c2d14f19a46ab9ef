using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Simulation;
using Xunit.Abstractions;

namespace ConnectLocal.Tests.Routing;

/// <summary>Staffing by simulation, the chat concurrency curve, and the staffing plan file.</summary>
public sealed class StaffingTests(ITestOutputHelper output)
{
    /// <summary>
    /// Voice, exponential handle times, customers who never hang up: the M/M/n queue Erlang C staffs. Simulated
    /// staffing per interval (10 replications × 4 h at the interval's rate, common seeds) must be within one agent of
    /// Erlang C's in every interval — one, because near the goal the simulated service level of n agents is an
    /// estimate with an interval of about ±1–2 points, so the boundary agent can fall either side.
    /// </summary>
    [Fact]
    public void Voice_staffing_by_simulation_agrees_with_Erlang_C_within_one_agent_per_interval()
    {
        var plan = StaffingPlan.Parse("""
            {
              "name": "voice day", "seed": 11, "start": "08:00", "intervalMinutes": 30, "shrinkage": 0.3,
              "goal": { "serviceLevel": 0.8, "seconds": 20 },
              "channels": [{ "channel": "VOICE", "handleTime": { "distribution": "exponential", "mean": 240 },
                             "contacts": [40, 75, 120, 160, 180, 140, 90, 50] }]
            }
            """);

        var result = StaffingCommand.Compute(plan);

        var line = Assert.Single(result.Channels);
        for (var i = 0; i < line.Intervals.Count; i++)
        {
            var a = line.Intervals[i];
            output.WriteLine($"{result.IntervalStart(i):HH:mm} {plan.Channels[0].Contacts[i],4} contacts: simulation {a.Agents}, Erlang C {line.ErlangC[i]}, service level {a.ServiceLevel!.Value.Mean:P1} ± {a.ServiceLevel.Value.HalfWidth:P1}, occupancy {a.Occupancy!.Value.Mean:P1}");
            Assert.InRange(a.Agents, line.ErlangC[i]!.Value - 1, line.ErlangC[i]!.Value + 1);
            Assert.True(a.ServiceLevel.Value.Mean >= 0.8);
        }

        var json = StaffingCommand.Json(result);
        Assert.Contains("\"requiredFteWithShrinkage\"", json, StringComparison.Ordinal);
        Assert.Equal(line.Intervals[4].Agents / 0.7, StaffingCommand.WithShrinkage(plan, line.Intervals[4].Agents), 9);
        var markdown = StaffingCommand.Markdown(result);
        Assert.Contains("Required FTE", markdown, StringComparison.Ordinal);
        Assert.Contains("Erlang C agent-hours", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Erlang_C_staffing_is_the_fewest_agents_reaching_the_service_level()
    {
        // 100 calls of 180 s per half hour: a = 10 Erlangs. Reference values computed separately (Python, factorials):
        // 13 agents answer 79.56 % within 20 s (C = 0.28527), 14 agents 88.84 %.
        Assert.Equal(14, ErlangC.Agents(10, 180, 0.8, 20));
        Assert.Equal(0.7955948, ErlangC.ServiceLevel(13, 10, 180, 20), 6);
        Assert.Equal(0.8883500, ErlangC.ServiceLevel(14, 10, 180, 20), 6);
        Assert.Equal(0.2852705, ErlangC.WaitProbability(13, 10), 6);
        Assert.Equal(ErlangCTests.ErlangC(13, 10), ErlangC.WaitProbability(13, 10), 12);
    }

    [Fact]
    public void Handle_time_grows_with_the_contacts_an_agent_holds_by_the_concurrency_curve()
    {
        // Constant 300 s chats, so any change is the curve's: 20 agents at concurrency 3, busy enough to hold several.
        var handle = new ConstantDistribution(300);
        var model = new QueueModel(RoutingChannel.Chat, 500, handle, new ExponentialDistribution(300), 20, Concurrency: 3);
        var flat = SteadyState.Run(model, 3, TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));
        var curved = SteadyState.Run(model with { Curve = ConcurrencyCurve.Default }, 3, TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));

        output.WriteLine($"average handle time: flat {flat.Queue.AverageHandleTime:F1} s, default curve {curved.Queue.AverageHandleTime:F1} s; abandonment {flat.Queue.AbandonmentRate:P1} → {curved.Queue.AbandonmentRate:P1}");
        Assert.Equal(300, flat.Queue.AverageHandleTime!.Value, 6);
        Assert.InRange(curved.Queue.AverageHandleTime!.Value, 300 * 1.1, 300 * 1.35);
        Assert.True(curved.Queue.AbandonmentRate > flat.Queue.AbandonmentRate);
    }

    /// <summary>
    /// Blending: agents whose profile takes calls and chats with ROUTE_ANY_CHANNEL pick up a call while holding chats
    /// (and chats during a call); the curve counts every contact they hold, so a blended agent's calls last longer than
    /// the drawn 200 s, while the same agents without the curve handle them in exactly 200 s.
    /// </summary>
    [Fact]
    public void Blended_agents_pay_the_curve_for_every_contact_they_hold_across_channels()
    {
        double VoiceHandle(ConcurrencyCurve? curve)
        {
            var day = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            var settings = new SimulationSettings { Start = day, End = day.AddHours(4), Day = day, Interval = TimeSpan.FromHours(4), Seed = 9, Regions = ["us-east-1"], Concurrency = curve };
            var streams = new List<ArrivalStream>
            {
                new("calls", "calls", RoutingChannel.Voice, [new RatePeriod(TimeSpan.Zero, 200)], new ConstantDistribution(200), new ExponentialDistribution(120)),
                new("chats", "chats", RoutingChannel.Chat, [new RatePeriod(TimeSpan.Zero, 300)], new ConstantDistribution(400), new ExponentialDistribution(300)),
            };
            var simulation = new Simulation(settings, streams, []);
            simulation.Engine.SetRoutingProfile(EngineFixture.Profile("blended",
                [EngineFixture.Media("VOICE", 1, "ROUTE_ANY_CHANNEL"), EngineFixture.Media("CHAT", 2, "ROUTE_ANY_CHANNEL")],
                [EngineFixture.Serves("calls", "VOICE"), EngineFixture.Serves("chats", "CHAT")]));
            for (var i = 0; i < 30; i++)
            {
                simulation.Engine.SetAgent(new AgentSettings($"agent-{i}", "blended", Online: true, Routable: true, "us-east-1", day));
            }

            return simulation.Run().Queues.Single(q => q.Channel == "VOICE").Total.AverageHandleTime!.Value;
        }

        var flat = VoiceHandle(null);
        var curved = VoiceHandle(ConcurrencyCurve.Default);
        output.WriteLine($"blended agents' average call: {flat:F1} s without the curve, {curved:F1} s with it");
        Assert.Equal(200, flat, 6);
        Assert.InRange(curved, 200 * 1.05, 200 * 1.35);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.15)]
    [InlineData(4, 1.6)]
    [InlineData(5, 1.9)]
    [InlineData(7, 2.5)]
    public void The_default_curve_and_its_extension(int contacts, double factor) =>
        Assert.Equal(factor, ConcurrencyCurve.Default.Factor(contacts), 9);

    /// <summary>
    /// Chat at concurrency 1 to 4 with the default curve: each step needs fewer agents, saving less each time, while
    /// the average handle time grows — the two sides of raising concurrency.
    /// </summary>
    [Fact]
    public void Each_extra_unit_of_chat_concurrency_saves_agents_and_costs_handle_time()
    {
        var plan = StaffingPlan.Parse("""
            {
              "name": "chat", "seed": 4, "intervalMinutes": 30, "shrinkage": 0.25, "replications": 6,
              "goal": { "serviceLevel": 0.8, "seconds": 60 },
              "channels": [{ "channel": "CHAT", "concurrency": [1, 2, 3, 4], "handleTime": { "distribution": "lognormal", "mean": 600, "sd": 300 },
                             "patience": { "distribution": "exponential", "mean": 600 }, "contacts": [150, 150] }]
            }
            """);

        var result = StaffingCommand.Compute(plan);

        var hours = result.Channels.Select(l => StaffingCommand.AgentHours(result, l)).ToList();
        var aht = result.Channels.Select(l => l.Intervals.Average(a => a.AverageHandleTime!.Value.Mean)).ToList();
        output.WriteLine($"agent-hours by concurrency 1–4: {string.Join(", ", hours)}; handle time {string.Join(", ", aht.Select(x => x.ToString("F0")))}");
        for (var k = 1; k < 4; k++)
        {
            Assert.True(hours[k] < hours[k - 1], $"concurrency {k + 1} needs fewer agent-hours than {k}");
            Assert.True(aht[k] > aht[k - 1] * 1.05, $"handle time grows from concurrency {k} to {k + 1}");
        }

        Assert.True(hours[0] - hours[1] > hours[2] - hours[3], "diminishing returns");
        Assert.Contains("what each extra unit of concurrency buys and costs", StaffingCommand.Markdown(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "channels": [] }""", "goal is required")]
    [InlineData("""{ "goal": { "serviceLevel": 0.8 }, "channels": [] }""", "channels: at least one")]
    [InlineData("""{ "goal": { "serviceLevel": 80 }, "channels": [{ "contacts": [1], "handleTime": 60 }] }""", "serviceLevel and maxAbandonment are shares")]
    [InlineData("""{ "goal": { "maxAbandonment": 0.05 }, "shrinkage": 1.2, "channels": [{ "contacts": [1], "handleTime": 60 }] }""", "shrinkage")]
    [InlineData("""{ "goal": { "maxAbandonment": 0.05 }, "channels": [{ "channel": "VOICE", "concurrency": 2, "contacts": [1], "handleTime": 60 }] }""", "VOICE has a concurrency of 1")]
    [InlineData("""{ "goal": { "maxAbandonment": 0.05 }, "intervalMinutes": 20, "channels": [{ "contacts": [1], "handleTime": 60 }] }""", "intervalMinutes: 15, 30 or 60")]
    [InlineData("""{ "goal": { "maxAbandonment": 0.05 }, "concurrencyCurve": [0], "channels": [{ "contacts": [1], "handleTime": 60 }] }""", "concurrencyCurve")]
    public void A_broken_staffing_plan_is_refused_with_what_is_wrong(string json, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => StaffingPlan.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
