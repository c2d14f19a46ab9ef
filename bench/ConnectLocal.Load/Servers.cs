using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnectLocal.Load.Http;

namespace ConnectLocal.Load;

/// <summary>Peak and current resident memory of a process, from /proc (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>VmHWM, the peak resident set size, in MiB; null when it cannot be read.</summary>
    public static double? PeakMb(int pid) => ReadKb(pid, "VmHWM:") is { } kb ? Math.Round(kb / 1024.0, 1) : null;

    public static double? CurrentMb(int pid) => ReadKb(pid, "VmRSS:") is { } kb ? Math.Round(kb / 1024.0, 1) : null;

    /// <summary>
    /// Resets VmHWM to the current RSS ("5" to /proc/PID/clear_refs, Linux 4.0+), so each workload reports its
    /// own peak rather than the process's since start. False when the kernel or permissions refuse.
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? ReadKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}

/// <summary>
/// A server process the harness starts, stops and measures. Output goes to a log file (stderr) and /dev/null
/// (stdout: ConnectLocal writes one line per request, which over a full run would be gigabytes); the shell
/// <c>exec</c>s the server so that the process id is the server's own.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(string name, Process process, IPEndPoint endpoint, long startedAt)
    {
        Name = name;
        _process = process;
        Endpoint = endpoint;
        StartedAt = startedAt;
    }

    public string Name { get; }

    public IPEndPoint Endpoint { get; }

    public int Pid => _process.Id;

    public long StartedAt { get; }

    public Target Target => new(Name, Endpoint, Pid);

    public static ServerProcess Start(string name, string logPath, string fileName, params string[] arguments)
    {
        var port = FreePort();
        var expanded = arguments.Select(a => a.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >/dev/null 2>>\"$log\"");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(logPath);
        info.ArgumentList.Add(fileName);
        foreach (var a in expanded)
        {
            info.ArgumentList.Add(a);
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        return new ServerProcess(name, process, new IPEndPoint(IPAddress.Loopback, port), startedAt);
    }

    /// <summary>Milliseconds from process start to the first accepted TCP connection (set by WaitForFirstAnswerAsync).</summary>
    public double? ListeningAfterMs { get; private set; }

    /// <summary>
    /// Polls with a signed ListInstances until one is answered 200; returns milliseconds since the process was
    /// started: the time to the first answered request, static initialisation of the first request included.
    /// </summary>
    public async Task<double> WaitForFirstAnswerAsync(SigV4Signer signer, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var writer = new RequestWriter(signer, Target.Host);
        var probe = new RequestSpec("GET", "/instance", null, Body.Empty, "AKIDEXAMPLE", "us-east-1");
        string last = "no answer";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before answering");
            }

            try
            {
                using var connection = new RawHttpConnection(Endpoint);
                await connection.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
                ListeningAfterMs ??= Math.Round(Stopwatch.GetElapsedTime(StartedAt).TotalMilliseconds);
                var result = await connection.SendAsync(writer.Write(probe), CancellationToken.None).ConfigureAwait(false);
                if (result.Status == 200)
                {
                    return Stopwatch.GetElapsedTime(StartedAt).TotalMilliseconds;
                }

                last = $"{result.Status} {result.BodyText}";
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                last = e.Message;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} did not answer within {timeout.TotalSeconds} s: {last}");
    }

    /// <summary>SIGTERM (a clean shutdown: the SQLite store checkpoints and closes), then SIGKILL after 10 s.</summary>
    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            kill?.WaitForExit();
        }

        if (!_process.WaitForExit(10_000))
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

/// <summary>
/// CPU time from /proc: the server's (utime + stime), this process's, and the whole machine's busy time, so that
/// a run can report the server's CPU cost per request — a figure that, unlike throughput, barely moves when other
/// processes share the cores — and how much of the machine other processes took meanwhile.
/// </summary>
internal readonly record struct CpuSample(double ServerSeconds, double HarnessSeconds, double MachineBusySeconds, double MachineTotalSeconds)
{
    // USER_HZ: /proc reports clock ticks of 1/100 s on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>
    /// CPU seconds of a .NET process's tiered-compilation thread (".NET Tiered Com"), which compiles hot methods
    /// again with full optimisation in the background; 0 when there is none.
    /// </summary>
    public static double JitSeconds(int pid)
    {
        try
        {
            var total = 0.0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    total += ThreadSeconds(Path.Combine(task, "stat"));
                }
            }

            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static CpuSample Take(int? pid) => new(
        pid is { } p ? ProcessSeconds(p) : 0,
        Environment.CpuUsage.TotalTime.TotalSeconds,
        Machine(out var total),
        total);

    private static double ProcessSeconds(int pid)
    {
        try
        {
            return ThreadSeconds($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>utime + stime of a /proc stat file (a process's: all its threads; a task's: that thread).</summary>
    private static double ThreadSeconds(string statPath)
    {
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static double Machine(out double total)
    {
        total = 0;
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            total = values.Sum() / TicksPerSecond;
            return (values.Sum() - values[3] - values[4]) / TicksPerSecond; // minus idle and iowait
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
