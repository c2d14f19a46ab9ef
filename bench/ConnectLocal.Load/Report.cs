using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ConnectLocal.Load;

/// <summary>One workload on one target: its maximum-throughput run and, where asked, the run at half that rate.</summary>
public sealed record WorkloadResult(
    string Name,
    string Target,
    string Description,
    RunStats Max,
    RunStats? HalfRate,
    double? PeakRssMb,
    double? RatioToCeiling,
    double? RatioToMoto,
    double? CpuRatioToCeiling = null);

/// <summary>Process start to the first 200 answer, and to the first accepted connection (the rest is the first request).</summary>
public sealed record StartupFigure(string What, double Milliseconds, double? ListeningMs);

/// <summary>The read and write workloads with <see cref="StoredProfiles"/> routing profiles in one instance.</summary>
public sealed record ScalingResult(
    int StoredProfiles,
    double SeedSeconds,
    double SeedRequestsPerSecond,
    double? PeakRssDuringSeedMb,
    double? PeakRssMb,
    WorkloadResult Read,
    WorkloadResult Write,
    RunStats ReadAtFixedRate,
    RunStats WriteAtFixedRate);

public sealed record TargetCheck(string Target, string Measured, bool Met, string Note);

public sealed record MachineInfo(
    string Cpu,
    int LogicalCores,
    double MemoryGb,
    string Os,
    string Runtime,
    string LoadAverageAtStart,
    string LoadAverageAtEnd,
    string DataDirectoryFileSystem,
    string Commit);

public sealed record HarnessSettings(int Concurrency, double DurationSeconds, double WarmupSeconds, IReadOnlyList<int> Scales, string ServerDll, string Command);

public sealed record Report(
    string Kind,
    DateTimeOffset StartedAt,
    double TotalSeconds,
    MachineInfo Machine,
    HarnessSettings Settings,
    IReadOnlyList<StartupFigure> Startup,
    IReadOnlyList<WorkloadResult> Workloads,
    IReadOnlyList<ScalingResult> Scaling,
    IReadOnlyList<TargetCheck> Targets,
    IReadOnlyList<string> Notes);

