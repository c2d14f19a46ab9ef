using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using ConnectLocal.Load.Http;

namespace ConnectLocal.Load;

/// <summary>
/// The whole run, in one process and one sitting so that every ratio compares figures taken minutes apart on the
/// same machine: the bare Kestrel ceiling, moto, ConnectLocal's workloads, start-up, and the scaling runs.
/// </summary>
internal sealed class Harness(Options options, string repoRoot, string command)
{
    private const string Kestrel = "kestrel";
    private const string Moto = "moto";
    private const string ConnectLocal = "connectlocal";

    private readonly SigV4Signer _signer = new("secret");
    private readonly List<WorkloadResult> _results = [];
    private readonly List<ScalingResult> _scaling = [];
    private readonly List<StartupFigure> _startup = [];
    private readonly List<string> _notes = [];
    private readonly List<(string Check, bool? Passed)> _checks = [];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "connectlocal-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private string _logPath = "";

    public async Task<int> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = ReportWriter.LoadAverage();
        Directory.CreateDirectory(options.OutDirectory);
        Directory.CreateDirectory(_work);
        _logPath = Path.Combine(options.OutDirectory, "servers.log");
        File.WriteAllText(_logPath, "");

        SigV4Signer.SelfTest();
        _checks.Add(("SigV4 signer matches botocore", true));
        Log($"harness: {(options.Smoke ? "smoke" : "full")} run, {options.Concurrency} connections, {options.Duration.TotalSeconds} s per run; output {options.OutDirectory}");

