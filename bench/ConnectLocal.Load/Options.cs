using System.Globalization;
using System.Net;

namespace ConnectLocal.Load;

/// <summary>Command line of the harness; every default is the full run's.</summary>
internal sealed record Options
{
    public const string Usage = """
        usage: ConnectLocal.Load [run] [options]        the whole harness (writes report.md/.json/.svg)
               ConnectLocal.Load ceiling-server --port N   the bare Kestrel endpoint (started by run)

        options:
          --smoke             a few seconds: tiny data, short runs; fails on any error answer (CI)
          --out DIR           where the report goes (default bench/results)
          --server-dll PATH   the ConnectLocal server (default src/ConnectLocal.Server/bin/Release/net10.0/connectlocal.dll)
          --endpoint URL      drive this already running server instead of starting one (no start-up or scaling runs)
          --server-pid PID    its process id, for peak RSS (with --endpoint)
          --concurrency N     connections per measurement (default 16)
          --duration S        seconds measured per run (default 10)
          --warmup S          seconds of unrecorded load before each maximum-throughput run (default 3)
          --scales A,B,C      stored routing profiles for the scaling runs (default 100,10000,100000)
          --moto CMD          moto's server command (default moto_server; "none" skips moto)
          --only NAMES        comma-separated workload names to run (default: all), e.g. DescribeRoutingProfile,Scaling
                              (RoutingScaling: GetCurrentUserData, PutUserStatus, DescribeContact at 10 and 10,000
                              users and 100,000 contacts)
        """;

    public bool Smoke { get; init; }

    public string OutDirectory { get; init; } = "";

    public string ServerDll { get; init; } = "";

    public Uri? Endpoint { get; init; }

    public int? ServerPid { get; init; }

    public int Concurrency { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public IReadOnlyList<int> Scales { get; init; } = [100, 10_000, 100_000];

    public string Moto { get; init; } = "moto_server";

    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Sizes of the data sets (the smoke mode shrinks them).</summary>
    public int Profiles => Smoke ? 10 : 100;

    public int ListProfiles => Smoke ? 30 : 500;

    public int SearchInstances => Smoke ? 2 : 20;

    public int SearchProfiles => Smoke ? 20 : 500;

    public int Groups => Smoke ? 2 : 10;

    public TimeSpan RateDuration => Duration;

    public TimeSpan RateWarmup => Smoke ? TimeSpan.FromSeconds(0.05) : TimeSpan.FromSeconds(1);

    public bool Runs(string name) => Only is null || Only.Contains(name);

    public IPEndPoint? EndpointAddress => Endpoint is null ? null : new IPEndPoint(IPAddress.Parse(Endpoint.Host), Endpoint.Port);

    public static Options? Parse(IReadOnlyList<string> args, string repoRoot, out string? error)
    {
        error = null;
        var smoke = args.Contains("--smoke");
        var o = new Options
        {
            Smoke = smoke,
            OutDirectory = Path.Combine(repoRoot, "bench", "results"),
            ServerDll = Path.Combine(repoRoot, "src", "ConnectLocal.Server", "bin", "Release", "net10.0", "connectlocal.dll"),
        };
        if (smoke)
        {
            o = o with { Concurrency = 4, Duration = TimeSpan.FromSeconds(0.25), Warmup = TimeSpan.FromSeconds(0.1), Scales = [50] };
        }

        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "run" or "--smoke": break;
                    case "--out": o = o with { OutDirectory = Path.GetFullPath(Value()) }; break;
                    case "--server-dll": o = o with { ServerDll = Path.GetFullPath(Value()) }; break;
                    case "--endpoint": o = o with { Endpoint = new Uri(Value()) }; break;
                    case "--server-pid": o = o with { ServerPid = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--concurrency": o = o with { Concurrency = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                    case "--duration": o = o with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) }; break;
                    case "--warmup": o = o with { Warmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) }; break;
                    case "--scales": o = o with { Scales = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() }; break;
                    case "--moto": o = o with { Moto = Value() }; break;
                    case "--only": o = o with { Only = Value().Split(',').ToHashSet(StringComparer.Ordinal) }; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or UriFormatException)
            {
                error = e.Message;
                return null;
            }
        }

        if (o.Concurrency < 1 || o.Duration <= TimeSpan.Zero || o.Scales.Count == 0)
        {
            error = "--concurrency, --duration and --scales must be positive";
            return null;
        }

        return o;
    }
}
