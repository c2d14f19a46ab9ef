using System.Globalization;
using System.Net;
using System.Text.Json;
using ConnectLocal.Protocol;

namespace ConnectLocal.Server.Options;

/// <summary>
/// Request limits of <c>--limits</c>: what the protocol layer answers AWS-shaped, and the Kestrel timeouts
/// against slow clients. Kestrel's own hard limits are set above the AWS-shaped ones (docs/security.md).
/// </summary>
public sealed record RequestLimits
{
    public long BodyBytes { get; init; } = 10 * 1024 * 1024;

    public int UrlBytes { get; init; } = 8 * 1024;

    public int HeaderBytes { get; init; } = 32 * 1024;

    public int HeaderCount { get; init; } = 100;

    public int JsonDepth { get; init; } = 64;

    /// <summary>Time a client has to send the whole request line and headers.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>A body arriving slower than this (after <see cref="MinBodyRateGrace"/>) ends the request with 408.</summary>
    public double MinBodyBytesPerSecond { get; init; } = 240;

    public TimeSpan MinBodyRateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>[choice] The largest body POST /_connectlocal/state takes (an import is parsed whole before it commits).</summary>
    public long ImportBytes { get; init; } = 64 * 1024 * 1024;

    public const string Keys =
        "body-bytes, url-bytes, header-bytes, header-count, json-depth (1-64), headers-timeout-ms, keep-alive-timeout-ms, min-body-bytes-per-second (0 = off), min-body-grace-ms, import-bytes";

    /// <summary>"body-bytes=1048576,json-depth=20" → the defaults with those replaced; null and an explanation when the text is not that.</summary>
    public static RequestLimits? Parse(string text, out string? error)
    {
        error = null;
        var limits = new RequestLimits();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > int.MaxValue)
            {
                error = $"expected KEY=NUMBER,... with KEY one of {Keys}, not '{item}'";
                return null;
            }

            var value = (int)n;
            RequestLimits? next = parts[0] switch
            {
                "body-bytes" when n > 0 => limits with { BodyBytes = n },
                "import-bytes" when n > 0 => limits with { ImportBytes = n },
                "url-bytes" when n >= 64 => limits with { UrlBytes = value },
                "header-bytes" when n >= 1024 => limits with { HeaderBytes = value },
                "header-count" when n >= 8 => limits with { HeaderCount = value },
                "json-depth" when n is >= 1 and <= 64 => limits with { JsonDepth = value },
                "headers-timeout-ms" when n >= 1 => limits with { HeadersTimeout = TimeSpan.FromMilliseconds(n) },
                "keep-alive-timeout-ms" when n >= 1 => limits with { KeepAliveTimeout = TimeSpan.FromMilliseconds(n) },
                "min-body-bytes-per-second" => limits with { MinBodyBytesPerSecond = n },
                "min-body-grace-ms" when n > 1000 => limits with { MinBodyRateGrace = TimeSpan.FromMilliseconds(n) },
                _ => null,
            };
            if (next is null)
            {
                error = $"'{item}' is not a valid limit (keys: {Keys}; url-bytes >= 64, header-bytes >= 1024, header-count >= 8, min-body-grace-ms > 1000, Kestrel's heartbeat)";
                return null;
            }

            limits = next;
        }

        return limits;
    }
}

/// <summary>Authentication, throttling and limits of <c>connectlocal serve</c> (docs/security.md).</summary>
public sealed partial record ServerOptions
{
    public AuthenticationMode Authentication { get; init; } = AuthenticationMode.Permissive;

    /// <summary>Strict mode's credentials: the --credentials file plus the CONNECTLOCAL_ACCESS_KEY_ID one.</summary>
    public IReadOnlyDictionary<string, AccessKey> AccessKeys { get; init; } = NoAccessKeys;

    /// <summary>Lets permissive mode listen on an address other than loopback, and the control API answer remote callers.</summary>
    public bool AllowUnauthenticatedRemote { get; init; }

    /// <summary>--throttle aws: token buckets per account, region and operation.</summary>
    public bool Throttle { get; init; }

    /// <summary>Rates replacing the defaults of --throttle aws, by operation name ("*" for every operation without its own).</summary>
    public IReadOnlyDictionary<string, ThrottleRate> ThrottleOverrides { get; init; } = NoThrottleOverrides;

    public RequestLimits Limits { get; init; } = DefaultLimits;

    /// <summary>--regions: the Regions a credential scope may name (default: those Amazon Connect runs in).</summary>
    public IReadOnlySet<string> Regions { get; init; } = ConnectRegions.Default;

    // Shared empty defaults, so that options that set nothing here compare equal.
    private static readonly IReadOnlyDictionary<string, AccessKey> NoAccessKeys = new Dictionary<string, AccessKey>();
    private static readonly IReadOnlyDictionary<string, ThrottleRate> NoThrottleOverrides = new Dictionary<string, ThrottleRate>();
    private static readonly RequestLimits DefaultLimits = new();

