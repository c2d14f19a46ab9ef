using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Simulation;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// The simulator with contact flows in front of the queues (issue 17): traffic enters by a flow (or a phone number's
/// flow), the Core interpreter runs it on the virtual clock, and the report counts every branch per flow.
/// </summary>
public sealed class SimulatorFlowTests
{
    private static readonly DateTimeOffset Opens = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2026, 1, 5, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void After_hours_branch_sends_every_chat_arriving_outside_the_hours_to_the_callback_queue()
    {
        var result = Run("chats-after-hours-callback.json").Result;

        var flow = Assert.Single(result.Flows!);
        Assert.Equal("Chat entry", flow.Flow);
        Assert.True(flow.ClosedHours > 100, $"{flow.ClosedHours} chats took the closed branch");
        Assert.Equal(flow.ClosedHours, Branch(flow, "check-hours", "False"));
        Assert.Equal(result.ContactsArrived, flow.Entered);
        Assert.Equal(flow.Entered, Branch(flow, "check-hours", "True") + Branch(flow, "check-hours", "False"));

        // The closed branch is exactly the chats that arrived outside 08:00–18:00 (no Wait: each is queued on arrival).
        var outside = flow.Intervals.Where(i => i.From < Opens || i.From >= Closes).Sum(i => i.Outcomes.Values.Sum());
        Assert.Equal(flow.ClosedHours, outside);
        Assert.All(flow.Intervals.Where(i => i.From >= Opens && i.From < Closes), i => Assert.False(i.Outcomes.ContainsKey("queued: Callback")));
        var callback = result.Queues.Single(q => q.Queue == "Callback");
        Assert.Equal(flow.ClosedHours, callback.Total.Arrived);
        Assert.True(callback.Total.Answered > 0.8 * callback.Total.Arrived, $"{callback.Total.Answered} of {callback.Total.Arrived} after-hours chats answered");

        // Chat holds MaxContacts 12: the overflow takes the at-capacity branch and is disconnected.
        var chat = result.Queues.Single(q => q.Queue == "Chat");
        Assert.True(flow.AtCapacity > 0, "no chat found the Chat queue full");
        Assert.Equal(flow.AtCapacity, Branch(flow, "transfer", "error: QueueAtCapacity"));
        Assert.Equal(flow.AtCapacity, flow.Disconnected);
        Assert.Equal([("Callback", flow.ClosedHours), ("Chat", chat.Total.Arrived)], flow.QueuedBy);
        Assert.Equal(flow.Entered, flow.Queued + flow.Disconnected + flow.InFlowAtEnd);
        Assert.Equal(0, flow.Errors);
    }

    [Fact]
    public void Without_the_after_hours_branch_the_same_chats_are_disconnected()
    {
        var withBranch = Assert.Single(Run("chats-after-hours-callback.json").Result.Flows!);
        var result = Run("chats-after-hours-closed.json").Result;

        var flow = Assert.Single(result.Flows!);
        Assert.Equal(withBranch.Entered, flow.Entered); // the same arrivals: seeded by the scenario's names
        Assert.Equal(withBranch.ClosedHours, flow.ClosedHours);
        Assert.Equal(flow.ClosedHours, Branch(flow, "closed-message", "Success"));
        Assert.Equal(flow.ClosedHours + flow.AtCapacity, flow.Disconnected);
        Assert.DoesNotContain(result.Queues, q => q.Queue == "Callback");
        Assert.Equal([("Chat", result.Queues.Single(q => q.Queue == "Chat").Total.Arrived)], flow.QueuedBy);
    }