/// <summary>Writes report.json, report.md and report.svg (the chart) into one directory.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static void Write(Report report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, JsonOptions));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(report));
        File.WriteAllText(Path.Combine(directory, "report.svg"), Chart.Svg(report));
    }

    public static MachineInfo Machine(string loadAtStart, string dataDirectory, string repoRoot)
    {
        string Cpu()
        {
            try
            {
                return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
            }
            catch (IOException)
            {
                return "unknown";
            }
        }

        double MemoryGb()
        {
            try
            {
                var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1);
            }
            catch (IOException)
            {
                return 0;
            }
        }

        return new MachineInfo(Cpu(), Environment.ProcessorCount, MemoryGb(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            loadAtStart, LoadAverage(), FileSystemOf(dataDirectory), Commit(repoRoot));
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string FileSystemOf(string path)
    {
        try
        {
            var best = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2 && path.StartsWith(f[1], StringComparison.Ordinal))
                .MaxBy(f => f[1].Length);
            return best is null ? "unknown" : $"{best[2]} ({best[1]})";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Commit(string repoRoot)
    {
        try
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", repoRoot, "describe", "--always", "--dirty"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            var text = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string F(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value is { } v ? (v >= 10 ? $"{v:0}×" : $"{v:0.00}×") : "";

    private static string Markdown(Report r)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# ConnectLocal load harness — {r.Kind} run");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Started {r.StartedAt:yyyy-MM-dd HH:mm} UTC, took {r.TotalSeconds:0} s. Command: `{r.Settings.Command}`.");
        s.AppendLine();
        s.AppendLine(FormattableString.Invariant($"Machine: {r.Machine.Cpu}, {r.Machine.LogicalCores} logical cores, {r.Machine.MemoryGb} GB; {r.Machine.Os}; {r.Machine.Runtime}. ")
            + FormattableString.Invariant($"Load average at start {r.Machine.LoadAverageAtStart}, at end {r.Machine.LoadAverageAtEnd} (the cores are shared). Data directory on {r.Machine.DataDirectoryFileSystem}. Commit {r.Machine.Commit}."));
        s.AppendLine();
        s.AppendLine(FormattableString.Invariant($"Load: {r.Settings.Concurrency} keep-alive connections, {r.Settings.WarmupSeconds} s warm-up + {r.Settings.DurationSeconds} s per maximum-throughput run; ")
            + "the half-rate run is open-loop at half the measured maximum. Latencies in milliseconds; peak RSS is the server's VmHWM during the workload. "
            + "Server CPU µs/req is the server process's CPU time over the maximum-throughput run divided by its answered requests; "
            + "\"vs Kestrel by CPU\" is the bare endpoint's CPU per request over the workload's (the share of the ceiling it would reach with the cores to itself); "
            + "\"others' CPU\" is the share of the machine's two cores used meanwhile by processes other than the server and the generator.");
        s.AppendLine();

        s.AppendLine("## Targets");
        s.AppendLine();
        s.AppendLine("| target | measured | met | note |");
        s.AppendLine("|---|---|---|---|");
        foreach (var t in r.Targets)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {t.Target} | {t.Measured} | {(t.Met ? "yes" : "**no**")} | {t.Note} |");
        }

        s.AppendLine();
        s.AppendLine("## Workloads");
        s.AppendLine();
        s.AppendLine("| workload | server | req/s | p50 | p99 | p99.9 | errors | vs Kestrel `{}` | vs moto | half-rate req/s | p50 | p99 | p99.9 | peak RSS MB | server CPU µs/req | vs Kestrel by CPU | others' CPU |");
        s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var w in r.Workloads)
        {
            var h = w.HalfRate;
            s.AppendLine(
                FormattableString.Invariant($"| {w.Name} | {w.Target} | {F(w.Max.Throughput)} | {w.Max.Latency.P50Ms:0.00} | {w.Max.Latency.P99Ms:0.00} | {w.Max.Latency.P999Ms:0.00} | {w.Max.Errors + (h?.Errors ?? 0)} | ")
                + FormattableString.Invariant($"{Ratio(w.RatioToCeiling)} | {Ratio(w.RatioToMoto)} | {(h is null ? "" : F(h.Throughput))} | {(h is null ? "" : h.Latency.P50Ms.ToString("0.00", CultureInfo.InvariantCulture))} | ")
                + FormattableString.Invariant($"{(h is null ? "" : h.Latency.P99Ms.ToString("0.00", CultureInfo.InvariantCulture))} | {(h is null ? "" : h.Latency.P999Ms.ToString("0.00", CultureInfo.InvariantCulture))} | {w.PeakRssMb?.ToString("0", CultureInfo.InvariantCulture)} | ")
                + FormattableString.Invariant($"{w.Max.Cpu.ServerUsPerRequest:0} | {Ratio(w.CpuRatioToCeiling)} | {w.Max.Cpu.OtherShare:P0} |"));
        }

        s.AppendLine();
        foreach (var w in r.Workloads)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- **{w.Name}** ({w.Target}): {w.Description}.");
        }

        if (r.Scaling.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Scaling (stored routing profiles in one instance)");
            s.AppendLine();
            s.AppendLine("| stored | seed s | seed creates/s | read req/s | read p50 @ fixed rate | read p99 @ fixed rate | write req/s | write p50 @ fixed rate | write p99 @ fixed rate | fixed rates (read / write) | peak RSS MB (seeding / runs) |");
            s.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var x in r.Scaling)
            {
                s.AppendLine(
                    FormattableString.Invariant($"| {F(x.StoredProfiles)} | {x.SeedSeconds:0.0} | {F(x.SeedRequestsPerSecond)} | {F(x.Read.Max.Throughput)} | {x.ReadAtFixedRate.Latency.P50Ms:0.000} | {x.ReadAtFixedRate.Latency.P99Ms:0.00} | ")
                    + FormattableString.Invariant($"{F(x.Write.Max.Throughput)} | {x.WriteAtFixedRate.Latency.P50Ms:0.000} | {x.WriteAtFixedRate.Latency.P99Ms:0.00} | {F(x.ReadAtFixedRate.TargetRate)} / {F(x.WriteAtFixedRate.TargetRate)} | ")
                    + FormattableString.Invariant($"{x.PeakRssDuringSeedMb:0} / {x.PeakRssMb:0} |"));
            }
        }

        s.AppendLine();
        s.AppendLine("## Start to first answered request");
        s.AppendLine();
        s.AppendLine("| start | first answer, ms | listening, ms |");
        s.AppendLine("|---|--:|--:|");
        foreach (var st in r.Startup)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {st.What} | {st.Milliseconds:0} | {st.ListeningMs:0} |");
        }

        if (r.Notes.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Notes");
            s.AppendLine();
            foreach (var n in r.Notes)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
            }
        }

        var errors = r.Workloads.Concat(r.Scaling.SelectMany(x => new[] { x.Read, x.Write }))
            .SelectMany(w => w.Max.ErrorSamples.Concat(w.HalfRate?.ErrorSamples ?? []).Select(e => $"{w.Name} ({w.Target}): {e}")).ToList();
        if (errors.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Error samples");
            s.AppendLine();
            foreach (var e in errors)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"- `{e.Replace('`', '\'')}`");
            }
        }

        s.AppendLine();
        s.AppendLine("![chart](report.svg)");
        return s.ToString();
    }
}
