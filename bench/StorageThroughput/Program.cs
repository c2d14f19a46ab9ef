using System.Diagnostics;
using System.Globalization;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Storage.Postgres;
using ConnectLocal.Storage.Sqlite;

// Each writer does read-modify-write requests (Get + Put of its own resource, as an Update* handler does) for a
// fixed time; the table shows acknowledged writes per second and, for SQLite, how many commits (fsyncs under
// full) they took. Usage: dotnet run -c Release --project bench/StorageThroughput [seconds per case]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var postgres = Environment.GetEnvironmentVariable("CONNECTLOCAL_TEST_POSTGRES");
// Warm-up (JIT, file system), not reported.
var warmUp = Path.Combine(Path.GetTempPath(), "connectlocal-bench-" + Guid.NewGuid().ToString("N"));
using (var store = SqliteStore.OpenFile(warmUp))
{
    Run(store, 4, 0.5);
}

Directory.Delete(warmUp, recursive: true);
Console.WriteLine($"| backend | durability | writers | writes/s | commits/s | writes per commit |");
Console.WriteLine($"|---|---|---:|---:|---:|---:|");
foreach (var durability in new[] { SqliteDurability.Fast, SqliteDurability.Normal, SqliteDurability.Full })
{
    foreach (var writers in new[] { 1, 16 })
    {
        var directory = Path.Combine(Path.GetTempPath(), "connectlocal-bench-" + Guid.NewGuid().ToString("N"));
        using (var store = SqliteStore.OpenFile(directory, durability))
        {
            var writes = Run(store, writers, seconds);
            var (acknowledged, commits) = store.CommitCounts;
            Console.WriteLine(FormattableString.Invariant(
                $"| SQLite | {durability.ToString().ToLowerInvariant()} | {writers} | {writes / seconds:F0} | {commits / seconds:F0} | {(double)acknowledged / commits:F1} |"));
        }

        Directory.Delete(directory, recursive: true);
    }
}

if (!string.IsNullOrEmpty(postgres))
{
    foreach (var writers in new[] { 1, 16 })
    {
        using var store = PostgresStore.Open(postgres);
        var writes = Run(store, writers, seconds);
        Console.WriteLine(FormattableString.Invariant($"| PostgreSQL | server's | {writers} | {writes / seconds:F0} | | |"));
    }
}

static long Run(IConnectStore store, int writers, double seconds)
{
    var scope = new ResourceScope("000000000000", "us-east-1", "bench-" + Guid.NewGuid().ToString("N"));
    for (var w = 0; w < writers; w++)
    {
        store.Write(s =>
        {
            s.Put(scope, new Counter { Id = $"c-{w}" });
            return 0;
        });
    }

    long total = 0;
    var clock = Stopwatch.StartNew();
    var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
    {
        var id = $"c-{w}";
        long done = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            store.Write(s =>
            {
                var c = s.Get<Counter>(scope, id)!;
                s.Put(scope, c with { Value = c.Value + 1 });
                return 0;
            });
            done++;
        }

        Interlocked.Add(ref total, done);
    })).ToList();
    threads.ForEach(t => t.Start());
    threads.ForEach(t => t.Join());
    return total;
}

internal sealed record Counter : IResource<Counter>
{
    public static string Kind => "bench-counter";

    public required string Id { get; init; }

    public long Value { get; init; }

    public string? Name => null;
}
