namespace ConnectLocal.Core.Routing.Simulation;

/// <summary>
/// Independent replications of a simulation: the same inputs run with different seeds, in parallel across the
/// machine's cores, so that every figure can be given with a confidence interval (<see cref="Estimate"/>).
/// </summary>
public static class Replications
{
    /// <summary>
    /// The seed of replication <paramref name="replication"/> (from 0) of a run seeded <paramref name="seed"/>.
    /// Replication 0 keeps the seed, so one replication is exactly the single run; the others mix the replication's
    /// number in through SplitMix64, so neighbouring replications do not get neighbouring seeds.
    /// </summary>
    public static ulong Seed(ulong seed, int replication) =>
        replication == 0 ? seed : TrafficSplit.Mix(seed + TrafficSplit.Mix((ulong)replication));

    /// <summary>Runs <paramref name="count"/> replications (each given its index and seed), in parallel, and answers their results in order.</summary>
    public static IReadOnlyList<T> Run<T>(int count, ulong seed, Func<int, ulong, T> run, int? parallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var results = new T[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount }, r => results[r] = run(r, Seed(seed, r)));
        return results;
    }
}
