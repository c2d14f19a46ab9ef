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
/// <remarks>
/// The table is bounded without ever handing one account's tokens back: a bucket that has refilled to its burst
/// is the same as one never made, so only such buckets are dropped. Each account may hold at most
/// <c>bucketsPerAccount</c> buckets and the table <c>buckets</c>; a request that would need a bucket beyond either
/// bound, with no full bucket left to drop, is throttled itself ([choice] fail closed). The server sizes both
/// bounds so that accounts of the credentials file never meet them (docs/security.md).
/// </remarks>
public sealed class RequestThrottle : IRequestInterceptor
{
    public const int DefaultBucketsPerAccount = 16_384;
    public const int DefaultBuckets = 100_000;

    private static readonly ValueTask<ServiceErrorException?> Allowed = ValueTask.FromResult<ServiceErrorException?>(null);

    private readonly ThrottleRate[] _rates;
    private readonly TimeProvider _clock;
    private readonly int _bucketsPerAccount;
    private readonly int _bucketLimit;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Region, int Operation), Bucket>> _accounts = new(StringComparer.Ordinal);

    // Adding and dropping buckets happen under this lock; taking a token does not.
    private readonly Lock _gate = new();
    private int _bucketCount;
    private long _nextSweep;

    /// <param name="overrides">Rates by operation name, replacing the defaults; the key "*" replaces the default of every other operation.</param>
    public RequestThrottle(IReadOnlyDictionary<string, ThrottleRate> overrides, TimeProvider clock, int bucketsPerAccount = DefaultBucketsPerAccount, int buckets = DefaultBuckets)
    {
        _clock = clock;
        _bucketsPerAccount = bucketsPerAccount;
        _bucketLimit = buckets;
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

    /// <summary>How many buckets the table holds (tests check the bound).</summary>
    public int BucketCount => Volatile.Read(ref _bucketCount);

    public ValueTask<ServiceErrorException?> InterceptAsync(OperationDescriptor operation, string accountId, string region, CancellationToken cancellationToken)
    {
        var rate = _rates[operation.Index];
        var key = (region, operation.Index);
        while (true)
        {
            var now = _clock.GetTimestamp();
            if (!_accounts.TryGetValue(accountId, out var buckets) || !buckets.TryGetValue(key, out var bucket))
            {
                bucket = Add(accountId, key, rate, now);
                if (bucket is null)
                {
                    return Throttled();
                }
            }

            switch (bucket.TryTake(rate, now, _clock.TimestampFrequency))
            {
                case Take.Taken: return Allowed;
                case Take.Empty: return Throttled();
                default: continue; // dropped by a sweep between the look-up and the take: look again
            }
        }
    }

    private static ValueTask<ServiceErrorException?> Throttled() =>
        ValueTask.FromResult<ServiceErrorException?>(new ServiceErrorException(ProtocolErrors.ThrottlingException, ProtocolErrors.ThrottlingMessage));

    private Bucket? Add(string accountId, (string Region, int Operation) key, ThrottleRate rate, long now)
    {
        lock (_gate)
        {
            var buckets = _accounts.GetOrAdd(accountId, static _ => new());
            if (buckets.TryGetValue(key, out var existing))
            {
                return existing;
            }

            if (buckets.Count >= _bucketsPerAccount)
            {
                DropFull(buckets, now);
            }

            if (_bucketCount >= _bucketLimit && now >= _nextSweep)
            {
                // At most once a second: a sweep visits every bucket.
                _nextSweep = now + _clock.TimestampFrequency;
                foreach (var (account, table) in _accounts)
                {
                    DropFull(table, now);
                    if (table.IsEmpty && !ReferenceEquals(table, buckets))
                    {
                        _accounts.TryRemove(account, out _);
                    }
                }
            }

            if (buckets.Count >= _bucketsPerAccount || _bucketCount >= _bucketLimit)
            {
                return null;
            }

            var bucket = new Bucket(rate.Burst, now);
            buckets[key] = bucket;
            _bucketCount++;
            return bucket;
        }
    }

    /// <summary>Drops the buckets that have refilled to their burst (under <see cref="_gate"/>).</summary>
    private void DropFull(ConcurrentDictionary<(string Region, int Operation), Bucket> buckets, long now)
    {
        foreach (var (key, bucket) in buckets)
        {
            if (bucket.TryRetireIfFull(_rates[key.Operation], now, _clock.TimestampFrequency))
            {
                buckets.TryRemove(key, out _);
                _bucketCount--;
            }
        }
    }

    private enum Take
    {
        Taken,
        Empty,
        Retired,
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _stamp = stamp;
        private bool _retired;

        public Take TryTake(ThrottleRate rate, long now, long frequency)
        {
            lock (_gate)
            {
                if (_retired)
                {
                    return Take.Retired;
                }

                Refill(rate, now, frequency);
                if (_tokens < 1)
                {
                    return Take.Empty;
                }

                _tokens -= 1;
                return Take.Taken;
            }
        }

        /// <summary>A full bucket behaves as a new one would, so it may go; once retired it takes nothing.</summary>
        public bool TryRetireIfFull(ThrottleRate rate, long now, long frequency)
        {
            lock (_gate)
            {
                Refill(rate, now, frequency);
                _retired = _tokens >= rate.Burst;
                return _retired;
            }
        }

        private void Refill(ThrottleRate rate, long now, long frequency)
        {
            _tokens = Math.Min(rate.Burst, _tokens + (rate.PerSecond * Math.Max(0, now - _stamp) / frequency));
            _stamp = Math.Max(_stamp, now);
        }
    }
}