        try
        {
            if (options.Runs("Ceiling"))
            {
                await PhaseAsync("bare Kestrel", () => CeilingAsync(again: false)).ConfigureAwait(false);
            }

            if (options.Moto != "none" && (options.Runs("DescribeInstance") || options.Runs("CreateInstance")))
            {
                await PhaseAsync("moto", MotoAsync).ConfigureAwait(false);
            }

            await PhaseAsync("ConnectLocal workloads", ConnectLocalAsync).ConfigureAwait(false);

            if (options.Runs("Ceiling"))
            {
                // Again after the workloads: this machine's speed drifts by tens of percent over minutes (shared
                // host), and ratios are to the mean of the two.
                await PhaseAsync("bare Kestrel again", () => CeilingAsync(again: true)).ConfigureAwait(false);
            }

            if (options.Endpoint is null && options.Runs("Scaling"))
            {
                await PhaseAsync("scaling", ScalingAsync).ConfigureAwait(false);
            }

            if (options.Endpoint is null && options.Runs("RoutingScaling"))
            {
                await PhaseAsync("routing scaling", RoutingScalingAsync).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        Ratios();
        var report = new Report(
            options.Smoke ? "smoke" : "full",
            started,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            ReportWriter.Machine(loadAtStart, Path.GetTempPath(), repoRoot),
            new HarnessSettings(options.Concurrency, options.Duration.TotalSeconds, options.Warmup.TotalSeconds, options.Scales, options.ServerDll, command),
            _startup,
            _results,
            _scaling,
            Targets(),
            _notes);
        ReportWriter.Write(report, options.OutDirectory);
        _checks.Add(("report written", File.Exists(Path.Combine(options.OutDirectory, "report.svg"))));
        Log($"report: {Path.Combine(options.OutDirectory, "report.md")} (+ .json, .svg), {report.TotalSeconds:0} s");
        foreach (var t in report.Targets)
        {
            Log($"target: {(t.Met ? "met   " : "MISSED")} {t.Target}: {t.Measured}");
        }

        return Verdict();
    }

    /// <summary>A phase that fails (a setup call refused, a server that did not start) is a failed check and a note; the others still run and the report is still written.</summary>
    private async Task PhaseAsync(string name, Func<Task> phase)
    {
        try
        {
            await phase().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            _checks.Add(($"phase {name}", false));
            _notes.Add($"The {name} phase failed: {e.Message}");
            Log($"FAILED: phase {name}: {e}");
        }
    }

    private async Task CeilingAsync(bool again)
    {
        var dll = typeof(Harness).Assembly.Location;
        using var server = ServerProcess.Start(Kestrel, _logPath, "dotnet", dll, "ceiling-server", "--port", "{port}");
        var ms = await server.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (!again)
        {
            _startup.Add(new StartupFigure("bare Kestrel {} (reference)", Math.Round(ms), server.ListeningAfterMs));
        }

        var workload = Workloads.Ceiling();
        _results.Add(await MeasureAsync(server.Target, again ? workload with { Name = workload.Name + " (after)" } : workload, halfRate: true).ConfigureAwait(false));
    }

    private async Task MotoAsync()
    {
        ServerProcess server;
        try
        {
            server = ServerProcess.Start(Moto, _logPath, options.Moto, "-p", "{port}");
        }
        catch (Win32Exception e)
        {
            Skip("moto", $"moto's server ({options.Moto}) could not be started: {e.Message}");
            return;
        }

        using (server)
        {
            double ms;
            try
            {
                ms = await server.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Skip("moto", $"moto's server ({options.Moto}) did not answer: {e.Message}");
                return;
            }

            _startup.Add(new StartupFigure("moto_server (reference)", Math.Round(ms), server.ListeningAfterMs));
            var motoServer = server.Target;
            string instanceId;
            using (var client = new ConnectClient(motoServer, _signer))
            {
                instanceId = await Setup.CreateInstanceAsync(client, "123456789012", "bench-describe").ConfigureAwait(false);
            }

            if (options.Runs("DescribeInstance"))
            {
                _results.Add(await MeasureAsync(motoServer, Workloads.DescribeInstance("123456789012", instanceId), halfRate: false).ConfigureAwait(false));
            }

            if (options.Runs("CreateInstance"))
            {
                _results.Add(await MeasureAsync(motoServer, Workloads.CreateInstance(), halfRate: false).ConfigureAwait(false));
            }
        }
    }

    private async Task ConnectLocalAsync()
    {
        ServerProcess? server = null;
        Target target;
        var dataDirectory = Path.Combine(_work, "main");
        if (options.EndpointAddress is { } endpoint)
        {
            target = new Target(ConnectLocal, endpoint, options.ServerPid);
        }
        else
        {
            server = StartConnectLocal(dataDirectory);
            var ms = await server.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            _startup.Add(new StartupFigure("ConnectLocal, empty data directory", Math.Round(ms), server.ListeningAfterMs));
            target = server.Target;
        }

        try
        {
            await ConnectLocalWorkloadsAsync(target).ConfigureAwait(false);

            if (server is not null)
            {
                server.Dispose();
                server = StartConnectLocal(dataDirectory);
                var ms = await server.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                _startup.Add(new StartupFigure("ConnectLocal, restart on the data written by the workloads", Math.Round(ms), server.ListeningAfterMs));
            }
        }
        finally
        {
            server?.Dispose();
        }
    }

    private async Task ConnectLocalWorkloadsAsync(Target target)
    {
        var parallelism = options.Smoke ? 2 : 8;
        var setup = Stopwatch.StartNew();
        var profiles = await Setup.ProfilesAsync(target, _signer, "111111111111", "bench-rp", options.Profiles, parallelism).ConfigureAwait(false);
        Log($"setup: {options.Profiles} routing profiles in {setup.Elapsed.TotalSeconds:0.0} s");

        if (options.Runs("UpdateRoutingProfileConcurrency"))
        {
            _results.Add(await MeasureAsync(target, Workloads.UpdateConcurrency(profiles), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("UpdateTrafficDistribution"))
        {
            var (account, groups) = await Setup.TrafficDistributionGroupsAsync(target, _signer, "444444444444", options.Groups).ConfigureAwait(false);
            _results.Add(await MeasureAsync(target, Workloads.UpdateDistribution(account, groups), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("DescribeRoutingProfile"))
        {
            _results.Add(await MeasureAsync(target, Workloads.DescribeProfile(profiles), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("ListRoutingProfiles"))
        {
            var list = await Setup.ProfilesAsync(target, _signer, "222222222222", "bench-list", options.ListProfiles, parallelism).ConfigureAwait(false);
            _results.Add(await MeasureAsync(target, Workloads.ListProfiles(list), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("SearchRoutingProfiles"))
        {
            setup.Restart();
            var worlds = new List<ProfileWorld>();
            for (var i = 0; i < options.SearchInstances; i++)
            {
                worlds.Add(await Setup.ProfilesAsync(target, _signer, "333333333333", $"bench-search-{i}", options.SearchProfiles, parallelism).ConfigureAwait(false));
            }

            Log($"setup: {options.SearchInstances} × {options.SearchProfiles} routing profiles in {setup.Elapsed.TotalSeconds:0.0} s");
            _results.Add(await MeasureAsync(target, Workloads.SearchProfiles(worlds), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("Mixed"))
        {
            _results.Add(await MeasureAsync(target, Workloads.Mixed(profiles), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("DescribeInstance"))
        {
            string instanceId;
            using (var client = new ConnectClient(target, _signer))
            {
                instanceId = await Setup.CreateInstanceAsync(client, "555555555555", "bench-describe").ConfigureAwait(false);
            }

            _results.Add(await MeasureAsync(target, Workloads.DescribeInstance("555555555555", instanceId), halfRate: true).ConfigureAwait(false));
        }

        if (options.Runs("CreateInstance"))
        {
            _results.Add(await MeasureAsync(target, Workloads.CreateInstance(), halfRate: true).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// For each size: a fresh server, N profiles created through the API, then the read and write workloads at
    /// maximum throughput and at one fixed rate shared by every size (half the first size's maximum), so p50s
    /// compare like with like; peak RSS over those runs (seeding's peak reported beside it). The runs use the
    /// server that did the seeding, warm as a server in use is; a restart afterwards gives the start-up time with
    /// N profiles stored.
    /// </summary>
    private async Task ScalingAsync()
    {
        double? readRate = null, writeRate = null;
        foreach (var n in options.Scales)
        {
            var dataDirectory = Path.Combine(_work, $"scale-{n}");
            using (var server = StartConnectLocal(dataDirectory))
            {
                await server.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                // Every instance starts with its default routing profile: N stored means N - 1 created.
                var world = await Setup.ProfilesAsync(server.Target, _signer, "777777777777", "bench-scale", n - 1, options.Smoke ? 2 : 8).ConfigureAwait(false);
                var seedSeconds = clock.Elapsed.TotalSeconds;
                var seedPeak = ProcessMemory.PeakMb(server.Pid);
                Log($"scaling: seeded {n - 1:N0} routing profiles in {seedSeconds:0.0} s ({(n - 1) / seedSeconds:N0}/s), peak RSS {seedPeak} MB");

                ProcessMemory.ResetPeak(server.Pid);
                var readWorkload = Workloads.Random(world, write: false, stored: n);
                var writeWorkload = Workloads.Random(world, write: true, stored: n);
                var read = await MeasureAsync(server.Target, readWorkload, halfRate: false, resetPeak: false).ConfigureAwait(false);
                var write = await MeasureAsync(server.Target, writeWorkload, halfRate: false, resetPeak: false).ConfigureAwait(false);
                readRate ??= read.Max.Throughput / 2;
                writeRate ??= write.Max.Throughput / 2;
                var readFixed = await LoadGenerator.RunAtRateAsync(server.Target, readWorkload, _signer, options.Concurrency, readRate.Value, options.RateWarmup, options.RateDuration).ConfigureAwait(false);
                var writeFixed = await LoadGenerator.RunAtRateAsync(server.Target, writeWorkload, _signer, options.Concurrency, writeRate.Value, options.RateWarmup, options.RateDuration).ConfigureAwait(false);
                Check($"{readWorkload.Name} at fixed rate", readFixed);
                Check($"{writeWorkload.Name} at fixed rate", writeFixed);
                var peak = ProcessMemory.PeakMb(server.Pid);
                Log($"scaling: {n:N0}: read p50 {readFixed.Latency.P50Ms} ms, write p50 {writeFixed.Latency.P50Ms} ms at fixed rates {readRate:N0}/{writeRate:N0}, peak RSS {peak} MB");
                _scaling.Add(new ScalingResult(n, Math.Round(seedSeconds, 1), Math.Round((n - 1) / seedSeconds), seedPeak, peak, read, write, readFixed, writeFixed));
            }

            using (var restarted = StartConnectLocal(dataDirectory))
            {
                var ms = await restarted.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                _startup.Add(new StartupFigure($"ConnectLocal, restart with {n:N0} stored routing profiles", Math.Round(ms), restarted.ListeningAfterMs));
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The data-plane operations at growing instance sizes, each point on a fresh server seeded through the API:
    /// agents (all Available) and then task contacts held by the routing engine. A call should cost its answer, not
    /// the instance, so the p50s should stay flat from the first point to the last.
    /// </summary>
    private async Task RoutingScalingAsync()
    {
        var points = options.Smoke ? new[] { (Users: 5, Contacts: 0), (Users: 20, Contacts: 50) } : [(10, 0), (10_000, 0), (10_000, 100_000)];
        foreach (var (users, contacts) in points)
        {
            using var server = StartConnectLocal(Path.Combine(_work, $"routing-{users}-{contacts}"));
            await server.WaitForFirstAnswerAsync(_signer, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var world = await Setup.AgentsAsync(server.Target, _signer, "888888888888", "bench-agents", users, contacts, options.Smoke ? 2 : 8).ConfigureAwait(false);
            var point = $"{users:N0} users, {contacts:N0} contacts";
            Log($"routing scaling: seeded {point} in {clock.Elapsed.TotalSeconds:0.0} s, peak RSS {ProcessMemory.PeakMb(server.Pid)} MB");
            _results.Add(await MeasureAsync(server.Target, Workloads.CurrentUserData(world, point), halfRate: false).ConfigureAwait(false));
            _results.Add(await MeasureAsync(server.Target, Workloads.PutUserStatus(world, point), halfRate: false).ConfigureAwait(false));
            if (contacts > 0)
            {
                _results.Add(await MeasureAsync(server.Target, Workloads.DescribeContact(world, point), halfRate: false).ConfigureAwait(false));
            }
        }
    }

    private ServerProcess StartConnectLocal(string dataDirectory)
    {
        if (!File.Exists(options.ServerDll))
        {
            throw new FileNotFoundException($"the server is not built: {options.ServerDll} (dotnet build src/ConnectLocal.Server -c Release)");
        }

        return ServerProcess.Start(ConnectLocal, _logPath, "dotnet", options.ServerDll, "serve", "--port", "{port}", "--data-dir", dataDirectory);
    }

    /// <summary>
    /// Runs the workload, unrecorded, until the server's tiered compiler has nothing left to do for it: two-second
    /// rounds until one in which the compiler thread used under 2 % of the time (at most 30 s). On two busy cores
    /// a fresh server spends its first 10–20 s of load recompiling its hot paths, and a figure taken meanwhile
    /// measures the JIT. Not for moto (no such thread: the first round ends it).
    /// </summary>
    private async Task WarmUntilCompiledAsync(Target target, Workload workload)
    {
        if (target.Pid is not { } pid)
        {
            return;
        }

        var round = options.Smoke ? TimeSpan.FromSeconds(0.1) : TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var before = CpuSample.JitSeconds(pid);
            await LoadGenerator.RunMaxAsync(target, workload, _signer, options.Concurrency, TimeSpan.Zero, round).ConfigureAwait(false);
            if (CpuSample.JitSeconds(pid) - before < round.TotalSeconds * 0.02)
            {
                return;
            }
        }

        _notes.Add($"{workload.Name} on {target.Name}: the server was still compiling after 30 s of warm-up.");
    }

    private async Task<WorkloadResult> MeasureAsync(Target target, Workload workload, bool halfRate, bool resetPeak = true)
    {
        await WarmUntilCompiledAsync(target, workload).ConfigureAwait(false);
        var perWorkloadPeak = resetPeak && target.Pid is { } pid && ProcessMemory.ResetPeak(pid);
        var max = await LoadGenerator.RunMaxAsync(target, workload, _signer, options.Concurrency, options.Warmup, options.Duration).ConfigureAwait(false);
        Check($"{workload.Name} on {target.Name}", max);
        RunStats? half = null;
        if (halfRate && max.Throughput > 0)
        {
            half = await LoadGenerator.RunAtRateAsync(target, workload, _signer, options.Concurrency, max.Throughput / 2, options.RateWarmup, options.RateDuration).ConfigureAwait(false);
            Check($"{workload.Name} on {target.Name} at half rate", half);
        }

        var peak = target.Pid is { } p ? ProcessMemory.PeakMb(p) : null;
        if (resetPeak && target.Pid is not null && !perWorkloadPeak && !_notes.Contains(PeakNote))
        {
            _notes.Add(PeakNote);
        }

        Log($"{workload.Name,-40} {target.Name,-12} {max.Throughput,10:N0} req/s  p50 {max.Latency.P50Ms,7:0.00}  p99 {max.Latency.P99Ms,7:0.00}  p99.9 {max.Latency.P999Ms,7:0.00} ms"
            + (half is null ? "" : $"  | at {half.Throughput:N0}/s p50 {half.Latency.P50Ms:0.00} p99 {half.Latency.P99Ms:0.00} p99.9 {half.Latency.P999Ms:0.00}")
            + $"  errors {max.Errors + (half?.Errors ?? 0)}  peak RSS {peak?.ToString(CultureInfo.InvariantCulture) ?? "?"} MB"
            + $"  cpu/req server {max.Cpu.ServerUsPerRequest} us, generator {max.Cpu.GeneratorUsPerRequest} us, others {max.Cpu.OtherShare:P0}");
        return new WorkloadResult(workload.Name, target.Name, workload.Description, max, half, peak, null, null);
    }

    private const string PeakNote = "The kernel refused to reset VmHWM (/proc/PID/clear_refs), so peak RSS is the server's peak since it started, not per workload.";

    private void Ratios()
    {
        // The mean of the ceiling measured before and after the workloads (one of them when only one ran).
        var ceilings = _results.Where(r => r.Target == Kestrel && r.Max.Throughput > 0).ToList();
        double? ceiling = ceilings.Count > 0 ? ceilings.Average(r => r.Max.Throughput) : null;
        double? ceilingCpu = ceilings.Count > 0 ? ceilings.Average(r => r.Max.Cpu.ServerUsPerRequest) : null;
        if (ceilings.Count == 2)
        {
            _notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Bare Kestrel measured {ceilings[0].Max.Throughput:N0} req/s before the ConnectLocal workloads and {ceilings[1].Max.Throughput:N0} after; ratios are to their mean, {ceiling:N0}."));
        }

        for (var i = 0; i < _results.Count; i++)
        {
            var r = _results[i];
            if (r.Target != ConnectLocal)
            {
                continue;
            }

            var moto = _results.FirstOrDefault(m => m.Target == Moto && m.Name == r.Name)?.Max.Throughput;
            _results[i] = r with
            {
                RatioToCeiling = ceiling > 0 ? Math.Round(r.Max.Throughput / ceiling.Value, 3) : null,
                RatioToMoto = moto > 0 ? Math.Round(r.Max.Throughput / moto.Value, 1) : null,
                CpuRatioToCeiling = ceilingCpu > 0 && r.Max.Cpu.ServerUsPerRequest > 0 ? Math.Round(ceilingCpu.Value / r.Max.Cpu.ServerUsPerRequest, 3) : null,
            };
        }
    }

    /// <summary>The issue's targets, each with what was measured; nothing here tunes a run, it only reads them.</summary>
    private List<TargetCheck> Targets()
    {
        var targets = new List<TargetCheck>();
        WorkloadResult? Ours(string name) => _results.FirstOrDefault(r => r.Target == ConnectLocal && r.Name == name);

        void Share(string name, double wanted)
        {
            if (Ours(name) is { RatioToCeiling: { } ratio } r)
            {
                targets.Add(new TargetCheck($"{name} ≥ {wanted:P0} of bare Kestrel", $"{ratio:P1} ({r.Max.Throughput:N0} req/s)", ratio >= wanted,
                    r.CpuRatioToCeiling is { } byCpu ? $"by server CPU per request: {byCpu:P1}" : ""));
            }
        }

        Share("DescribeRoutingProfile", 0.5);
        Share("UpdateRoutingProfileConcurrency", 0.3);
        Share("UpdateTrafficDistribution", 0.3);
        if (Ours("DescribeInstance") is { RatioToMoto: { } vsMoto } d)
        {
            targets.Add(new TargetCheck("DescribeInstance ≥ 30× moto", $"{vsMoto:0.0}× ({d.Max.Throughput:N0} vs {d.Max.Throughput / vsMoto:N0} req/s)", vsMoto >= 30, ""));
        }

        foreach (var r in _results.Where(r => r.Target == ConnectLocal && r.HalfRate is not null))
        {
            var h = r.HalfRate!;
            targets.Add(new TargetCheck($"{r.Name}: p99 < 5 ms at half the maximum", $"p99 {h.Latency.P99Ms:0.00} ms at {h.Throughput:N0} req/s", h.Latency.P99Ms < 5, ""));
        }

        if (_scaling.Count > 1 && _scaling[0] is var small && _scaling[^1] is var large)
        {
            void Flat(string what, RunStats a, RunStats b)
            {
                var change = (b.Latency.P50Ms / a.Latency.P50Ms) - 1;
                targets.Add(new TargetCheck(
                    $"{what} p50 with {large.StoredProfiles:N0} profiles within 20 % of {small.StoredProfiles:N0}",
                    $"{b.Latency.P50Ms:0.000} vs {a.Latency.P50Ms:0.000} ms ({change * 100:+0;-0;0} %) at {a.TargetRate:N0} req/s",
                    change <= 0.2,
                    ""));
            }

            Flat("DescribeRoutingProfile", small.ReadAtFixedRate, large.ReadAtFixedRate);
            Flat("UpdateRoutingProfileConcurrency", small.WriteAtFixedRate, large.WriteAtFixedRate);
            targets.Add(new TargetCheck($"RSS with {large.StoredProfiles:N0} stored profiles < 300 MB", $"{large.PeakRssMb} MB peak over the runs ({large.PeakRssDuringSeedMb} MB while seeding)",
                large.PeakRssMb < 300, "peak over the read and write runs; the seeding peak is reported beside it"));
        }

        if (_startup.FirstOrDefault(s => s.What.StartsWith("ConnectLocal, empty", StringComparison.Ordinal)) is { } start)
        {
            targets.Add(new TargetCheck("start to first answered request < 1.5 s", $"{start.Milliseconds:0} ms", start.Milliseconds < 1500, "process start to a 200 for a signed ListInstances"));
        }

        return targets;
    }

    private void Check(string what, RunStats run)
    {
        var ok = run.Requests > 0 && run.Errors == 0;
        _checks.Add((what, ok));
        if (!ok)
        {
            Log($"FAILED: {what}: {run.Requests} requests, {run.Errors} errors; {string.Join(" | ", run.ErrorSamples)}");
        }
    }

    private void Skip(string what, string why)
    {
        _checks.Add((what, null));
        _notes.Add(why);
        Log("skipped: " + why);
    }

    /// <summary>Smoke: every run answered and without an error answer. Full: the same, reported but not fatal for misses of targets.</summary>
    private int Verdict()
    {
        var passed = _checks.Count(c => c.Passed == true);
        var failed = _checks.Count(c => c.Passed == false);
        var skipped = _checks.Count(c => c.Passed is null);
        Console.WriteLine($"{(options.Smoke ? "smoke" : "harness")}: {passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? 0 : 1;
    }

    private static void Log(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
}
