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

        md.AppendLine();
        md.AppendLine("## Charts");
        md.AppendLine();
        foreach (var name in Charts)
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
