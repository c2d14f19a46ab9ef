using System.Globalization;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Server.Options;

/// <summary>Settings of <c>connectlocal serve</c>: command-line flags win over environment variables over defaults.</summary>
public sealed partial record ServerOptions
{
    public const int DefaultPort = 4570;

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    public string DataDirectory { get; init; } = DefaultDataDirectory();

    public bool InMemory { get; init; }

    /// <summary>"sqlite" (embedded default) or "postgres" (several nodes on one database).</summary>
    public string Storage { get; init; } = "sqlite";

    /// <summary>How hard SQLite pushes each commit to disk (docs/storage.md); PostgreSQL follows its server's settings.</summary>
    public SqliteDurability Durability { get; init; } = SqliteDurability.Normal;

    /// <summary>--log-format: "text" (one line per entry) or "json" (one JSON object per line).</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary>Npgsql connection string for --storage postgres.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Delays of status transitions by kind; a kind not listed keeps its default (immediate, but for vocabularies: TransitionKinds.DefaultDelays).</summary>
    public IReadOnlyDictionary<string, TimeSpan> TransitionDelays { get; init; } = NoDelays;

    /// <summary>--active-tasks-quota / CONNECTLOCAL_ACTIVE_TASKS_QUOTA: open task contacts per instance (rules-gaps; default AWS's 2,500).</summary>
    public int ActiveTasksQuota { get; init; } = Core.Common.ConnectSettings.DefaultActiveTasksPerInstance;

    /// <summary>--allow-campaign-calls / CONNECTLOCAL_ALLOW_CAMPAIGN_CALLS=1: the campaigns quota raised (TrafficType CAMPAIGN calls placed).</summary>
    public bool AllowCampaignCalls { get; init; }

    // One shared empty map, so that options that set no delays compare equal.
    private static readonly IReadOnlyDictionary<string, TimeSpan> NoDelays = new Dictionary<string, TimeSpan>();

    /// <summary>[choice] The largest --active-tasks-quota: one million open tasks per instance.</summary>
    private const int MaxActiveTasksQuota = 1_000_000;