    [Fact]
    public void Report_shows_the_flows_beside_the_queues_with_a_flows_chart()
    {
        var run = Run("chats-after-hours-callback.json");
        var directory = Path.Combine(Path.GetTempPath(), "connectlocal-simflows-" + Guid.NewGuid().ToString("N"));
        try
        {
            SimulationReport.Write(run, directory);

            var flow = run.Result.Flows![0];
            var report = File.ReadAllText(Path.Combine(directory, "report.md"));
            Assert.Contains("## Flows", report, StringComparison.Ordinal);
            Assert.Contains($"| Chat entry | check-hours | CheckHoursOfOperation | False | {flow.ClosedHours:N0} |", report, StringComparison.Ordinal);
            Assert.Contains("![flows](charts/flows.svg)", report, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "result.json")));
            var written = json.RootElement.GetProperty("flows")[0];
            Assert.Equal(flow.ClosedHours, written.GetProperty("closedHours").GetInt64());
            Assert.Equal(flow.AtCapacity, written.GetProperty("atCapacity").GetInt64());
            Assert.Equal(flow.ClosedHours, written.GetProperty("queuedBy").GetProperty("Callback").GetInt64());
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(directory, "charts", "flows.svg")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// <c>simulate --replications 4</c> of the after-hours example: each flow count of the day (and each queue it fed,
    /// each branch, each interval's outcome) is the mean over the replications with its Student-t 95 % interval, in
    /// report.md, result.json and the flows chart.
    /// </summary>
    [Fact]
    public void Replications_report_every_flow_count_as_a_mean_with_its_95_percent_interval()
    {
        var scenario = ConnectLocal.Server.Simulation.Scenario.Load(RepositoryRoot.Combine("examples", "chats-after-hours-callback.json"));
        var runs = SimulateCommand.RunAll(scenario, 4);
        var result = ReplicatedResult.Of(runs.Select(r => r.Result).ToList());
        var perRun = runs.Select(r => Assert.Single(r.Result.Flows!)).ToList();

        // Each replication is consistent in itself, and the seeds differ, so the intervals have a width.
        foreach (var f in perRun)
        {
            Assert.Equal(f.Entered, f.Queued + f.Disconnected + f.InFlowAtEnd);
            Assert.Equal(f.Queued, f.QueuedBy.Sum(q => q.Count));
            Assert.Equal(f.ClosedHours, Branch(f, "check-hours", "False"));
            Assert.Equal(f.Queued + f.Disconnected, f.Intervals.Sum(i => i.Outcomes.Values.Sum()));
        }

        Assert.True(perRun.Select(f => f.Entered).Distinct().Count() > 1, "four seeds gave the same arrivals");

        var flow = Assert.Single(result.Flows!);
        Assert.Equal("Chat entry", flow.Flow);
        for (var i = 0; i < ReplicatedResult.FlowFigures.Count; i++)
        {
            var figure = ReplicatedResult.FlowFigures[i];
            var values = perRun.Select(f => figure.Read(f)!.Value).ToList();
            var e = flow.Total.Figures[i]!.Value;
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 3);
            Assert.Equal(4, e.Count);
            Assert.Equal(mean, e.Mean, 9);
            Assert.Equal(3.1824 * sd / 2, e.HalfWidth!.Value, 4); // t(0.975, 3 df) · s / √4
            Assert.True(e.Low <= e.Mean && e.Mean <= e.High, $"{figure.Name}: {e.Low}..{e.High} misses {e.Mean}");
        }

