using System.Text.RegularExpressions;
using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Simulation;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// The what-if simulator end to end on the shipped examples: the configuration is made through the API in-process,
/// the engine routes a simulated day, and the outcome shows what each example is meant to show.
/// </summary>
public sealed partial class SimulatorTests
{
    private const string East = "us-east-1";
    private const string West = "us-west-2";

    [Fact]
    public void Failover_without_shifting_agents_leaves_the_shifted_calls_unanswered()
    {
        var result = Run("failover-agents-stay.json").Result;

        var west = Queue(result, West);
        var east = Queue(result, East);
        Assert.Null(Assert.Single(result.Changes).Error);
        Assert.True(west.Total.Arrived > 3000, $"{west.Total.Arrived} calls reached us-west-2");
        Assert.Equal(0, west.Total.Answered);
        Assert.True(west.Total.Abandoned > 0.9 * west.Total.Arrived, $"{west.Total.Abandoned} of {west.Total.Arrived} abandoned");
        Assert.All(east.Intervals.Where(i => i.From.Hour >= 10), i => Assert.Equal(0, i.Arrived));
        Assert.All(result.Loads.Where(l => l.Region == West), l => Assert.Equal(0, l.Total.StaffedAgents));
    }

    [Fact]
    public void Failover_that_shifts_agents_too_answers_the_calls_in_the_new_Region()
    {
        var result = Run("failover-agents-move.json").Result;

        var west = Queue(result, West);
        Assert.True(west.Total.Answered > 0.95 * west.Total.Arrived, $"{west.Total.Answered} of {west.Total.Arrived} answered");
        Assert.True(west.Total.ServiceLevel > 0.6, $"service level {west.Total.ServiceLevel}");
        var eastLoad = result.Loads.Single(l => l.Region == East && l.Channel == "ALL");
        Assert.All(eastLoad.Intervals.Where(i => i.From.Hour >= 11), i => Assert.Equal(0, i.StaffedAgents));
    }

    [Fact]
    public void Raising_chat_concurrency_through_the_API_cuts_abandonment()
    {
        var result = Run("chat-concurrency.json").Result;

        var chat = Assert.Single(result.Queues);
        Assert.Equal("UpdateRoutingProfileConcurrency: CHAT 2 → 4", Assert.Single(result.Changes).Label);
        Assert.Null(result.Changes[0].Error);
        var before = chat.Intervals.Where(i => i.From.TimeOfDay >= TimeSpan.FromHours(9.25) && i.From.TimeOfDay < TimeSpan.FromHours(10.25)).Sum(i => i.Abandoned);
        var after = chat.Intervals.Where(i => i.From.TimeOfDay >= TimeSpan.FromHours(11) && i.From.TimeOfDay < TimeSpan.FromHours(12)).Sum(i => i.Abandoned);
        Assert.True(before > 50 && after * 5 < before, $"abandoned in the hour before the change: {before}; from 11:00 to 12:00: {after}");
    }

    [Fact]
    public void A_change_the_API_refuses_is_reported_and_routing_goes_on_unchanged()
    {
        var scenario = Scenario.Parse(File.ReadAllText(RepositoryRoot.Combine("examples", "chat-concurrency.json"))
            .Replace("\"Channel\": \"CHAT\", \"Concurrency\": 4", "\"Channel\": \"VOICE\", \"Concurrency\": 2", StringComparison.Ordinal));
        using var runner = new ScenarioRunner();

        var change = Assert.Single(runner.Run(scenario).Result.Changes);

        Assert.StartsWith("InvalidParameterException: Invalid parameter: concurrency 2 for channel VOICE", change.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_scenario_and_seed_give_the_same_report()
    {
        var first = SimulationReport.Json(Run("chat-concurrency.json"));
        var second = SimulationReport.Json(Run("chat-concurrency.json"));

        Assert.Equal(WithoutTiming(first), WithoutTiming(second));
        Assert.Contains("\"routingDecisions\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_has_the_markdown_summary_and_five_charts()
    {
        var run = Run("failover-agents-stay.json");
        var directory = Path.Combine(Path.GetTempPath(), "connectlocal-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            SimulationReport.Write(run, directory);

            var report = File.ReadAllText(Path.Combine(directory, "report.md"));
            Assert.Contains("| us-west-2 | VOICE | Support |", report, StringComparison.Ordinal);
            Assert.Contains("| 10:00 | UpdateTrafficDistribution: telephony 100 % to us-west-2 (agents not shifted) | applied |", report, StringComparison.Ordinal);
            Assert.Equal(SimulationReport.Charts.Order(), Directory.GetFiles(Path.Combine(directory, "charts")).Select(Path.GetFileNameWithoutExtension).Order()!);
            Assert.All(Directory.GetFiles(Path.Combine(directory, "charts")), f => Assert.StartsWith("<svg", File.ReadAllText(f), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ScenarioRun Run(string example)
    {
        using var runner = new ScenarioRunner();
        return runner.Run(Scenario.Load(RepositoryRoot.Combine("examples", example)));
    }

    private static QueueSeries Queue(SimulationResult result, string region) => result.Queues.Single(q => q.Region == region);

    private static string WithoutTiming(string json) => TimingSection().Replace(json, string.Empty);

    [GeneratedRegex("\"timing\": \\{[^}]*\\}")]
    private static partial Regex TimingSection();
}
