namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna, https://prng.di.unimi.it/xoshiro256starstar.c), seeded through SplitMix64 as its
/// authors advise: the same seed gives the same numbers on every machine and .NET version, and it is fast enough
/// to draw several numbers per simulated contact.
/// </summary>
public sealed class Rng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Rng(ulong seed)
    {
        _s0 = TrafficSplit.Mix(seed);
        _s1 = TrafficSplit.Mix(seed + 1);
        _s2 = TrafficSplit.Mix(seed + 2);
        _s3 = TrafficSplit.Mix(seed + 3);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Exponential with mean 1 (inverse transform; 1 - u is never 0).</summary>
    public double NextExponential() => -Math.Log(1.0 - NextDouble());

    /// <summary>Standard normal (Box–Muller; one of the pair is discarded for simplicity).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An independent stream for one purpose, so adding a stream does not shift the numbers of another.</summary>
    public static Rng For(ulong seed, string purpose) => new(seed ^ TrafficSplit.Mix(TrafficSplit.Fnv1a(purpose)));

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