    private static bool TryQuota(string text, out int quota) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out quota) && quota is >= 1 and <= MaxActiveTasksQuota;

    public static string DefaultDataDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".connectlocal");

    /// <summary>Reads flags after the command name; returns null and an explanation on a bad flag.</summary>
    public static ServerOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment, out string? error)
    {
        error = null;
        var options = new ServerOptions
        {
            Host = environment("CONNECTLOCAL_HOST") ?? "127.0.0.1",
            DataDirectory = environment("CONNECTLOCAL_DATA_DIR") ?? DefaultDataDirectory(),
            InMemory = environment("CONNECTLOCAL_IN_MEMORY") is "1" or "true",
            Storage = environment("CONNECTLOCAL_STORAGE") ?? "sqlite",
            PostgresConnectionString = environment("CONNECTLOCAL_POSTGRES"),
            LogFormat = environment("CONNECTLOCAL_LOG_FORMAT") ?? "text",
        };
        if (environment("CONNECTLOCAL_PORT") is { } envPort)
        {
            if (!TryPort(envPort, out var port))
            {
                error = $"CONNECTLOCAL_PORT must be a port number from 0 to 65535, not '{envPort}'";
                return null;
            }

            options = options with { Port = port };
        }

        if (environment("CONNECTLOCAL_DURABILITY") is { } envDurability)
        {
            if (ParseDurability(envDurability) is not { } durability)
            {
                error = $"CONNECTLOCAL_DURABILITY must be fast, normal or full, not '{envDurability}'";
                return null;
            }

            options = options with { Durability = durability };
        }

        if (environment("CONNECTLOCAL_TRANSITION_DELAYS") is { } envDelays)
        {
            if (ParseDelays(envDelays, out var delays) is { } delayError)
            {
                error = $"CONNECTLOCAL_TRANSITION_DELAYS: {delayError}";
                return null;
            }

            options = options with { TransitionDelays = delays };
        }

        if (environment("CONNECTLOCAL_ALLOW_CAMPAIGN_CALLS") is "1" or "true")
        {
            options = options with { AllowCampaignCalls = true };
        }

        if (environment("CONNECTLOCAL_ACTIVE_TASKS_QUOTA") is { } envTasks)
        {
            if (!TryQuota(envTasks, out var tasks))
            {
                error = $"CONNECTLOCAL_ACTIVE_TASKS_QUOTA must be a whole number from 1 to {MaxActiveTasksQuota}, not '{envTasks}'";
                return null;
            }

            options = options with { ActiveTasksQuota = tasks };
        }

        if (environment("CONNECTLOCAL_CONTROL_TOKEN") is { } envToken)
        {
            if (CheckControlToken("CONNECTLOCAL_CONTROL_TOKEN", envToken) is { } tokenError)
            {
                error = tokenError;
                return null;
            }

            options = options with { ControlToken = envToken };
        }

        if (ReadSecurityEnvironment(environment, ref options) is { } securityVariableError)
        {
            error = securityVariableError;
            return null;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string? Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                return null;
            }

            switch (flag)
            {
                case "--host":
                    var host = Value();
                    if (string.IsNullOrEmpty(host))
                    {
                        error = "--host needs an address, e.g. --host 127.0.0.1";
                        return null;
                    }

                    options = options with { Host = host };
                    break;
                case "--port":
                    var text = Value();
                    if (text is null || !TryPort(text, out var port))
                    {
                        error = $"--port needs a port number from 0 to 65535, not '{text}'";
                        return null;
                    }

                    options = options with { Port = port };
                    break;
                case "--data-dir":
                    var dir = Value();
                    if (string.IsNullOrEmpty(dir))
                    {
                        error = "--data-dir needs a directory";
                        return null;
                    }

                    options = options with { DataDirectory = Path.GetFullPath(dir) };
                    break;
                case "--transition-delays":
                    if (ParseDelays(Value() ?? string.Empty, out var parsedDelays) is { } flagError)
                    {
                        error = $"--transition-delays: {flagError}";
                        return null;
                    }

                    options = options with { TransitionDelays = parsedDelays };
                    break;
                case "--allow-campaign-calls":
                    options = options with { AllowCampaignCalls = true };
                    break;
                case "--active-tasks-quota":
                    var quotaText = Value();
                    if (quotaText is null || !TryQuota(quotaText, out var quota))
                    {
                        error = $"--active-tasks-quota needs a whole number from 1 to {MaxActiveTasksQuota}, not '{quotaText}'";
                        return null;
                    }

                    options = options with { ActiveTasksQuota = quota };
                    break;
                case "--durability":
                    var level = Value();
                    if (ParseDurability(level ?? string.Empty) is not { } parsedDurability)
                    {
                        error = $"--durability must be fast, normal or full, not '{level}'";
                        return null;
                    }

                    options = options with { Durability = parsedDurability };
                    break;
                case "--in-memory":
                    options = options with { InMemory = true };
                    break;
                case "--storage":
                    options = options with { Storage = Value() ?? string.Empty };
                    break;
                case "--postgres":
                    options = options with { PostgresConnectionString = Value(), Storage = "postgres" };
                    break;
                case "--log-format":
                    options = options with { LogFormat = Value() ?? string.Empty };
                    break;
                case "--control-token":
                    var token = Value();
                    if (CheckControlToken("--control-token", token ?? string.Empty) is { } tokenError)
                    {
                        error = tokenError;
                        return null;
                    }

                    options = options with { ControlToken = token };
                    break;
                default:
                    if (TryReadSecurityFlag(flag, Value, ref options, out var securityError))
                    {
                        if (securityError is null)
                        {
                            break;
                        }

                        error = securityError;
                        return null;
                    }

                    error = $"unknown option '{flag}'";
                    return null;
            }
        }

        if (options.Storage is not ("sqlite" or "postgres"))
        {
            error = $"--storage must be sqlite or postgres, not '{options.Storage}'";
            return null;
        }

        if (options.LogFormat is not ("text" or "json"))
        {
            error = $"--log-format must be text or json, not '{options.LogFormat}'";
            return null;
        }

        if (options.Storage == "postgres" && string.IsNullOrEmpty(options.PostgresConnectionString))
        {
            error = "--storage postgres needs a connection string: --postgres \"Host=127.0.0.1;Port=5432;Username=postgres;Database=connectlocal\" (or CONNECTLOCAL_POSTGRES)";
            return null;
        }

        error = ValidateSecurity(options);
        return error is null ? options : null;
    }

    /// <summary>"tdg-create=2000,tdg-update=500" → delays; returns an explanation when the text is not that.</summary>
    private static string? ParseDelays(string text, out Dictionary<string, TimeSpan> delays)
    {
        delays = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || !Core.GlobalResiliency.TransitionKinds.All.Contains(parts[0])
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                || ms > Core.GlobalResiliency.Transitions.MaxDelayMilliseconds)
            {
                return $"expected KIND=MILLISECONDS,... with KIND one of {string.Join(", ", Core.GlobalResiliency.TransitionKinds.All)} and at most {Core.GlobalResiliency.Transitions.MaxDelayMilliseconds} ms (one day), not '{item}'";
            }

            delays[parts[0]] = TimeSpan.FromMilliseconds(ms);
        }

        return null;
    }

    private static SqliteDurability? ParseDurability(string text) => text switch
    {
        "fast" => SqliteDurability.Fast,
        "normal" => SqliteDurability.Normal,
        "full" => SqliteDurability.Full,
        _ => null,
    };

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;
}
