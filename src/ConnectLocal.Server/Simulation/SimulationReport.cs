using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>
/// Writes a scenario's results: <c>result.json</c> (every number, per interval), <c>report.md</c> (the day at a
/// glance, the changes made, then every interval) and <c>charts/*.svg</c>. Everything but the "timing" section of
/// the JSON is the same for the same scenario and seed.
/// </summary>
internal static class SimulationReport
{
    public static readonly string[] Charts = ["waiting", "service-level", "wait", "abandonment", "occupancy"];

    public static void Write(ScenarioRun run, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        File.WriteAllText(Path.Combine(directory, "result.json"), Json(run));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(run));
        foreach (var (name, svg) in ChartFiles(run))
        {
            File.WriteAllText(Path.Combine(directory, "charts", name + ".svg"), svg);
        }
    }

    /// <summary>The series worth drawing: any contact arrived, waited or was answered there during the day.</summary>
    public static IReadOnlyList<QueueSeries> ActiveQueues(SimulationResult result) =>
        result.Queues.Where(q => q.Total.Arrived > 0 || q.Total.Answered > 0 || q.Intervals.Any(i => i.WaitingAtEnd > 0)).ToList();

    public static string Json(ScenarioRun run)
    {
        var result = run.Result;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("scenario");
            w.WriteString("name", run.Scenario.Name);
            if (run.Scenario.Description is { } description)
            {
                w.WriteString("description", description);
            }

            w.WriteNumber("seed", run.Scenario.Seed);
            w.WriteString("start", result.Settings.Start);
            w.WriteString("end", result.Settings.End);
            w.WriteNumber("intervalMinutes", result.Settings.Interval.TotalMinutes);
            w.WriteNumber("serviceLevelSeconds", result.Settings.ServiceLevelSeconds);
            w.WriteStartArray("regions");
            foreach (var region in result.Settings.Regions)
            {
                w.WriteStringValue(region);
            }

            w.WriteEndArray();
            w.WriteNumber("agents", run.Agents);
            w.WriteEndObject();

            w.WriteStartObject("totals");
            w.WriteNumber("contacts", result.ContactsArrived);
            w.WriteNumber("routingDecisions", result.Offers);
            w.WriteNumber("evaluations", result.Evaluations);
            w.WriteNumber("events", result.Events);
            w.WriteNumber("apiCalls", run.ApiCalls);
            w.WriteEndObject();

            w.WriteStartArray("changes");
            foreach (var change in result.Changes)
            {
                w.WriteStartObject();
                w.WriteString("at", change.At);
                w.WriteString("change", change.Label);
                if (change.Error is null)
                {
                    w.WriteNull("error");
                }
                else
                {
                    w.WriteString("error", change.Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();

            if (result.Flows is { } flows)
            {
                WriteFlows(w, flows);
            }

            w.WriteStartArray("queues");
            foreach (var series in result.Queues)
            {
                w.WriteStartObject();
                w.WriteString("region", series.Region);
                w.WriteString("channel", series.Channel);
                w.WriteString("queue", series.Queue);
                w.WritePropertyName("total");
                WriteInterval(w, series.Total);
                w.WriteStartArray("intervals");
                foreach (var interval in series.Intervals)
                {
                    WriteInterval(w, interval);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("load");
            foreach (var series in result.Loads)
            {
                w.WriteStartObject();
                w.WriteString("region", series.Region);
                w.WriteString("channel", series.Channel);
                w.WritePropertyName("total");
                WriteLoad(w, series.Total);
                w.WriteStartArray("intervals");
                foreach (var interval in series.Intervals)
                {
                    WriteLoad(w, interval);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();

            // Wall-clock figures last and apart: the only part that differs between two runs of the same scenario.
            w.WriteStartObject("timing");
            w.WriteNumber("setupSeconds", Math.Round(run.SetupTime.TotalSeconds, 3));
            w.WriteNumber("simulationSeconds", Math.Round(run.RunTime.TotalSeconds, 3));
            w.WriteNumber("routingDecisionsPerSecond", Math.Round(result.Offers / Math.Max(1e-9, run.RunTime.TotalSeconds)));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Per flow: what became of the contacts that entered by it, and every branch its actions took.</summary>
    private static void WriteFlows(Utf8JsonWriter w, IReadOnlyList<FlowSeries> flows)
    {
        w.WriteStartArray("flows");
        foreach (var flow in flows)
        {
            w.WriteStartObject();
            w.WriteString("flow", flow.Flow);
            w.WriteNumber("entered", flow.Entered);
            w.WriteNumber("queued", flow.Queued);
            w.WriteNumber("disconnected", flow.Disconnected);
            w.WriteNumber("inFlowAtEnd", flow.InFlowAtEnd);
            w.WriteNumber("closedHours", flow.ClosedHours);
            w.WriteNumber("atCapacity", flow.AtCapacity);
            w.WriteNumber("errors", flow.Errors);
            w.WriteStartObject("queuedBy");
            foreach (var (queue, count) in flow.QueuedBy)
            {
                w.WriteNumber(queue, count);
            }

            w.WriteEndObject();
            w.WriteStartArray("branches");
            foreach (var branch in flow.Branches)
            {
                w.WriteStartObject();
                w.WriteString("action", branch.ActionIdentifier);
                w.WriteString("type", branch.ActionType);
                w.WriteString("branch", branch.Branch);
                w.WriteNumber("count", branch.Count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("intervals");
            foreach (var interval in flow.Intervals)
            {
                w.WriteStartObject();
                w.WriteString("from", interval.From);
                foreach (var (outcome, count) in interval.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(outcome, count);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The charts of a run: the flows chart too when contacts entered by flows.</summary>
    public static IReadOnlyList<string> ChartsOf(SimulationResult result) => result.Flows is null ? Charts : [.. Charts, "flows"];

    public static string Markdown(ScenarioRun run)
    {
        var result = run.Result;
        var s = result.Settings;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# What-if: {run.Scenario.Name}");
        md.AppendLine();
        if (run.Scenario.Description is { } description)
        {
            md.AppendLine(description);
            md.AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Simulated {s.Start:yyyy-MM-dd HH:mm}–{s.End:HH:mm} UTC in {string.Join(" and ", s.Regions)}, seed {run.Scenario.Seed}, " +
            $"{run.Agents:N0} agents, {result.ContactsArrived:N0} contacts, {result.Offers:N0} routing decisions; " +
            $"intervals of {s.Interval.TotalMinutes:F0} min; service level = answered within {s.ServiceLevelSeconds} s ÷ (answered + abandoned).");
        md.AppendLine();

        if (result.Changes.Count > 0)
        {
            md.AppendLine("## Configuration changes (API calls)");
            md.AppendLine();
            md.AppendLine("| time | change | result |");
            md.AppendLine("|---|---|---|");
            foreach (var change in result.Changes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {change.At:HH:mm} | {change.Label} | {(change.Error is null ? "applied" : "refused: " + change.Error.Replace("|", "\\|", StringComparison.Ordinal))} |");
            }

            md.AppendLine();
        }

        md.AppendLine("## The day");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| Region | Channel | Queue | Contacts | Answered | Abandoned | Service level ({s.ServiceLevelSeconds} s) | Avg wait | P90 wait | Waiting at end |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var q in ActiveQueues(result))
        {
            var t = q.Total;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {q.Region} | {q.Channel} | {q.Queue} | {t.Arrived:N0} | {t.Answered:N0} | {t.Abandoned:N0} | {Percent(t.ServiceLevel)} | {Seconds(t.AverageWait)} | {Seconds(t.P90Wait)} | {t.WaitingAtEnd:N0} |");
        }

        md.AppendLine();
        md.AppendLine("| Region | Agents on | Staffed agents (avg) | Occupancy | Slot utilisation |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var l in result.Loads)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Region} | {l.Channel} | {l.Total.StaffedAgents:F1} | {Percent(l.Total.Occupancy)} | {Percent(l.Total.SlotUtilisation)} |");
        }

        if (result.Flows is { } flows)
        {
            MarkdownFlows(md, flows);
        }

        md.AppendLine();
        md.AppendLine("## Charts");
        md.AppendLine();
        foreach (var name in ChartsOf(result))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![{name}](charts/{name}.svg)");
            md.AppendLine();
        }

        md.AppendLine("## By interval");
        md.AppendLine();
        foreach (var q in ActiveQueues(result))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{q.Region} · {q.Channel} · {q.Queue}</summary>");
            md.AppendLine();
            md.AppendLine("| from | arrived | answered | abandoned | service level | avg wait | p90 wait | waiting at end | oldest at end |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var i in q.Intervals)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {i.From:HH:mm} | {i.Arrived:N0} | {i.Answered:N0} | {i.Abandoned:N0} | {Percent(i.ServiceLevel)} | {Seconds(i.AverageWait)} | {Seconds(i.P90Wait)} | {i.WaitingAtEnd:N0} | {Seconds(i.OldestWaitAtEnd)} |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }

        return md.ToString();
    }

    /// <summary>What the flows section's columns mean (one run's report and the replications').</summary>
    public const string FlowsExplanation = "Contacts that entered by each flow, and what the flow did with them (closed hours: CheckHoursOfOperation took False; at capacity: TransferContactToQueue's QueueAtCapacity; errors: every other error branch but NoMatchingCondition, a condition's default).";

    private static void MarkdownFlows(StringBuilder md, IReadOnlyList<FlowSeries> flows)
    {
        md.AppendLine();
        md.AppendLine("## Flows");
        md.AppendLine();
        md.AppendLine(FlowsExplanation);
        md.AppendLine();
        md.AppendLine("| Flow | Entered | Queued | Disconnected in flow | Still in flow at end | Closed hours | At capacity | Errors | Queued in |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var f in flows)
        {
            var queuedIn = string.Join(", ", f.QueuedBy.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Queue} {q.Count:N0}")));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Flow} | {f.Entered:N0} | {f.Queued:N0} | {f.Disconnected:N0} | {f.InFlowAtEnd:N0} | {f.ClosedHours:N0} | {f.AtCapacity:N0} | {f.Errors:N0} | {(queuedIn.Length == 0 ? "–" : queuedIn)} |");
        }

        BranchTable(md, flows.SelectMany(f => f.Branches.Select(b => (f.Flow, b.ActionIdentifier, b.ActionType, b.Branch, b.Count.ToString("N0", CultureInfo.InvariantCulture)))));
    }

    /// <summary>The flows' branch table: one row per flow, action and branch, with its count as shown.</summary>
    internal static void BranchTable(StringBuilder md, IEnumerable<(string Flow, string Action, string Type, string Branch, string Contacts)> rows)
    {
        md.AppendLine();
        md.AppendLine("| Flow | Action | Type | Branch | Contacts |");
        md.AppendLine("|---|---|---|---|---:|");
        foreach (var row in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Flow} | {row.Action} | {row.Type} | {row.Branch} | {row.Contacts} |");
        }
    }

    public static IEnumerable<(string Name, string Svg)> ChartFiles(ScenarioRun run)
    {
        var result = run.Result;
        var s = result.Settings;
        var queues = ActiveQueues(result);
        var markers = result.Changes.Where(c => c.Error is null).Select(c => new ChartMarker(c.At, $"{c.At:HH:mm} {c.Label}")).ToList();

        // A point per interval, at the interval's end (the value is what the interval ended with or averaged).
        List<(DateTimeOffset, double?)> Points<T>(IReadOnlyList<T> intervals, Func<T, DateTimeOffset> from, Func<T, double?> value) =>
            intervals.Select(i => (Min(from(i) + s.Interval, s.End), value(i))).ToList();

        string Label(QueueSeries q) => s.Regions.Count > 1 ? $"{q.Region} {q.Channel} {q.Queue}" : $"{q.Channel} {q.Queue}";

        yield return ("waiting", SvgChart.Render("Contacts waiting in queue (at each interval's end)", "contacts", s.Start, s.End,
            queues.Select((q, i) => new ChartSeries(Label(q), Points(q.Intervals, x => x.From, x => x.WaitingAtEnd), i)).ToList(), markers, percent: false));
        yield return ("service-level", SvgChart.Render($"Service level (answered within {s.ServiceLevelSeconds} s)", "service level", s.Start, s.End,
            queues.Select((q, i) => new ChartSeries(Label(q), Points(q.Intervals, x => x.From, x => x.ServiceLevel), i)).ToList(), markers, percent: true));
        yield return ("wait", SvgChart.Render("Wait of answered contacts: average (solid) and 90th percentile (dashed)", "seconds", s.Start, s.End,
            queues.SelectMany((q, i) => new[]
            {
                new ChartSeries(Label(q) + " avg", Points(q.Intervals, x => x.From, x => x.AverageWait), i),
                new ChartSeries(Label(q) + " p90", Points(q.Intervals, x => x.From, x => x.P90Wait), i, Dashed: true),
            }).ToList(), markers, percent: false));
        yield return ("abandonment", SvgChart.Render("Abandonment (abandoned ÷ answered + abandoned)", "abandoned", s.Start, s.End,
            queues.Select((q, i) => new ChartSeries(Label(q), Points(q.Intervals, x => x.From, x => x.AbandonmentRate), i)).ToList(), markers, percent: true));
        yield return ("occupancy", SvgChart.Render("Agents: occupancy (solid) and slot utilisation (dashed)", "share of time", s.Start, s.End,
            ChartedLoads(result).SelectMany((l, i) => new[]
            {
                new ChartSeries($"{l.Region} {l.Channel} occupancy", Points(l.Intervals, x => x.From, x => x.Occupancy), i),
                new ChartSeries($"{l.Region} {l.Channel} slots", Points(l.Intervals, x => x.From, x => x.SlotUtilisation), i, Dashed: true),
            }).ToList(), markers, percent: true));
        if (result.Flows is { } flows)
        {
            var lines = flows.Where(f => f.Entered > 0)
                .SelectMany(f => f.Intervals.SelectMany(i => i.Outcomes.Keys).Distinct().Order(StringComparer.Ordinal).Select(outcome => (Flow: f, Outcome: outcome)))
                .ToList();
            yield return ("flows", SvgChart.Render("Flows: contacts per interval by what their flow did (queued in a queue, or disconnected)", "contacts", s.Start, s.End,
                lines.Select((l, i) => new ChartSeries($"{l.Flow.Flow}: {l.Outcome}", Points(l.Flow.Intervals, x => x.From, x => (double?)x.Outcomes.GetValueOrDefault(l.Outcome)), i)).ToList(),
                markers, percent: false));
        }
    }

    /// <summary>Regions with agents; the "ALL" line only when agents work more than one channel (else it is the same line).</summary>
    private static IEnumerable<LoadSeries> ChartedLoads(SimulationResult result)
    {
        var channels = result.Loads.Select(l => l.Channel).Where(c => c != "ALL").Distinct().Count();
        return result.Loads.Where(l => l.Total.StaffedAgents > 0 && (channels > 1 || l.Channel != "ALL"));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void WriteInterval(Utf8JsonWriter w, QueueInterval i)
    {
        w.WriteStartObject();
        w.WriteString("from", i.From);
        w.WriteNumber("arrived", i.Arrived);
        w.WriteNumber("answered", i.Answered);
        w.WriteNumber("answeredWithinServiceLevel", i.AnsweredWithinServiceLevel);
        w.WriteNumber("waited", i.Waited);
        w.WriteNumber("abandoned", i.Abandoned);
        Number(w, "serviceLevel", i.ServiceLevel);
        Number(w, "abandonmentRate", i.AbandonmentRate);
        Number(w, "averageWaitSeconds", i.AverageWait);
        Number(w, "p90WaitSeconds", i.P90Wait);
        w.WriteNumber("waitingAtEnd", i.WaitingAtEnd);
        Number(w, "oldestWaitAtEndSeconds", i.OldestWaitAtEnd);
        Number(w, "averageAbandonSeconds", i.AverageAbandonTime);
        Number(w, "averageHandleSeconds", i.AverageHandleTime);
        w.WriteEndObject();
    }

    private static void WriteLoad(Utf8JsonWriter w, LoadInterval i)
    {
        w.WriteStartObject();
        w.WriteString("from", i.From);
        w.WriteNumber("staffedAgents", Math.Round(i.StaffedAgents, 3));
        Number(w, "occupancy", i.Occupancy);
        Number(w, "slotUtilisation", i.SlotUtilisation);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Seconds(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + " s" : "–";
}
