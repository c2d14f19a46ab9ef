using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>One channel at one concurrency: the answer for every interval, and Erlang C's for voice.</summary>
internal sealed record StaffedChannel(StaffingChannel Channel, int Concurrency, IReadOnlyList<StaffingAnswer> Intervals, IReadOnlyList<int?> ErlangC)
{
    public string Label => Channel.Channel == RoutingChannel.Voice ? "VOICE" : $"{RoutingChannels.Name(Channel.Channel)} ×{Concurrency}";
}

internal sealed record StaffingResult(StaffingPlan Plan, IReadOnlyList<StaffedChannel> Channels, TimeSpan Elapsed)
{
    public DateTimeOffset IntervalStart(int index) => new DateTimeOffset(Scenario.DefaultDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + Plan.Start + (Plan.Interval * index);
}

/// <summary>
/// <c>connectlocal staffing PLAN.json|.yaml [--out DIR]</c>: the fewest agents per interval that meet the plan's goal,
/// found by simulation (<see cref="Staffing"/>), with Erlang C's answer beside voice, required FTEs before and after
/// shrinkage, occupancy, and what each extra unit of chat concurrency saves and costs in handle time.
/// </summary>
internal static class StaffingCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        string? path = null;
        string? output = null;
        var quiet = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && path is null:
                    path = a;
                    break;
                default:
                    Console.Error.WriteLine($"connectlocal staffing: unexpected argument '{args[i]}'\n\n{CommandLine.Cli.CommandUsage("staffing")}");
                    return 2;
            }
        }

        if (path is null)
        {
            Console.Error.WriteLine($"connectlocal staffing: give a staffing plan file\n\n{CommandLine.Cli.CommandUsage("staffing")}");
            return 2;
        }

        output ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + "-results");
        try
        {
            var plan = StaffingPlan.Load(path);
            var result = Compute(plan, quiet ? null : message => Console.Error.WriteLine(message));
            Write(result, output);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"staffed {result.Channels.Count} channel/concurrency line(s) × {result.Channels[0].Intervals.Count} intervals in {result.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine($"wrote {Path.Combine(output, "report.md")}, {Path.Combine(output, "result.json")} and {Path.Combine(output, "charts")}/");
            return 0;
        }
        catch (ScenarioException e)
        {
            Console.Error.WriteLine($"connectlocal staffing: {e.Message}");
            return 1;
        }
    }

    public static StaffingResult Compute(StaffingPlan plan, Action<string>? log = null)
    {
        var watch = Stopwatch.StartNew();
        var lines = new List<StaffedChannel>();
        foreach (var channel in plan.Channels)
        {
            foreach (var concurrency in channel.Concurrencies)
            {
                var answers = new List<StaffingAnswer>();
                var erlang = new List<int?>();
                foreach (var contacts in channel.Contacts)
                {
                    var perHour = contacts * 60 / plan.Interval.TotalMinutes;
                    var interval = new StaffingInterval(channel.Channel, perHour, channel.HandleTime, channel.Patience, concurrency, plan.Curve);
                    answers.Add(Staffing.Fewest(interval, channel.Goal, plan.Settings));
                    erlang.Add(channel.Channel == RoutingChannel.Voice && channel.Goal.ServiceLevel is { } sl
                        ? Core.Routing.Simulation.ErlangC.Agents(perHour * channel.HandleTime.Mean / 3600, channel.HandleTime.Mean, sl, channel.Goal.ServiceLevelSeconds)
                        : null);
                }

                var line = new StaffedChannel(channel, concurrency, answers, erlang);
                lines.Add(line);
                log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{line.Label}: {answers.Sum(a => a.Agents * plan.Interval.TotalHours):F1} agent-hours, peak {answers.Max(a => a.Agents)} agents ({watch.Elapsed.TotalSeconds:F1} s)"));
            }
        }

        return new StaffingResult(plan, lines, watch.Elapsed);
    }

    public static void Write(StaffingResult result, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        File.WriteAllText(Path.Combine(directory, "result.json"), Json(result));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(result));
        File.WriteAllText(Path.Combine(directory, "charts", "required-agents.svg"), Chart(result));
    }

    /// <summary>Agent-hours over the day: Σ agents × interval length.</summary>
    public static double AgentHours(StaffingResult result, StaffedChannel line) => line.Intervals.Sum(a => a.Agents) * result.Plan.Interval.TotalHours;

    /// <summary>Required FTE after shrinkage: agents ÷ (1 − shrinkage) (Amazon Connect's capacity plans show both).</summary>
    public static double WithShrinkage(StaffingPlan plan, double agents) => agents / (1 - plan.Shrinkage);

    public static string Markdown(StaffingResult result)
    {
        var plan = result.Plan;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Staffing: {plan.Name}");
        md.AppendLine();
        if (plan.Description is { } description)
        {
            md.AppendLine(description);
            md.AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Intervals of {plan.Interval.TotalMinutes:F0} min from {plan.Start:hh\\:mm}; shrinkage {plan.Shrinkage * 100:0.#} %; " +
            $"each interval judged by {plan.Settings.Replications} replications of {plan.Settings.Measured.TotalHours:0.#} h at its forecast rate after {plan.Settings.WarmUp.TotalMinutes:F0} min of warm-up (seed {plan.Seed}); " +
            $"concurrency curve (handle-time factor for 1, 2, 3 … contacts at once): {string.Join(", ", plan.Curve.Factors.Select(f => f.ToString("0.##", CultureInfo.InvariantCulture)))}.");
        md.AppendLine();
        md.AppendLine("**Required FTE** is the fewest agents on contacts that meet the goal in the interval (by simulation); **with shrinkage** it is divided by (1 − shrinkage) " +
            "for breaks, training and absence. **Occupancy** is busy agent time ÷ staffed agent time (for chat, an agent with at least one chat is busy); **slot utilisation** is chat slots in use ÷ slots offered. Figures with ± are the mean over the replications and the half-width of its 95 % interval.");
        md.AppendLine();

        md.AppendLine("## The day");
        md.AppendLine();
        md.AppendLine("| Channel | Goal | Contacts | Agent-hours (required FTE × hours) | with shrinkage | Peak required FTE | with shrinkage | Erlang C agent-hours | Avg occupancy | Avg slot utilisation | Avg handle time |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in result.Channels)
        {
            var hours = AgentHours(result, line);
            var erlang = line.ErlangC.All(e => e is not null) ? (line.ErlangC.Sum(e => e!.Value) * plan.Interval.TotalHours).ToString("F1", CultureInfo.InvariantCulture) : "–";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {line.Label} | {StaffingPlan.Describe(line.Channel.Goal)} | {line.Channel.Contacts.Sum():N0} | {hours:F1} | {WithShrinkage(plan, hours):F1} | " +
                $"{line.Intervals.Max(a => a.Agents)} | {WithShrinkage(plan, line.Intervals.Max(a => a.Agents)):F1} | {erlang} | {Percent(Weighted(line, a => a.Occupancy, byAgents: true))} | {Percent(Weighted(line, a => a.SlotUtilisation, byAgents: true))} | {Seconds(Weighted(line, a => a.AverageHandleTime))} |");
        }

        md.AppendLine();
        foreach (var group in result.Channels.GroupBy(l => l.Channel).Where(g => g.Count() > 1))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {RoutingChannels.Name(group.Key.Channel)}: what each extra unit of concurrency buys and costs");
            md.AppendLine();
            md.AppendLine("| Concurrency | Agent-hours | Saved vs one less | FTE-hours saved with shrinkage | Avg handle time | Handle time added vs one less | Avg occupancy | Avg slot utilisation |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            StaffedChannel? previous = null;
            foreach (var line in group.OrderBy(l => l.Concurrency))
            {
                var hours = AgentHours(result, line);
                var aht = Weighted(line, a => a.AverageHandleTime);
                var saved = previous is null ? "–" : (AgentHours(result, previous) - hours).ToString("F1", CultureInfo.InvariantCulture);
                var savedShrunk = previous is null ? "–" : WithShrinkage(plan, AgentHours(result, previous) - hours).ToString("F1", CultureInfo.InvariantCulture);
                var added = previous is null || aht is null || Weighted(previous, a => a.AverageHandleTime) is not { } before ? "–" : $"{aht - before:+0.0;-0.0} s";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {line.Concurrency} | {hours:F1} | {saved} | {savedShrunk} | {Seconds(aht)} | {added} | {Percent(Weighted(line, a => a.Occupancy, byAgents: true))} | {Percent(Weighted(line, a => a.SlotUtilisation, byAgents: true))} |");
                previous = line;
            }

            md.AppendLine();
        }

        md.AppendLine("![required agents](charts/required-agents.svg)");
        md.AppendLine();
        md.AppendLine("## By interval");
        md.AppendLine();
        foreach (var line in result.Channels)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{line.Label} — {StaffingPlan.Describe(line.Channel.Goal)}</summary>");
            md.AppendLine();
            md.AppendLine("| from | contacts | required FTE | with shrinkage | Erlang C | service level | abandonment | occupancy | slot utilisation | avg handle time | avg wait |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (var i = 0; i < line.Intervals.Count; i++)
            {
                var a = line.Intervals[i];
                md.AppendLine(CultureInfo.InvariantCulture, $"| {result.IntervalStart(i):HH:mm} | {line.Channel.Contacts[i]:0.#} | {a.Agents} | {WithShrinkage(plan, a.Agents):F1} | {(line.ErlangC[i] is { } e ? e.ToString(CultureInfo.InvariantCulture) : "–")} | " +
                    $"{ReplicationReport.Format(a.ServiceLevel, FigureKind.Share)} | {ReplicationReport.Format(a.Abandonment, FigureKind.Share)} | {ReplicationReport.Format(a.Occupancy, FigureKind.Share)} | {ReplicationReport.Format(a.SlotUtilisation, FigureKind.Share)} | " +
                    $"{ReplicationReport.Format(a.AverageHandleTime, FigureKind.Seconds)} | {ReplicationReport.Format(a.AverageWait, FigureKind.Seconds)} |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }

        return md.ToString();
    }

    public static string Json(StaffingResult result)
    {
        var plan = result.Plan;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("name", plan.Name);
            w.WriteNumber("seed", plan.Seed);
            w.WriteNumber("intervalMinutes", plan.Interval.TotalMinutes);
            w.WriteNumber("shrinkage", plan.Shrinkage);
            w.WriteNumber("replications", plan.Settings.Replications);
            w.WriteStartArray("concurrencyCurve");
            foreach (var f in plan.Curve.Factors)
            {
                w.WriteNumberValue(f);
            }

            w.WriteEndArray();
            w.WriteStartArray("channels");
            foreach (var line in result.Channels)
            {
                w.WriteStartObject();
                w.WriteString("channel", RoutingChannels.Name(line.Channel.Channel));
                w.WriteNumber("concurrency", line.Concurrency);
                w.WriteString("goal", StaffingPlan.Describe(line.Channel.Goal));
                var hours = AgentHours(result, line);
                w.WriteNumber("agentHours", Math.Round(hours, 3));
                w.WriteNumber("agentHoursWithShrinkage", Math.Round(WithShrinkage(plan, hours), 3));
                w.WriteStartArray("intervals");
                for (var i = 0; i < line.Intervals.Count; i++)
                {
                    var a = line.Intervals[i];
                    w.WriteStartObject();
                    w.WriteString("from", result.IntervalStart(i));
                    w.WriteNumber("forecastContacts", line.Channel.Contacts[i]);
                    w.WriteNumber("requiredFte", a.Agents);
                    w.WriteNumber("requiredFteWithShrinkage", Math.Round(WithShrinkage(plan, a.Agents), 3));
                    if (line.ErlangC[i] is { } e)
                    {
                        w.WriteNumber("erlangC", e);
                    }

                    WriteEstimate(w, "serviceLevel", a.ServiceLevel);
                    WriteEstimate(w, "abandonmentRate", a.Abandonment);
                    WriteEstimate(w, "occupancy", a.Occupancy);
                    WriteEstimate(w, "slotUtilisation", a.SlotUtilisation);
                    WriteEstimate(w, "averageHandleSeconds", a.AverageHandleTime);
                    WriteEstimate(w, "averageWaitSeconds", a.AverageWait);
                    w.WriteNumber("agentCountsTried", a.Evaluations);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Chart(StaffingResult result)
    {
        var start = result.IntervalStart(0);
        var end = result.IntervalStart(result.Channels[0].Intervals.Count);
        var series = new List<ChartSeries>();
        foreach (var (line, color) in result.Channels.Select((l, i) => (l, i)))
        {
            series.Add(new ChartSeries($"{line.Label} (simulation)", line.Intervals.Select((a, i) => (result.IntervalStart(i), (double?)a.Agents)).ToList(), color));
            if (line.ErlangC.Any(e => e is not null))
            {
                series.Add(new ChartSeries($"{line.Label} (Erlang C)", line.ErlangC.Select((e, i) => (result.IntervalStart(i), (double?)e)).ToList(), color, Dashed: true));
            }
        }

        return SvgChart.Render("Required FTE per interval (before shrinkage)", "agents", start, end, series, [], percent: false);
    }

    /// <summary>A day's figure from the intervals': weighted by contacts (handle time), or by agents (occupancy: busy ÷ staffed time).</summary>
    private static double? Weighted(StaffedChannel line, Func<StaffingAnswer, Estimate?> figure, bool byAgents = false)
    {
        double sum = 0, weight = 0;
        for (var i = 0; i < line.Intervals.Count; i++)
        {
            if (figure(line.Intervals[i]) is { } e)
            {
                var w = byAgents ? line.Intervals[i].Agents : line.Channel.Contacts[i];
                sum += e.Mean * w;
                weight += w;
            }
        }

        return weight > 0 ? sum / weight : null;
    }

    private static void WriteEstimate(Utf8JsonWriter w, string name, Estimate? estimate)
    {
        if (estimate is not { } e)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("mean", Math.Round(e.Mean, 4));
        if (e.HalfWidth is { } h)
        {
            w.WriteNumber("halfWidth", Math.Round(h, 4));
        }

        w.WriteEndObject();
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Seconds(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + " s" : "–";
}