        // The means keep the counts' identities.
        double Mean(string name) => flow.Total.Figures[ReplicatedResult.FlowFigures.ToList().FindIndex(f => f.Name == name)]!.Value.Mean;
        Assert.Equal(Mean("entered"), Mean("queued") + Mean("disconnected") + Mean("inFlowAtEnd"), 9);
        Assert.Equal(Mean("queued"), flow.QueuedBy.Sum(q => q.Count.Mean), 9);
        Assert.Equal(["Callback", "Chat"], flow.QueuedBy.Select(q => q.Queue));
        Assert.Equal(Mean("closedHours"), flow.Branches.Single(b => b.ActionIdentifier == "check-hours" && b.Branch == "False").Count.Mean, 9);
        Assert.Equal(Mean("atCapacity"), flow.Branches.Single(b => b.Branch == "error: QueueAtCapacity").Count.Mean, 9);
        Assert.Equal(Mean("queued") + Mean("disconnected"), flow.Intervals.Sum(i => i.Figures.Sum(f => f!.Value.Mean)), 6);
        Assert.Equal(perRun[0].Intervals.Count, flow.Intervals.Count);
        Assert.Equal(perRun.Average(f => (double)f.Intervals[20].Outcomes.GetValueOrDefault("queued: Chat")), flow.Intervals[20].Figures[flow.Outcomes.ToList().IndexOf("queued: Chat")]!.Value.Mean, 9);

