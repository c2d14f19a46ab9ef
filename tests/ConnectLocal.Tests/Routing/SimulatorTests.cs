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

    /// <summary>
    /// With the default concurrency curve each agent's chats last longer at four than at two (×1.60 against ×1.15), so
    /// raising concurrency cuts abandonment by less than the slots alone would: both effects are checked, the curve's
    /// against the same day without it.
    /// </summary>
    [Fact]
    public void Raising_chat_concurrency_through_the_API_cuts_abandonment()
    {
        var result = Run("chat-concurrency.json").Result;
        using var runner = new ScenarioRunner();
        var flat = runner.Run(Scenario.Load(RepositoryRoot.Combine("examples", "chat-concurrency.json")) with { Curve = ConcurrencyCurve.Flat }).Result;

        var chat = Assert.Single(result.Queues);
        Assert.Equal("UpdateRoutingProfileConcurrency: CHAT 2 → 4", Assert.Single(result.Changes).Label);
        Assert.Null(result.Changes[0].Error);
        var (before, after) = AbandonedAroundTheChange(chat);
        Assert.True(before > 50 && after * 2 < before, $"abandoned in the hour before the change: {before}; from 11:00 to 12:00: {after}");

        var (flatBefore, flatAfter) = AbandonedAroundTheChange(Assert.Single(flat.Queues));
        Assert.True(flatBefore > 50 && flatAfter * 5 < flatBefore, $"without the curve: {flatBefore} before, {flatAfter} after");
        Assert.True(after > flatAfter, $"the curve's longer chats leave more abandoned after the change: {after} against {flatAfter}");
        Assert.True(chat.Total.AverageHandleTime > Assert.Single(flat.Queues).Total.AverageHandleTime * 1.1);

        static (int Before, int After) AbandonedAroundTheChange(QueueSeries chat) =>
            (chat.Intervals.Where(i => i.From.TimeOfDay >= TimeSpan.FromHours(9.25) && i.From.TimeOfDay < TimeSpan.FromHours(10.25)).Sum(i => i.Abandoned),
             chat.Intervals.Where(i => i.From.TimeOfDay >= TimeSpan.FromHours(11) && i.From.TimeOfDay < TimeSpan.FromHours(12)).Sum(i => i.Abandoned));
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
    public void Agents_pinned_to_each_Region_answer_the_calls_the_telephony_split_sends_there()
    {
        var scenario = Scenario.Parse("""
            {
              "seed": 3, "start": "09:00", "end": "10:00", "regions": ["us-east-1", "us-west-2"],
              "queues": [{ "Name": "Q" }],
              "routingProfiles": [{ "Name": "V", "Description": "v", "DefaultOutboundQueueId": "Q",
                "MediaConcurrencies": [{ "Channel": "VOICE", "Concurrency": 1 }],
                "QueueConfigs": [{ "QueueReference": { "QueueId": "Q", "Channel": "VOICE" }, "Priority": 1, "Delay": 0 }] }],
              "agents": [{ "name": "east", "routingProfile": "V", "count": 20, "region": "us-east-1" },
                         { "name": "west", "routingProfile": "V", "count": 10, "region": "us-west-2" }],
              "traffic": [{ "queue": "Q", "channel": "VOICE", "perHour": 300, "handleTime": 120 }],
              "timeline": [{ "at": "09:00", "operation": "UpdateTrafficDistribution", "input": { "Id": "default",
                "TelephonyConfig": { "Distributions": [{ "Region": "us-east-1", "Percentage": 70 }, { "Region": "us-west-2", "Percentage": 30 }] } } }]
            }
            """);
        using var runner = new ScenarioRunner();

        var result = runner.Run(scenario).Result;

        Assert.Null(Assert.Single(result.Changes).Error);
        var (east, west) = (Queue(result, East).Total, Queue(result, West).Total);
        Assert.Equal(east.Arrived, east.Answered + east.WaitingAtEnd);
        Assert.Equal(west.Arrived, west.Answered + west.WaitingAtEnd);
        Assert.InRange((double)west.Arrived / (east.Arrived + west.Arrived), 0.2, 0.4);
        Assert.Equal(20, result.Loads.Single(l => l.Region == East && l.Channel == "ALL").Total.StaffedAgents, 3);
        Assert.Equal(10, result.Loads.Single(l => l.Region == West && l.Channel == "ALL").Total.StaffedAgents, 3);
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
    public void A_YAML_scenario_means_the_same_as_its_JSON_twin()
    {
        // examples/chat-concurrency.json written as YAML: block and flow styles, an anchor, a comment, times unquoted.
        const string yaml = """
            # the shipped chat example, in YAML
            name: Chat concurrency raised from 2 to 4 at 10:15
            description: "50 chat agents at a concurrency of 2 cannot keep up with the morning's chats; at 10:15 one UpdateRoutingProfileConcurrency call raises CHAT to 4. The agents' chats in progress are not disturbed; from the next routing decision each agent can hold four."
            seed: 7
            start: 08:00
            end: 13:00
            intervalMinutes: 15
            serviceLevelSeconds: 60
            regions: [us-east-1]
            queues:
              - { Name: Chat, Description: Web chat }
            routingProfiles:
              - Name: &profile Chat agents
                Description: Web chat
                DefaultOutboundQueueId: Chat
                MediaConcurrencies: [{ Channel: CHAT, Concurrency: 2 }]
                QueueConfigs:
                  - QueueReference: { QueueId: Chat, Channel: CHAT }
                    Priority: 1
                    Delay: 0
            agents:
              - name: chat
                routingProfile: *profile
                count: 50
            traffic:
              - queue: Chat
                channel: CHAT
                perHour: { "08:00": 500, 09:00: 700 }
                handleTime: { distribution: lognormal, mean: 720, sd: 360 }
                patience: { distribution: exponential, mean: 300.0 }
            timeline:
              - at: 10:15
                label: "UpdateRoutingProfileConcurrency: CHAT 2 → 4"
                operation: UpdateRoutingProfileConcurrency
                input:
                  RoutingProfileId: *profile
                  MediaConcurrencies: [{ Channel: CHAT, Concurrency: 4 }]
            """;
        var path = Path.Combine(Path.GetTempPath(), "connectlocal-sim-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, yaml);
        try
        {
            using var runner = new ScenarioRunner();
            var fromYaml = SimulationReport.Json(runner.Run(Scenario.Load(path)));
            var fromJson = SimulationReport.Json(Run("chat-concurrency.json"));

            Assert.Equal(WithoutTiming(fromJson), WithoutTiming(fromYaml));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("a: [1, 2", "not valid YAML: line ")]
    [InlineData("a: 1\na: 2", "not valid YAML")]
    [InlineData("a: 1\n---\nb: 2", "one YAML document (it holds 2)")]
    [InlineData("- 1\n- 2", "must be a JSON object")]
    public void A_broken_YAML_scenario_is_refused_with_where_it_is_wrong(string yaml, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(YamlScenario.ToJson(yaml)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YAML_scalars_follow_the_core_schema_and_quoted_ones_stay_strings()
    {
        var json = YamlScenario.ToJson("a: 10:15\nb: '7'\nc: 7\nd: -2.5e1\ne: true\nf: ~\ng: 0x1F\nh: 007\ni: .inf\n");

        Assert.Equal("""{"a":"10:15","b":"7","c":7,"d":-25,"e":true,"f":null,"g":"0x1F","h":7,"i":".inf"}""", json);
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
