using System.Diagnostics;
using System.Net;
using ConnectLocal.Load.Http;

namespace ConnectLocal.Load;

/// <summary>Produces one connection's requests; sees every answer (e.g. to follow NextToken).</summary>
internal interface IWorkerScript
{
    RequestSpec Next();

    void Observe(in HttpResult result)
    {
    }
}

/// <summary>A named request mix: <see cref="ScriptFor"/> gives worker <c>i</c> its own script.</summary>
internal sealed record Workload(string Name, string Description, Func<int, IWorkerScript> ScriptFor);

/// <summary>Where requests go, and the process whose memory is read (null when it is not ours to read).</summary>
internal sealed record Target(string Name, IPEndPoint Endpoint, int? Pid)
{
    public string Host => $"{Endpoint.Address}:{Endpoint.Port}";
}

public sealed record LatencySummary(double P50Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs);

/// <summary>
/// One measurement. Mode "max": closed loop, each connection sends its next request when the previous answer is in.
/// Mode "rate": open loop at a fixed rate; see <see cref="LoadGenerator.RunAtRateAsync"/> for how latency is counted.
/// </summary>
public sealed record RunStats(
    string Mode,
    int Concurrency,
    double TargetRate,
    double Seconds,
    long Requests,
    long Errors,
    double Throughput,
    LatencySummary Latency,
    long Connects,
    IReadOnlyList<string> ErrorSamples,
    CpuCost Cpu);

/// <summary>
/// CPU per request over the measured window (warm-up excluded), in microseconds: the
/// server's and the load generator's; and the share of the machine's capacity other processes used meanwhile
/// (0.25 = half a core of two), which says how much a throughput figure was squeezed by neighbours.
/// </summary>
public sealed record CpuCost(double ServerUsPerRequest, double GeneratorUsPerRequest, double OtherShare);

internal static class LoadGenerator
{
    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> connections, each with one request in flight, for
    /// <paramref name="warmup"/> (not recorded: JIT tiers, caches) then <paramref name="duration"/>. A request counts
    /// when it starts after the warm-up and ends before the deadline.
    /// </summary>
    public static Task<RunStats> RunMaxAsync(Target target, Workload workload, SigV4Signer signer, int concurrency, TimeSpan warmup, TimeSpan duration) =>
        RunAsync(target, workload, signer, concurrency, warmup, duration, rate: 0);

    /// <summary>
    /// Open loop at <paramref name="rate"/> requests per second over <paramref name="concurrency"/> connections:
    /// request k of connection i is due at (i + k·concurrency) / rate. Latency runs from the due time when the
    /// connection was still busy with the previous answer at that time (the server made it late: coordinated
    /// omission is corrected), otherwise from the moment it is sent (the generator's timer, ~1 ms granular on
    /// Linux, is not the server's fault). When the generator sent the previous request late, the wait counts from
    /// that send rather than from the due time: the generator's lateness is not the server's either.
    /// </summary>
    public static Task<RunStats> RunAtRateAsync(Target target, Workload workload, SigV4Signer signer, int concurrency, double rate, TimeSpan warmup, TimeSpan duration) =>
        RunAsync(target, workload, signer, concurrency, warmup, duration, rate);

    private static async Task<RunStats> RunAsync(
        Target target, Workload workload, SigV4Signer signer, int concurrency, TimeSpan warmup, TimeSpan duration, double rate)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100; // let every worker get going first
        var measureFrom = start + Ticks(warmup);
        var end = measureFrom + Ticks(duration);
        var workers = new Worker[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = new Worker(i, concurrency, target, workload.ScriptFor(i), signer, rate, start, measureFrom, end);
        }

