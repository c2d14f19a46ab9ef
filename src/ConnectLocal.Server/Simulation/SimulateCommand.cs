using System.Diagnostics;
using System.Globalization;

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
        """;

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
            using var runner = new ScenarioRunner();
            var bar = quiet ? null : new ProgressBar(scenario);
            var run = runner.Run(scenario, quiet ? null : message => Console.Error.WriteLine(message), bar is null ? null : bar.Report);
            bar?.Done();
            SimulationReport.Write(run, output);
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
