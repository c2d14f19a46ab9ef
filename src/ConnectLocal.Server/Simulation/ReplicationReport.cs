using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>
/// The results of <c>simulate --replications N</c> (N ≥ 2): the same files as one run's (<see cref="SimulationReport"/>),
/// with every figure given as its mean over the replications ± the half-width of its 95 % confidence interval, and a
/// warning on each interval too wide to trust (<see cref="ReplicatedResult.TooWide"/>).
/// </summary>
internal static class ReplicationReport
{
    public static void Write(Scenario scenario, ReplicatedResult result, IReadOnlyList<ScenarioRun> runs, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        File.WriteAllText(Path.Combine(directory, "result.json"), Json(scenario, result, runs));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(scenario, result, runs));
        foreach (var (name, svg) in ChartFiles(result, runs[0].Result.Settings))
        {
            File.WriteAllText(Path.Combine(directory, "charts", name + ".svg"), svg);
        }
    }

    /// <summary>Series where some replication saw a contact.</summary>
    public static IReadOnlyList<EstimatedSeries> ActiveQueues(ReplicatedResult result) =>
        result.Queues.Where(q => q.Total.Figures[0] is { Mean: > 0 } || q.Total.Figures[1] is { Mean: > 0 }).ToList();

    /// <summary>The figures whose interval is too wide: (series label, interval start or null for the day, figure label).</summary>
    public static IReadOnlyList<(string Series, DateTimeOffset? From, string Figure)> TooWide(ReplicatedResult result)
    {
        var wide = new List<(string, DateTimeOffset?, string)>();
        foreach (var q in ActiveQueues(result))
        {
            Collect(q, $"{q.Region} {q.Channel} {q.Queue}", ReplicatedResult.QueueFigures.Select(f => (f.Label, f.Kind)).ToList());
        }

        foreach (var l in result.Loads.Where(l => l.Total.Figures[0] is { Mean: > 0 }))
        {
            Collect(l, $"{l.Region} agents on {l.Channel}", ReplicatedResult.LoadFigures.Select(f => (f.Label, f.Kind)).ToList());
        }

        // A flow's counts for the day, as the report shows them (its per-interval outcomes are only drawn).
        foreach (var flow in result.Flows ?? [])
        {
            var day = ReplicatedResult.FlowFigures.Select((f, i) => (f.Label, flow.Total.Figures[i]))
                .Concat(flow.QueuedBy.Select(q => ($"queued in {q.Queue}", (Estimate?)q.Count)))
                .Concat(flow.Branches.Select(b => ($"{b.ActionIdentifier} {b.Branch}", (Estimate?)b.Count)));
            wide.AddRange(day.Where(d => ReplicatedResult.TooWide(d.Item2, FigureKind.Count)).Select(d => ($"flow {flow.Flow}", (DateTimeOffset?)null, d.Item1)));
        }

        return wide;

        void Collect(EstimatedSeries series, string label, IReadOnlyList<(string Label, FigureKind Kind)> figures)
        {
            foreach (var (interval, from) in series.Intervals.Select(i => (i, (DateTimeOffset?)i.From)).Prepend((series.Total, null)))
            {
                for (var f = 0; f < figures.Count; f++)
                {
                    // A figure no replication had (no contact answered: no wait) is not a wide interval, just absent.
                    if (interval.Figures[f] is not null && ReplicatedResult.TooWide(interval.Figures[f], figures[f].Kind))
                    {
                        wide.Add((label, from, figures[f].Label));
                    }
                }
            }
        }
    }

    public static string Json(Scenario scenario, ReplicatedResult result, IReadOnlyList<ScenarioRun> runs)
    {
        var s = runs[0].Result.Settings;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("scenario");
            w.WriteString("name", scenario.Name);
            w.WriteNumber("seed", scenario.Seed);
            w.WriteString("start", s.Start);
            w.WriteString("end", s.End);
            w.WriteNumber("intervalMinutes", s.Interval.TotalMinutes);
            w.WriteNumber("serviceLevelSeconds", s.ServiceLevelSeconds);
            w.WriteNumber("agents", runs[0].Agents);
            w.WriteEndObject();

            w.WriteStartObject("replications");
            w.WriteNumber("count", result.Replications);
            w.WriteStartArray("seeds");
            foreach (var seed in result.Seeds)
            {
                w.WriteNumberValue(seed);
            }

            w.WriteEndArray();
            w.WriteString("interval", "95 % Student-t: mean ± halfWidth over the replications");
            w.WriteNumber("tooWide", TooWide(result).Count);
            w.WriteEndObject();

            w.WriteStartArray("queues");
            foreach (var q in result.Queues)
            {
                WriteSeries(w, q, ReplicatedResult.QueueFigures.Select(f => (f.Name, f.Kind)).ToList());
            }

            w.WriteEndArray();
            w.WriteStartArray("load");
            foreach (var l in result.Loads)
            {
                WriteSeries(w, l, ReplicatedResult.LoadFigures.Select(f => (f.Name, f.Kind)).ToList());
            }

            w.WriteEndArray();
            if (result.Flows is { } flows)
            {
                WriteFlows(w, flows);
            }

            w.WriteStartObject("timing");
            w.WriteNumber("setupSeconds", Math.Round(runs.Sum(r => r.SetupTime.TotalSeconds), 3));
            w.WriteNumber("simulationSeconds", Math.Round(runs.Sum(r => r.RunTime.TotalSeconds), 3));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Markdown(Scenario scenario, ReplicatedResult result, IReadOnlyList<ScenarioRun> runs)
    {
        var s = runs[0].Result.Settings;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# What-if: {scenario.Name}");
        md.AppendLine();
        if (scenario.Description is { } description)
        {
            md.AppendLine(description);
            md.AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Simulated {s.Start:yyyy-MM-dd HH:mm}–{s.End:HH:mm} UTC in {string.Join(" and ", s.Regions)}, **{result.Replications} independent replications** " +
            $"(seed {scenario.Seed} and {result.Replications - 1} derived from it), {runs[0].Agents:N0} agents; intervals of {s.Interval.TotalMinutes:F0} min; " +
            $"service level = answered within {s.ServiceLevelSeconds} s ÷ (answered + abandoned).");
        md.AppendLine();
        md.AppendLine("Every figure is the mean over the replications ± the half-width of its 95 % confidence interval (Student's t). " +
            "⚠ marks an interval too wide to trust: wider than ±5 percentage points for a share, or than ±10 % (and more than one unit) otherwise.");
        md.AppendLine();
        var wide = TooWide(result);
        md.AppendLine(wide.Count == 0
            ? "All intervals are narrow enough to trust."
            : string.Create(CultureInfo.InvariantCulture, $"⚠ {wide.Count} interval(s) too wide to trust ({wide.Count(w => w.From is null)} of them for the whole day): run more replications (the half-width shrinks as 1/√N), or read those figures as rough."));
        md.AppendLine();

        md.AppendLine("## The day");
        md.AppendLine();
        var figures = ReplicatedResult.QueueFigures;
        md.AppendLine("| Region | Channel | Queue | " + string.Join(" | ", figures.Select(f => f.Label)) + " |");
        md.AppendLine("|---|---|---|" + string.Concat(figures.Select(_ => "---:|")));
        foreach (var q in ActiveQueues(result))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {q.Region} | {q.Channel} | {q.Queue} | {string.Join(" | ", figures.Select((f, i) => Format(q.Total.Figures[i], f.Kind)))} |");
        }

        md.AppendLine();
        var loadFigures = ReplicatedResult.LoadFigures;
        md.AppendLine("| Region | Agents on | " + string.Join(" | ", loadFigures.Select(f => f.Label)) + " |");
        md.AppendLine("|---|---|" + string.Concat(loadFigures.Select(_ => "---:|")));
        foreach (var l in result.Loads)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Region} | {l.Channel} | {string.Join(" | ", loadFigures.Select((f, i) => Format(l.Total.Figures[i], f.Kind)))} |");
        }

        if (result.Flows is { } flows)
        {
            MarkdownFlows(md, flows);
        }

        md.AppendLine();
        md.AppendLine("## Charts");
        md.AppendLine();
        md.AppendLine("Solid: the mean over the replications; dashed: the 95 % interval's ends.");
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
            md.AppendLine("| from | " + string.Join(" | ", figures.Select(f => f.Label)) + " |");
            md.AppendLine("|---|" + string.Concat(figures.Select(_ => "---:|")));
            foreach (var i in q.Intervals)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {i.From:HH:mm} | {string.Join(" | ", figures.Select((f, k) => Format(i.Figures[k], f.Kind)))} |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }

        return md.ToString();
    }

    private static void MarkdownFlows(StringBuilder md, IReadOnlyList<EstimatedFlow> flows)
    {
        md.AppendLine();
        md.AppendLine("## Flows");
        md.AppendLine();
        md.AppendLine(SimulationReport.FlowsExplanation);
        md.AppendLine();
        var figures = ReplicatedResult.FlowFigures;
        md.AppendLine("| Flow | " + string.Join(" | ", figures.Select(f => f.Label)) + " | Queued in |");
        md.AppendLine("|---|" + string.Concat(figures.Select(_ => "---:|")) + "---|");
        foreach (var f in flows)
        {
            var queuedIn = string.Join(", ", f.QueuedBy.Select(q => $"{q.Queue} {Format(q.Count, FigureKind.Count)}"));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Flow} | {string.Join(" | ", figures.Select((figure, i) => Format(f.Total.Figures[i], figure.Kind)))} | {(queuedIn.Length == 0 ? "–" : queuedIn)} |");
        }

        SimulationReport.BranchTable(md, flows.SelectMany(f => f.Branches.Select(b => (f.Flow, b.ActionIdentifier, b.ActionType, b.Branch, Format(b.Count, FigureKind.Count)))));
    }

    public static readonly string[] Charts = ["service-level", "abandonment", "wait", "occupancy"];

    /// <summary>The charts of the replications: the flows chart too when contacts entered by flows.</summary>
    public static IReadOnlyList<string> ChartsOf(ReplicatedResult result) => result.Flows is null ? Charts : [.. Charts, "flows"];

    public static IEnumerable<(string Name, string Svg)> ChartFiles(ReplicatedResult result, SimulationSettings s)
    {
        var queues = ActiveQueues(result);
        string Label(EstimatedSeries q) => s.Regions.Count > 1 ? $"{q.Region} {q.Channel} {q.Queue}" : $"{q.Channel} {q.Queue}";

        IEnumerable<ChartSeries> Band(IReadOnlyList<EstimatedInterval> intervals, int figure, string label, int color)
        {
            List<(DateTimeOffset, double?)> Points(Func<Estimate, double> value) =>
                intervals.Select(i => (Min(i.From + s.Interval, s.End), i.Figures[figure] is { } e ? value(e) : (double?)null)).ToList();
            yield return new ChartSeries(label, Points(e => e.Mean), color);
            yield return new ChartSeries(label + " 95 % low", Points(e => e.Low), color, Dashed: true);
            yield return new ChartSeries(label + " 95 % high", Points(e => e.High), color, Dashed: true);
        }

        yield return ("service-level", SvgChart.Render($"Service level (answered within {s.ServiceLevelSeconds} s), mean and 95 % interval", "service level", s.Start, s.End,
            queues.SelectMany((q, i) => Band(q.Intervals, 3, Label(q), i)).ToList(), [], percent: true));
        yield return ("abandonment", SvgChart.Render("Abandonment, mean and 95 % interval", "abandoned", s.Start, s.End,
            queues.SelectMany((q, i) => Band(q.Intervals, 4, Label(q), i)).ToList(), [], percent: true));
        yield return ("wait", SvgChart.Render("Average wait of answered contacts, mean and 95 % interval", "seconds", s.Start, s.End,
            queues.SelectMany((q, i) => Band(q.Intervals, 5, Label(q), i)).ToList(), [], percent: false));
        yield return ("occupancy", SvgChart.Render("Agent occupancy, mean and 95 % interval", "share of time", s.Start, s.End,
            result.Loads.Where(l => l.Total.Figures[0] is { Mean: > 0 } && l.Channel != "ALL").SelectMany((l, i) => Band(l.Intervals, 1, $"{l.Region} {l.Channel}", i)).ToList(), [], percent: true));
        if (result.Flows is { } flows)
        {
            // As one run's flows chart: a line per flow and outcome that some replication had, here with its interval.
            var lines = flows.Where(f => f.Total.Figures[0] is { Mean: > 0 }).SelectMany(f => f.Outcomes.Select((outcome, k) => (Flow: f, Outcome: outcome, Index: k))).ToList();
            yield return ("flows", SvgChart.Render("Flows: contacts per interval by what their flow did (queued in a queue, or disconnected), mean and 95 % interval", "contacts", s.Start, s.End,
                lines.SelectMany((l, i) => Band(l.Flow.Intervals, l.Index, $"{l.Flow.Flow}: {l.Outcome}", i)).ToList(), [], percent: false));
        }
    }

    private static void WriteSeries(Utf8JsonWriter w, EstimatedSeries series, IReadOnlyList<(string Name, FigureKind Kind)> figures)
    {
        w.WriteStartObject();
        w.WriteString("region", series.Region);
        w.WriteString("channel", series.Channel);
        if (series.Queue is { } queue)
        {
            w.WriteString("queue", queue);
        }

        w.WritePropertyName("total");
        WriteInterval(w, series.Total, figures);
        w.WriteStartArray("intervals");
        foreach (var interval in series.Intervals)
        {
            WriteInterval(w, interval, figures);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter w, EstimatedInterval interval, IReadOnlyList<(string Name, FigureKind Kind)> figures)
    {
        w.WriteStartObject();
        w.WriteString("from", interval.From);
        for (var i = 0; i < figures.Count; i++)
        {
            WriteEstimate(w, figures[i].Name, interval.Figures[i], figures[i].Kind);
        }

        w.WriteEndObject();
    }

    /// <summary>A figure as <c>{"mean", "halfWidth", "replications", "tooWide"}</c>, or null when no replication had it.</summary>
    private static void WriteEstimate(Utf8JsonWriter w, string name, Estimate? estimate, FigureKind kind)
    {
        if (estimate is not { } e)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("mean", Math.Round(e.Mean, 4));
        if (e.HalfWidth is { } half)
        {
            w.WriteNumber("halfWidth", Math.Round(half, 4));
        }
        else
        {
            w.WriteNull("halfWidth");
        }

        w.WriteNumber("replications", e.Count);
        w.WriteBoolean("tooWide", ReplicatedResult.TooWide(e, kind));
        w.WriteEndObject();
    }

    /// <summary>Per flow, as one run's result.json has it (same names), each count an estimate over the replications.</summary>
    private static void WriteFlows(Utf8JsonWriter w, IReadOnlyList<EstimatedFlow> flows)
    {
        w.WriteStartArray("flows");
        foreach (var flow in flows)
        {
            w.WriteStartObject();
            w.WriteString("flow", flow.Flow);
            for (var i = 0; i < ReplicatedResult.FlowFigures.Count; i++)
            {
                WriteEstimate(w, ReplicatedResult.FlowFigures[i].Name, flow.Total.Figures[i], FigureKind.Count);
            }

            w.WriteStartObject("queuedBy");
            foreach (var (queue, count) in flow.QueuedBy)
            {
                WriteEstimate(w, queue, count, FigureKind.Count);
            }

            w.WriteEndObject();
            w.WriteStartArray("branches");
            foreach (var branch in flow.Branches)
            {
                w.WriteStartObject();
                w.WriteString("action", branch.ActionIdentifier);
                w.WriteString("type", branch.ActionType);
                w.WriteString("branch", branch.Branch);
                WriteEstimate(w, "count", branch.Count, FigureKind.Count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            var outcomes = flow.Outcomes.Select(o => (o, FigureKind.Count)).ToList();
            w.WriteStartArray("intervals");
            foreach (var interval in flow.Intervals)
            {
                WriteInterval(w, interval, outcomes);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static string Format(Estimate? estimate, FigureKind kind)
    {
        if (estimate is not { } e)
        {
            return "–";
        }

        var flag = ReplicatedResult.TooWide(e, kind) ? " ⚠" : string.Empty;
        string Value(double v) => kind switch
        {
            FigureKind.Share => (v * 100).ToString("F1", CultureInfo.InvariantCulture),
            FigureKind.Seconds or FigureKind.Agents => v.ToString("F1", CultureInfo.InvariantCulture),
            _ => v.ToString(v >= 100 ? "N0" : "F1", CultureInfo.InvariantCulture),
        };
        var unit = kind switch { FigureKind.Share => " %", FigureKind.Seconds => " s", _ => string.Empty };
        return e.HalfWidth is { } h ? $"{Value(e.Mean)} ± {Value(h)}{unit}{flag}" : $"{Value(e.Mean)}{unit}{flag}";
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