        // CPU is sampled when the measured window opens and after it closes, so that the warm-up (the server's
        // JIT compiling its hot paths, on a cold process several times the steady cost) is not in the figure.
        var cpuAtWindow = Task.Run(async () =>
        {
            var wait = measureFrom - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
            }

            return CpuSample.Take(target.Pid);
        });
        await Task.WhenAll(workers.Select(w => Task.Run(w.RunAsync))).ConfigureAwait(false);
        var cpuAfter = CpuSample.Take(target.Pid);
        var cpuBefore = await cpuAtWindow.ConfigureAwait(false);
        var completed = Math.Max(1, workers.Sum(w => w.Count));
        var server = cpuAfter.ServerSeconds - cpuBefore.ServerSeconds;
        var harness = cpuAfter.HarnessSeconds - cpuBefore.HarnessSeconds;
        var machineTotal = Math.Max(1e-9, cpuAfter.MachineTotalSeconds - cpuBefore.MachineTotalSeconds);
        var others = (cpuAfter.MachineBusySeconds - cpuBefore.MachineBusySeconds) - server - harness;
        var cpu = new CpuCost(
            Math.Round(server * 1e6 / completed, 1),
            Math.Round(harness * 1e6 / completed, 1),
            Math.Round(Math.Clamp(others / machineTotal, 0, 1), 3));

        var count = workers.Sum(w => w.Count);
        var latencies = new long[count];
        var offset = 0;
        foreach (var w in workers)
        {
            Array.Copy(w.Latencies, 0, latencies, offset, w.Count);
            offset += w.Count;
        }

        Array.Sort(latencies);
        var seconds = duration.TotalSeconds;
        return new RunStats(
            rate > 0 ? "rate" : "max",
            concurrency,
            Math.Round(rate, 1),
            seconds,
            count,
            workers.Sum(w => w.Errors),
            Math.Round(count / seconds, 1),
            Summarise(latencies),
            workers.Sum(w => w.Connects),
            workers.SelectMany(w => w.ErrorSamples).Take(5).ToList(),
            cpu);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static LatencySummary Summarise(long[] sorted)
    {
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
        long At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(Ms(At(0.50)), Ms(At(0.99)), Ms(At(0.999)), Ms(sorted[^1]), Math.Round(sorted.Average(t => t * 1000.0 / Stopwatch.Frequency), 3));
    }

    private sealed class Worker(
        int index, int concurrency, Target target, IWorkerScript script, SigV4Signer signer, double rate, long start, long measureFrom, long end)
    {
        private readonly List<string> _errorSamples = [];

        public long[] Latencies { get; private set; } = new long[4096];

        public int Count { get; private set; }

        public long Errors { get; private set; }

        public long Connects { get; private set; }

        public IReadOnlyList<string> ErrorSamples => _errorSamples;

        public async Task RunAsync()
        {
            using var connection = new RawHttpConnection(target.Endpoint);
            var writer = new RequestWriter(signer, target.Host);
            var lastDone = 0L;
            var lastSent = 0L;
            for (long k = 0; ; k++)
            {
                long due;
                if (rate > 0)
                {
                    due = start + (long)((index + (k * concurrency)) / rate * Stopwatch.Frequency);
                    if (due >= end)
                    {
                        break;
                    }

                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait > Stopwatch.Frequency / 1000)
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
                    }
                }
                else
                {
                    due = Stopwatch.GetTimestamp();
                    if (due >= end)
                    {
                        break;
                    }
                }

                var spec = script.Next();
                var bytes = writer.Write(spec);
                var sent = Stopwatch.GetTimestamp();

                // Open loop: when the server still held this connection at the due time, latency counts from when
                // the server started making this request wait — the due time, or the previous request's send if
                // that was later (the generator sent it late: its timer, or its thread waiting for a core). The
                // generator's own lateness is never the server's; the server's time on the previous request is.
                var from = rate > 0 && lastDone > due ? Math.Max(due, lastSent) : sent;
                lastSent = sent;
                HttpResult result;
                try
                {
                    result = await connection.SendAsync(bytes, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
                {
                    lastDone = Stopwatch.GetTimestamp();
                    if (from >= measureFrom && lastDone <= end)
                    {
                        Fail($"{spec.Method} {spec.Path}: {e.GetType().Name}: {e.Message}");
                    }

                    continue;
                }

                lastDone = Stopwatch.GetTimestamp();
                if (from >= measureFrom && lastDone <= end)
                {
                    Record(lastDone - from);
                    if (!result.IsSuccess)
                    {
                        var text = result.BodyText;
                        Fail($"{spec.Method} {spec.Path} -> {result.Status} {result.ErrorType}: {text[..Math.Min(text.Length, 300)]}");
                    }
                }

                script.Observe(result);
            }

            Connects = connection.Connects;
        }

        private void Record(long ticks)
        {
            if (Count == Latencies.Length)
            {
                var bigger = new long[Latencies.Length * 2];
                Latencies.CopyTo(bigger, 0);
                Latencies = bigger;
            }

            Latencies[Count++] = ticks;
        }

        private void Fail(string sample)
        {
            Errors++;
            if (_errorSamples.Count < 3)
            {
                _errorSamples.Add(sample);
            }
        }
    }
}
