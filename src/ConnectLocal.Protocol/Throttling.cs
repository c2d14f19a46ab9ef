using System.Collections.Concurrent;
using System.Collections.Frozen;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Protocol;

/// <summary>A token bucket's refill rate (requests per second) and size (the burst allowed after a quiet spell).</summary>
public sealed record ThrottleRate(double PerSecond, double Burst)
{
    public override string ToString() => $"{PerSecond:0.###}/s burst {Burst:0.###}";
}

/// <summary>
/// The rates of <c>--throttle aws</c>: behaviour doc §7, from the Amazon Connect service quotas page. Connect
/// throttles per account, region and API; an API without a row of its own gets the documented default
/// ("a RateLimit of 2 requests per second, and a BurstLimit of 5").
/// </summary>
public static class ThrottleRates
{
    public static ThrottleRate Default { get; } = new(2, 5);

    /// <summary>
    /// [choice] AWS publishes no burst for these rows: 5 (the default's burst), and 15 for the 10/s APIs.
    /// </summary>
    public static IReadOnlyDictionary<string, ThrottleRate> Aws { get; } = new Dictionary<string, ThrottleRate>(StringComparer.Ordinal)
    {
        ["UpdateRoutingProfileConcurrency"] = new(2, 5),
        ["UpdateTrafficDistribution"] = new(2, 5),
        ["GetTrafficDistribution"] = new(2, 5),
        ["DescribeRoutingProfile"] = new(10, 15),
        ["ListRoutingProfiles"] = new(10, 15),
        ["ListRoutingProfileQueues"] = new(10, 15),
        ["CreateInstance"] = new(0.1, 5),
        ["DeleteInstance"] = new(0.1, 5),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}

/// <summary>
/// <c>--throttle aws</c>: one token bucket per account, region and operation. A request takes a token; with
/// none left it answers 429 ThrottlingException, which every SDK retries with back-off.
/// </summary>
public sealed class RequestThrottle : IRequestInterceptor
{
    // Accounts and regions come from the caller, so the table is bounded: past this many buckets all start
    // full again, which only ever lets more requests through.
    private const int BucketLimit = 100_000;

    private readonly ThrottleRate[] _rates;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string Account, string Region, int Operation), Bucket> _buckets = new();

    /// <param name="overrides">Rates by operation name, replacing the defaults; the key "*" replaces the default of every other operation.</param>
    public RequestThrottle(IReadOnlyDictionary<string, ThrottleRate> overrides, TimeProvider clock)
    {
        _clock = clock;
        var fallback = overrides.TryGetValue("*", out var star) ? star : ThrottleRates.Default;
        _rates = new ThrottleRate[OperationTable.All.Count];
        foreach (var operation in OperationTable.All)
        {
            _rates[operation.Index] = overrides.TryGetValue(operation.Name, out var rate) ? rate
                : ThrottleRates.Aws.TryGetValue(operation.Name, out var aws) && !overrides.ContainsKey("*") ? aws
                : fallback;
        }
    }

    public ThrottleRate RateOf(OperationDescriptor operation) => _rates[operation.Index];

    public ValueTask<ServiceErrorException?> InterceptAsync(OperationDescriptor operation, string accountId, string region, CancellationToken cancellationToken)
    {
        if (_buckets.Count > BucketLimit)
        {
            _buckets.Clear();
        }

        var rate = _rates[operation.Index];
        var now = _clock.GetTimestamp();
        var bucket = _buckets.GetOrAdd((accountId, region, operation.Index), static (_, state) => new Bucket(state.Burst, state.Now), (rate.Burst, Now: now));
        return ValueTask.FromResult(bucket.TryTake(rate, now, _clock.TimestampFrequency)
            ? null
            : new ServiceErrorException(ProtocolErrors.ThrottlingException, ProtocolErrors.ThrottlingMessage));
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        public bool TryTake(ThrottleRate rate, long now, long frequency)
        {
            lock (_gate)
            {
                _tokens = Math.Min(rate.Burst, _tokens + (rate.PerSecond * (now - _stamp) / frequency));
                _stamp = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
