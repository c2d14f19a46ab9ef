using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Simulation;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// The Global Resiliency rehearsal examples (docs/global-resiliency.md, "Rehearsing a failover"): each classic mistake
/// AWS warns about shows in the numbers, and global routing on against off moves them in the expected direction.
/// </summary>
public sealed class GlobalResiliencyRehearsalTests
{
    private const string East = "us-east-1";
    private const string West = "us-west-2";

    [Fact]
    public void Telephony_shifted_without_agents_is_answered_across_Regions_only_with_global_routing_on()
    {
        var off = Run("failover-agents-stay.json");
        var on = Run("failover-global-routing-on.json");

        var westOff = Queue(off, West).Total;
        var westOn = Queue(on, West).Total;
        Assert.All(on.Changes, c => Assert.Null(c.Error));
        // the same calls reach us-west-2 (same seed, same split) ...
        Assert.Equal(westOff.Arrived, westOn.Arrived);
        // ... isolated nobody answers them; with global routing the agents of us-east-1 do
        Assert.Equal(0, westOff.Answered);
        Assert.True(westOn.Answered > 0.95 * westOn.Arrived, $"{westOn.Answered} of {westOn.Arrived} answered with global routing on");
        Assert.True(westOn.Abandoned * 20 < westOff.Abandoned, $"abandoned: {westOn.Abandoned} on, {westOff.Abandoned} off");
        // nobody signed in to us-west-2 in either run: the answers came from us-east-1
        Assert.All(on.Loads.Where(l => l.Region == West), l => Assert.Equal(0, l.Total.StaffedAgents));
    }

    [Fact]
    public void Agents_shifted_mid_call_ahead_of_telephony_leave_the_calls_of_the_old_Region_waiting_unless_global_routing_is_on()
    {
        var off = Run("failover-agents-first.json");
        var on = Run("failover-agents-first-global-routing.json");

        Assert.Equal(2, off.Changes.Count);
        Assert.All(off.Changes.Concat(on.Changes), c => Assert.Null(c.Error));
        var gapOff = Gap(Queue(off, East));
        var gapOn = Gap(Queue(on, East));
        // between the two calls (10:00–10:30) the calls still arriving in us-east-1 find their agents gone ...
        Assert.True(gapOff.Arrived > 400, $"{gapOff.Arrived} calls arrived in us-east-1 between the shifts");
        Assert.True(gapOff.Abandoned > 0.5 * gapOff.Arrived, $"{gapOff.Abandoned} of {gapOff.Arrived} abandoned, isolated");
        // ... but before 10:00 (and with global routing on, throughout) they are answered
        Assert.All(Queue(off, East).Intervals.Where(i => i.From.Hour < 10), i => Assert.Equal(0, i.Abandoned));
        Assert.True(gapOn.Abandoned * 10 < gapOff.Abandoned, $"abandoned 10:00–10:30: {gapOn.Abandoned} on, {gapOff.Abandoned} off");
        Assert.True(gapOn.Answered > 0.9 * gapOn.Arrived, $"{gapOn.Answered} of {gapOn.Arrived} answered with global routing on");
        // the agents' calls in progress at 10:00 finished in us-east-1: it still had staffed agents in the 10:00 interval
        var eastLoad = off.Loads.Single(l => l.Region == East && l.Channel == "ALL");
        Assert.True(eastLoad.Intervals.Single(i => i.From.Hour == 10 && i.From.Minute == 0).StaffedAgents > 0);
        Assert.All(eastLoad.Intervals.Where(i => i.From.Hour >= 11), i => Assert.Equal(0, i.StaffedAgents));
    }

    [Fact]
    public void A_scenario_without_globalRouting_stays_isolated_and_one_with_it_needs_two_Regions()
    {
        var stay = Scenario.Load(RepositoryRoot.Combine("examples", "failover-agents-stay.json"));
        Assert.Null(stay.GlobalRouting);
        Assert.True(Scenario.Load(RepositoryRoot.Combine("examples", "failover-global-routing-on.json")).GlobalRouting);
        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse("""{"regions": ["us-east-1"], "globalRouting": true}"""));
        Assert.Contains("two regions", error.Message, StringComparison.Ordinal);
        Assert.Throws<ScenarioException>(() => Scenario.Parse("""{"regions": ["us-east-1", "us-west-2"], "globalRouting": "yes"}"""));
    }

    private static QueueInterval Gap(QueueSeries east)
    {
        var gap = east.Intervals.Where(i => i.From.Hour == 10 && i.From.Minute < 30).ToList();
        return gap[0] with
        {
            Arrived = gap.Sum(i => i.Arrived),
            Answered = gap.Sum(i => i.Answered),
            Abandoned = gap.Sum(i => i.Abandoned),
        };
    }

    private static SimulationResult Run(string example)
    {
        using var runner = new ScenarioRunner();
        return runner.Run(Scenario.Load(RepositoryRoot.Combine("examples", example))).Result;
    }

    private static QueueSeries Queue(SimulationResult result, string region) => result.Queues.Single(q => q.Region == region);
}
