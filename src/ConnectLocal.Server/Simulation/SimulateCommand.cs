using System.Diagnostics;
using System.Globalization;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>
/// <c>connectlocal simulate SCENARIO.json|.yaml [--out DIR] [--quiet]</c>: runs a what-if scenario and writes its report.
/// </summary>
internal static class SimulateCommand
{
    public const string Usage = """
          simulate SCENARIO.json|SCENARIO.yaml
                          replay a day of traffic against a configuration in virtual time (docs/routing.md)
            --out DIR       where to write result.json, report.md and charts/*.svg
                            (default: SCENARIO's name without extension, plus "-results", beside it)
            --quiet         no progress bar
            --replications N
                            run N independent replications (seeds derived from the scenario's) in parallel
                            across the cores; every figure then carries its 95 % confidence interval
            --export-contacts FILE.csv
                            write the contact records of the run (of replication 0): arrival, queue, channel,
                            handle time, abandoned after — the CSV a scenario's "contactRecords" replays
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        string? path = null;
        string? output = null;
        var quiet = false;
        var replications = 1;
        string? export = null;
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
                case "--export-contacts" when i + 1 < args.Count:
                    export = args[++i];
                    break;
                case "--replications" when i + 1 < args.Count:
                    if (!int.TryParse(args[++i], System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out replications) || replications is < 1 or > 10_000)
                    {
                        Console.Error.WriteLine($"connectlocal simulate: --replications takes a number from 1 to 10000, not '{args[i]}'");
                        return 2;
                    }

                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && path is null:
                    path = a;
                    break;
                default:
                    Console.Error.WriteLine($"connectlocal simulate: unexpected argument '{args[i]}'\n\nusage:\n{Usage}");
                    return 2;
            }
        }

        if (path is null)
        {
            Console.Error.WriteLine($"connectlocal simulate: give a scenario file\n\nusage:\n{Usage}");
            return 2;
        }

        output ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + "-results");
        try
        {
            var scenario = Scenario.Load(path);
            if (replications > 1)
            {
                return RunReplications(scenario, replications, output, quiet, export);
            }

            using var runner = new ScenarioRunner { RecordContacts = export is not null };
            var bar = quiet ? null : new ProgressBar(scenario);
            var run = runner.Run(scenario, quiet ? null : message => Console.Error.WriteLine(message), bar is null ? null : bar.Report);
            bar?.Done();
            SimulationReport.Write(run, output);
            Export(run, export);
            foreach (var change in run.Result.Changes.Where(c => c.Error is not null))
            {
                Console.Error.WriteLine($"warning: {change.At:HH:mm} {change.Label} was refused: {change.Error}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Result.ContactsArrived:N0} contacts, {run.Result.Offers:N0} routing decisions in {run.RunTime.TotalSeconds:F2} s " +
                $"({run.Result.Offers / Math.Max(1e-9, run.RunTime.TotalSeconds):N0}/s; set-up through the API {run.SetupTime.TotalSeconds:F2} s, {run.ApiCalls:N0} calls)"));
            Console.WriteLine($"wrote {Path.Combine(output, "report.md")}, {Path.Combine(output, "result.json")} and {Path.Combine(output, "charts")}/");
            return 0;
        }
        catch (ScenarioException e)
        {
            Console.Error.WriteLine($"connectlocal simulate: {e.Message}");
            return 1;
        }
        catch (ConnectLocal.Model.Metadata.ServiceErrorException e)
        {
            Console.Error.WriteLine($"connectlocal simulate: setting the scenario up failed: {e.Code}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// N replications, each set up through the API on its own in-memory instance (so timeline calls work as in a single
    /// run) and run with its own seed, in parallel across the cores.
    /// </summary>
    private static void Export(ScenarioRun run, string? path)
    {
        if (path is not null && run.Records is { } records)
        {
            File.WriteAllText(path, ContactRecordsCsv.Write(records));
            Console.WriteLine($"wrote {records.Count:N0} contact records to {path}");
        }
    }

    private static int RunReplications(Scenario scenario, int replications, string output, bool quiet, string? export)
    {
        var watch = Stopwatch.StartNew();
        var done = 0;
        if (!quiet)
        {
            Console.Error.WriteLine($"{replications} replications of {scenario.Name} on {Environment.ProcessorCount} core(s)");
        }

        var runs = RunAll(scenario, replications, export is not null, () =>
        {
            var finished = Interlocked.Increment(ref done);
            if (!quiet)
            {
                Console.Error.Write($"\r{finished}/{replications} replications done, {watch.Elapsed.TotalSeconds:F1} s");
            }
        });
        if (!quiet)
        {
            Console.Error.WriteLine();
        }

        var result = ReplicatedResult.Of(runs.Select(r => r.Result).ToList());
        ReplicationReport.Write(scenario, result, runs, output);
        Export(runs[0], export);
        foreach (var change in runs[0].Result.Changes.Where(c => c.Error is not null))
        {
            Console.Error.WriteLine($"warning: {change.At:HH:mm} {change.Label} was refused: {change.Error}");
        }

        var wide = ReplicationReport.TooWide(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{replications} replications, {runs.Sum(r => r.Result.ContactsArrived):N0} contacts in {watch.Elapsed.TotalSeconds:F2} s; {(wide.Count == 0 ? "every 95 % interval is narrow enough to trust" : $"{wide.Count} interval(s) too wide to trust (see report.md)")}"));
        Console.WriteLine($"wrote {Path.Combine(output, "report.md")}, {Path.Combine(output, "result.json")} and {Path.Combine(output, "charts")}/");
        return 0;
    }

    /// <summary>Runs the scenario's replications in parallel (replication 0 is the scenario's own seed).</summary>
    internal static IReadOnlyList<ScenarioRun> RunAll(Scenario scenario, int replications, bool recordFirst = false, Action? finished = null) =>
        Replications.Run(replications, scenario.Seed, (r, seed) =>
        {
            using var runner = new ScenarioRunner { RecordContacts = recordFirst && r == 0 };
            var run = runner.Run(scenario with { Seed = seed });
            finished?.Invoke();
            return run;
        });

    /// <summary>A one-line bar on stderr, redrawn at most ten times a second, showing the simulated time reached.</summary>
    private sealed class ProgressBar(Scenario scenario)
    {
        private const int Width = 40;
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private long _lastDraw = -1000;

        public void Report(double fraction)
        {
            if (_since.ElapsedMilliseconds - _lastDraw < 100 && fraction < 1)
            {
                return;
            }

            _lastDraw = _since.ElapsedMilliseconds;
            var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width);
            var simulated = scenario.Start + ((scenario.End - scenario.Start) * Math.Clamp(fraction, 0, 1));
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:F0} %  simulated {(int)simulated.TotalHours:D2}:{simulated.Minutes:D2}  {_since.Elapsed.TotalSeconds:F1} s"));
        }

        public void Done() => Console.Error.WriteLine();
    }
}