    /// <summary>
    /// Why these options must not start a server, or null. Permissive mode checks no signature, so anyone who can
    /// reach a non-loopback address could act as any account.
    /// </summary>
    public string? StartupProblem()
    {
        if (Authentication == AuthenticationMode.Permissive && !AllowUnauthenticatedRemote && !IsLoopback(Host))
        {
            return $"refusing to listen on {Host}: permissive authentication checks no signature, so anyone who can reach that address "
                + "could act as any account. Use --auth strict --credentials FILE, listen on 127.0.0.1, or pass "
                + "--allow-unauthenticated-remote if that is really what you want.";
        }

        return null;
    }

    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Reads the environment variables of this part; an explanation when one is wrong.</summary>
    private static string? ReadSecurityEnvironment(Func<string, string?> environment, ref ServerOptions options)
    {
        if (environment("CONNECTLOCAL_AUTH") is { } auth)
        {
            if (ParseAuthentication(auth) is not { } mode)
            {
                return $"CONNECTLOCAL_AUTH must be permissive or strict, not '{auth}'";
            }

            options = options with { Authentication = mode };
        }

        if (environment("CONNECTLOCAL_CREDENTIALS") is { } file)
        {
            if (LoadCredentials(file, options.AccessKeys, out var keys) is { } error)
            {
                return $"CONNECTLOCAL_CREDENTIALS: {error}";
            }

            options = options with { AccessKeys = keys };
        }

        if (environment("CONNECTLOCAL_ACCESS_KEY_ID") is { } accessKeyId)
        {
            var entry = new CredentialEntry(
                accessKeyId,
                environment("CONNECTLOCAL_SECRET_ACCESS_KEY"),
                environment("CONNECTLOCAL_ACCOUNT_ID"),
                environment("CONNECTLOCAL_SESSION_TOKEN"));
            if (AddCredential(entry, options.AccessKeys, out var keys) is { } error)
            {
                return $"CONNECTLOCAL_ACCESS_KEY_ID: {error}";
            }

            options = options with { AccessKeys = keys };
        }

        if (environment("CONNECTLOCAL_ALLOW_UNAUTHENTICATED_REMOTE") is "1" or "true")
        {
            options = options with { AllowUnauthenticatedRemote = true };
        }

        if (environment("CONNECTLOCAL_THROTTLE") is { } throttle)
        {
            if (throttle is not ("aws" or "off"))
            {
                return $"CONNECTLOCAL_THROTTLE must be aws or off, not '{throttle}'";
            }

            options = options with { Throttle = throttle == "aws" };
        }

        if (environment("CONNECTLOCAL_THROTTLE_RATES") is { } rates)
        {
            if (ParseThrottleRates(rates, out var overrides) is { } error)
            {
                return $"CONNECTLOCAL_THROTTLE_RATES: {error}";
            }

            options = options with { ThrottleOverrides = overrides };
        }

        if (environment("CONNECTLOCAL_REGIONS") is { } regionsText)
        {
            if (ParseRegions(regionsText, out var regions) is { } error)
            {
                return $"CONNECTLOCAL_REGIONS: {error}";
            }

            options = options with { Regions = regions };
        }

        if (environment("CONNECTLOCAL_LIMITS") is { } limitsText)
        {
            if (RequestLimits.Parse(limitsText, out var error) is not { } limits)
            {
                return $"CONNECTLOCAL_LIMITS: {error}";
            }

            options = options with { Limits = limits };
        }

        return null;
    }

    /// <summary>
    /// Handles one flag of this part: true when it was one (<paramref name="error"/> says if its value was
    /// wrong), false when the flag belongs to no part. <paramref name="value"/> takes the flag's value.
    /// </summary>
    private static bool TryReadSecurityFlag(string flag, Func<string?> value, ref ServerOptions options, out string? error)
    {
        error = null;
        switch (flag)
        {
            case "--auth":
                var auth = value();
                if (ParseAuthentication(auth) is not { } mode)
                {
                    error = $"--auth must be permissive or strict, not '{auth}'";
                    return true;
                }

                options = options with { Authentication = mode };
                return true;
            case "--credentials":
                var file = value();
                if (string.IsNullOrEmpty(file))
                {
                    error = "--credentials needs a file (its format: docs/security.md)";
                    return true;
                }

                if (LoadCredentials(file, options.AccessKeys, out var keys) is { } fileError)
                {
                    error = $"--credentials: {fileError}";
                    return true;
                }

                options = options with { AccessKeys = keys };
                return true;
            case "--allow-unauthenticated-remote":
                options = options with { AllowUnauthenticatedRemote = true };
                return true;
            case "--throttle":
                var throttle = value();
                if (throttle is not ("aws" or "off"))
                {
                    error = $"--throttle must be aws or off, not '{throttle}'";
                    return true;
                }

                options = options with { Throttle = throttle == "aws" };
                return true;
            case "--throttle-rates":
                if (ParseThrottleRates(value() ?? string.Empty, out var overrides) is { } ratesError)
                {
                    error = $"--throttle-rates: {ratesError}";
                    return true;
                }

                options = options with { ThrottleOverrides = overrides };
                return true;
            case "--regions":
                if (ParseRegions(value() ?? string.Empty, out var regions) is { } regionsError)
                {
                    error = $"--regions: {regionsError}";
                    return true;
                }

                options = options with { Regions = regions };
                return true;
            case "--limits":
                if (RequestLimits.Parse(value() ?? string.Empty, out var limitsError) is not { } limits)
                {
                    error = $"--limits: {limitsError}";
                    return true;
                }

                options = options with { Limits = limits };
                return true;
            default:
                return false;
        }
    }