        var markdown = ReplicationReport.Markdown(scenario, result, runs);
        Assert.Contains("## Flows", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Chat entry | {ReplicationReport.Format(flow.Total.Figures[0], FigureKind.Count)} | {ReplicationReport.Format(flow.Total.Figures[1], FigureKind.Count)} |", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| Chat entry \| check-hours \| CheckHoursOfOperation \| False \| [0-9.,]+ ± [0-9.,]+", markdown);
        Assert.Contains("![flows](charts/flows.svg)", markdown, StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(ReplicationReport.Json(scenario, result, runs));
        var written = json.RootElement.GetProperty("flows")[0];
        Assert.Equal("Chat entry", written.GetProperty("flow").GetString());
        Assert.Equal(Math.Round(Mean("closedHours"), 4), written.GetProperty("closedHours").GetProperty("mean").GetDouble());
        Assert.Equal(Math.Round(flow.Total.Figures[0]!.Value.HalfWidth!.Value, 4), written.GetProperty("entered").GetProperty("halfWidth").GetDouble());
        Assert.Equal(4, written.GetProperty("queuedBy").GetProperty("Callback").GetProperty("replications").GetInt32());
        Assert.Equal(flow.Branches.Count, written.GetProperty("branches").GetArrayLength());
        Assert.Equal(flow.Intervals.Count, written.GetProperty("intervals").GetArrayLength());
        var chart = Assert.Single(ReplicationReport.ChartFiles(result, runs[0].Result.Settings), c => c.Name == "flows");
        Assert.Contains("Chat entry: queued: Callback 95 % high", chart.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_a_replication_never_reached_counts_zero_there()
    {
        var scenario = ConnectLocal.Server.Simulation.Scenario.Load(RepositoryRoot.Combine("examples", "chats-after-hours-closed.json"));
        var results = SimulateCommand.RunAll(scenario, 3).Select(r => r.Result).ToList();
        var entered = results.Select(r => (double)r.Flows![0].Entered).ToList();
        results[1] = results[1] with { Flows = [] };

        var flow = Assert.Single(ReplicatedResult.Of(results).Flows!);

        Assert.Equal(3, flow.Total.Figures[0]!.Value.Count);
        Assert.Equal((entered[0] + entered[2]) / 3, flow.Total.Figures[0]!.Value.Mean, 9);
        Assert.All(flow.Branches, b => Assert.Equal(3, b.Count.Count));
    }

    [Fact]
    public void A_scenario_without_flows_reports_none()
    {
        var run = Run("chat-concurrency.json");

        Assert.Null(run.Result.Flows);
        Assert.DoesNotContain("\"flows\"", SimulationReport.Json(run), StringComparison.Ordinal);
        Assert.DoesNotContain("## Flows", SimulationReport.Markdown(run), StringComparison.Ordinal);
    }

    /// <summary>A Wait of 10 minutes on the virtual clock: nothing reaches the queue before 08:10, and the last ten minutes' contacts are still in the flow at the end.</summary>
    [Fact]
    public void Wait_pauses_the_contact_on_the_virtual_clock()
    {
        var flow = Flow(
            Action("wait", "Wait", """{"TimeoutSeconds":"600"}""", conditions: """[{"NextAction":"queue","Condition":{"Operator":"Equals","Operands":["WaitCompleted"]}}]"""),
            Action("queue", "UpdateContactTargetQueue", """{"QueueId":"Support"}""", next: "transfer"),
            Action("transfer", "TransferContactToQueue", "{}"));
        var result = RunInline(Scenario(flow, """ "flow": "Entry", "channel": "CHAT" """)).Result;

        var support = result.Queues.Single(q => q.Queue == "Support");
        var series = Assert.Single(result.Flows!);
        Assert.Equal(0, support.Intervals[0].Arrived); // 08:00–08:10
        Assert.True(support.Intervals[1].Arrived > 0);
        Assert.True(series.InFlowAtEnd > 0, "no contact was still waiting in its flow at the end");
        Assert.Equal(series.Entered, series.Queued + series.InFlowAtEnd);
        Assert.Equal(series.Queued, Branch(series, "wait", "WaitCompleted"));
    }

    [Fact]
    public void Voice_traffic_on_a_phone_number_runs_the_numbers_flow_and_DistributeByPercentage_splits_it()
    {
        var flow = Flow(
            Action("split", "DistributeByPercentage", "{}", conditions: """[{"NextAction":"a","Condition":{"Operator":"NumberLessThan","Operands":["50"]}}]""", noMatch: "b"),
            Action("a", "UpdateContactTargetQueue", """{"QueueId":"Support"}""", next: "transfer"),
            Action("b", "UpdateContactTargetQueue", """{"QueueId":"Sales"}""", next: "transfer"),
            Action("transfer", "TransferContactToQueue", "{}"));
        var scenario = Scenario(flow, """ "phoneNumber": "+12065550100", "channel": "VOICE" """)
            .Replace("\"flows\":", "\"phoneNumbers\": [{\"number\": \"+12065550100\", \"flow\": \"Entry\"}], \"flows\":", StringComparison.Ordinal);
        var result = RunInline(scenario).Result;

        var series = Assert.Single(result.Flows!);
        var support = result.Queues.Single(q => q.Queue == "Support").Total.Arrived;
        var sales = result.Queues.Single(q => q.Queue == "Sales").Total.Arrived;
        Assert.Equal(series.Entered, support + sales);
        Assert.InRange(support / (double)series.Entered, 0.4, 0.6);
        Assert.Equal(support, Branch(series, "a", "Success"));
        Assert.Equal(sales, Branch(series, "split", "NoMatchingCondition"));
        Assert.Equal(support, Branch(series, "split", "to a"));
        Assert.Equal(0, series.Errors);
    }

    [Theory]
    [InlineData("""{"flows": [{"name": "Entry", "content": {"Version": "2019-10-30", "StartAction": "x", "Actions": []}}], "traffic": [{"flow": "Other", "channel": "CHAT", "perHour": 10, "handleTime": 60}]}""",
        "traffic[0].flow: no flow named 'Other' in flows")]
    [InlineData("""{"flows": [{"name": "Entry", "content": "{ not json"}]}""", "flows[0].content: not valid JSON:")]
    [InlineData("""{"flows": [{"name": "Entry"}]}""", "flows[0] (Entry): give either content (the flow's JSON) or file (a path relative to the scenario)")]
    [InlineData("""{"phoneNumbers": [{"number": "+12065550100", "flow": "Nope"}]}""", "phoneNumbers[0].flow: no flow named 'Nope' in flows")]
    public void Scenario_flow_errors_are_one_line_and_say_where(string json, string message)
    {
        var error = Assert.Throws<ScenarioException>(() => ConnectLocal.Server.Simulation.Scenario.Parse(json));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_flow_naming_a_queue_the_scenario_lacks_is_refused_before_the_day_runs()
    {
        var flow = Flow(Action("queue", "UpdateContactTargetQueue", """{"QueueId":"Nowhere"}""", next: "transfer"), Action("transfer", "TransferContactToQueue", "{}"));

        var error = Assert.Throws<ScenarioException>(() => RunInline(Scenario(flow, """ "flow": "Entry", "channel": "CHAT" """)));

        Assert.Equal("flows[0] (Entry): action 'queue' QueueId: no queue named 'Nowhere' in the scenario", error.Message);
    }

    [Fact]
    public void A_flow_file_that_is_not_JSON_is_refused_with_its_path()
    {
        var directory = Path.Combine(Path.GetTempPath(), "connectlocal-simflows-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "entry.json"), "{\"Actions\": [");
            File.WriteAllText(Path.Combine(directory, "scenario.json"), """{"flows": [{"name": "Entry", "file": "entry.json"}]}""");

            var error = Assert.Throws<ScenarioException>(() => ConnectLocal.Server.Simulation.Scenario.Load(Path.Combine(directory, "scenario.json")));

            Assert.StartsWith("flows[0] (Entry).file (entry.json): not valid JSON:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long Branch(FlowSeries flow, string action, string branch) =>
        flow.Branches.Where(b => b.ActionIdentifier == action && b.Branch == branch).Sum(b => b.Count);

    private static ScenarioRun Run(string example)
    {
        using var runner = new ScenarioRunner();
        return runner.Run(ConnectLocal.Server.Simulation.Scenario.Load(RepositoryRoot.Combine("examples", example)));
    }

    private static ScenarioRun RunInline(string json)
    {
        using var runner = new ScenarioRunner();
        return runner.Run(ConnectLocal.Server.Simulation.Scenario.Parse(json));
    }

    private static string Flow(params string[] actions) =>
        $$"""{"Version":"2019-10-30","StartAction":"{{System.Text.RegularExpressions.Regex.Match(actions[0], "\"Identifier\":\"([^\"]+)\"").Groups[1].Value}}","Actions":[{{string.Join(",", actions)}}]}""";

    private static string Action(string id, string type, string parameters, string? next = null, string? conditions = null, string? noMatch = null)
    {
        var errors = noMatch is null ? "[]" : $$"""[{"NextAction":"{{noMatch}}","ErrorType":"NoMatchingCondition"}]""";
        var nextAction = next is null ? string.Empty : $"\"NextAction\":\"{next}\",";
        var transitions = "{" + nextAction + "\"Conditions\":" + (conditions ?? "[]") + ",\"Errors\":" + errors + "}";
        return $$"""{"Identifier":"{{id}}","Type":"{{type}}","Parameters":{{parameters}},"Transitions":{{transitions}}""" + "}";
    }

    /// <summary>08:00–10:00 in 10-minute intervals; queues Support and Sales worked by 30 agents; one traffic stream (<paramref name="traffic"/> names how it enters).</summary>
    private static string Scenario(string flow, string traffic) => $$"""
        {
          "seed": 3, "start": "08:00", "end": "10:00", "intervalMinutes": 10,
          "queues": [{"Name": "Support"}, {"Name": "Sales"}],
          "flows": [{"name": "Entry", "content": {{flow}}}],
          "routingProfiles": [{"Name": "Both", "Description": "d", "DefaultOutboundQueueId": "Support",
            "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2}],
            "QueueConfigs": [
              {"QueueReference": {"QueueId": "Support", "Channel": "VOICE"}, "Priority": 1, "Delay": 0},
              {"QueueReference": {"QueueId": "Sales", "Channel": "VOICE"}, "Priority": 1, "Delay": 0},
              {"QueueReference": {"QueueId": "Support", "Channel": "CHAT"}, "Priority": 1, "Delay": 0}]}],
          "agents": [{"name": "team", "routingProfile": "Both", "count": 30}],
          "traffic": [{ {{traffic}}, "perHour": 300, "handleTime": 120 }]
        }
        """;
}