    /// <summary>Checks that need every flag read: strict mode needs at least one credential.</summary>
    private static string? ValidateSecurity(ServerOptions options) =>
        options.Authentication == AuthenticationMode.Strict && options.AccessKeys.Count == 0
            ? "--auth strict needs credentials: --credentials FILE (format: docs/security.md) or CONNECTLOCAL_ACCESS_KEY_ID, CONNECTLOCAL_SECRET_ACCESS_KEY and CONNECTLOCAL_ACCOUNT_ID"
            : null;

    private static AuthenticationMode? ParseAuthentication(string? text) => text switch
    {
        "permissive" => AuthenticationMode.Permissive,
        "strict" => AuthenticationMode.Strict,
        _ => null,
    };

    /// <summary>"ListQueues=5/10,CreateInstance=1,*=4/8" → rates (burst defaults to the rate, at least 1).</summary>
    private static string? ParseThrottleRates(string text, out Dictionary<string, ThrottleRate> rates)
    {
        rates = new Dictionary<string, ThrottleRate>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2);
            var numbers = parts.Length == 2 ? parts[1].Split('/', 2) : [];
            double burst = 0;
            if (parts.Length != 2 || (parts[0] != "*" && !OperationTable.All.Any(op => op.Name == parts[0]))
                || !double.TryParse(numbers[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate <= 0
                || (numbers.Length == 2 && (!double.TryParse(numbers[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out burst) || burst < 1)))
            {
                return $"expected OPERATION=RATE[/BURST],... (OPERATION an operation name such as ListQueues, or *; RATE > 0 requests per second; BURST >= 1), not '{item}'";
            }

            rates[parts[0]] = new ThrottleRate(rate, numbers.Length == 2 ? burst : Math.Max(1, rate));
        }

        return null;
    }

    /// <summary>"us-east-1,eu-west-2" → those Regions (at least one; each spelled as AWS spells Regions).</summary>
    private static string? ParseRegions(string text, out IReadOnlySet<string> regions)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        regions = names.ToHashSet(StringComparer.Ordinal);
        var bad = names.Length == 0 ? text : names.FirstOrDefault(n => !ConnectRegions.IsWellFormed(n));
        if (bad is not null)
        {
            return $"expected REGION,... with each REGION a lower-case Region name such as us-east-1, not '{bad}'";
        }

        return null;
    }

    private sealed record CredentialEntry(string? AccessKeyId, string? SecretAccessKey, string? AccountId, string? SessionToken);

    /// <summary>
    /// Reads a credentials file: <c>{"credentials": [{"accessKeyId": …, "secretAccessKey": …, "accountId": …, "sessionToken": …}]}</c>
    /// (accountId optional: the 12-digit key itself, else 000000000000; sessionToken optional).
    /// </summary>
    private static string? LoadCredentials(string path, IReadOnlyDictionary<string, AccessKey> existing, out IReadOnlyDictionary<string, AccessKey> keys)
    {
        keys = existing;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return $"cannot read {path}: {e.Message}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("credentials", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return $"{path} must be a JSON object with a \"credentials\" array (docs/security.md)";
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return $"{path}: credential {index} is not an object";
                }

                string? Text(string name) =>
                    item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

                var entry = new CredentialEntry(Text("accessKeyId"), Text("secretAccessKey"), Text("accountId"), Text("sessionToken"));
                if (AddCredential(entry, keys, out keys) is { } error)
                {
                    return $"{path}: credential {index}: {error}";
                }
            }
        }

        return null;
    }

    private static string? AddCredential(CredentialEntry entry, IReadOnlyDictionary<string, AccessKey> existing, out IReadOnlyDictionary<string, AccessKey> keys)
    {
        keys = existing;
        if (string.IsNullOrEmpty(entry.AccessKeyId) || entry.AccessKeyId.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            return "accessKeyId must be letters and digits";
        }

        if (string.IsNullOrEmpty(entry.SecretAccessKey))
        {
            return $"{entry.AccessKeyId} needs a secretAccessKey";
        }

        var account = entry.AccountId ?? new ProtocolOptions().AccountOf(entry.AccessKeyId);
        if (account.Length != 12 || !account.All(char.IsAsciiDigit))
        {
            return $"accountId of {entry.AccessKeyId} must be 12 digits, not '{account}'";
        }

        if (existing.ContainsKey(entry.AccessKeyId))
        {
            return $"{entry.AccessKeyId} is listed twice";
        }

        keys = new Dictionary<string, AccessKey>(existing, StringComparer.Ordinal)
        {
            [entry.AccessKeyId] = new AccessKey(entry.AccessKeyId, entry.SecretAccessKey, account, string.IsNullOrEmpty(entry.SessionToken) ? null : entry.SessionToken),
        };
        return null;
    }
}
