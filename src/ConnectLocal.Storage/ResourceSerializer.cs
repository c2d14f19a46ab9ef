using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConnectLocal.Storage;

/// <summary>How resources are kept in a backend: one JSON document per resource, computed properties left out.</summary>
internal static class ResourceSerializer
{
    /// <summary>How many recently read documents keep their deserialized resource (a few MB at most).</summary>
    public const int RecentCapacity = 4096;

    /// <summary>
    /// Computed (get-only) properties and nulls left out. The JSON of every stored record is generated at build time
    /// (<see cref="StorageJsonContext"/>), the same in every build, the native executable's included; a record's
    /// property that a document lacks keeps its initializer's value (GeneratedJsonTests).
    /// </summary>
    internal static readonly JsonSerializerOptions Options = new()
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = StorageJsonContext.Default,
    };

    // Documents read recently and what they deserialize to. Every request reads its instance and the resource it
    // names, and deserializing them was the largest single cost of a read (13 % of the server's CPU under
    // DescribeRoutingProfile). Resources are immutable records — a change is a copy made with `with` and stored as
    // a new document — so one object can serve every request that reads the same document; keying by the
    // document's text means a changed resource can never be answered from here.
    // Once full it takes nothing new until it is emptied, at most every RecentLifetimeMs: emptying it whenever it
    // filled made a working set larger than the capacity (DescribeRoutingProfile over 10,000 profiles) turn the
    // whole cache over every few hundred milliseconds, and every turned-over entry was an object old enough to be
    // promoted — the collections that followed doubled the median latency and paused the server for 50 ms.
    private static readonly ConcurrentDictionary<string, object> Recent = new(StringComparer.Ordinal);

    /// <summary>How long a full cache keeps what it holds before it is emptied for newer documents.</summary>
    private const long RecentLifetimeMs = 30_000;

    // Approximately how many entries Recent holds (ConcurrentDictionary.Count takes every lock of the table).
    private static int _recentCount;

    // When Recent was last emptied (Environment.TickCount64).
    private static long _recentSince = Environment.TickCount64;

    /// <summary>The generated JSON contract of a stored kind (<see cref="StoredKinds"/>).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T resource) => JsonSerializer.Serialize(resource, TypeInfo<T>());

    /// <summary>
    /// The resource a stored document holds. <paramref name="remember"/>: keep it for the next reader of the same
    /// document. Only point reads in read transactions remember: a write transaction reads what it is about to
    /// replace, and a scan reads many documents once — remembering those only made every remembered object live
    /// long enough to be promoted, and the collections that then copied and dropped them paused the server for
    /// 30–50 ms at a time under a write load.
    /// </summary>
    public static T Deserialize<T>(string json, bool remember = true)
    {
        if (Recent.TryGetValue(json, out var known) && known is T hit)
        {
            return hit;
        }

        var value = JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");
        if (!remember)
        {
            return value;
        }

        if (Volatile.Read(ref _recentCount) >= RecentCapacity)
        {
            var since = Volatile.Read(ref _recentSince);
            if (Environment.TickCount64 - since < RecentLifetimeMs || Interlocked.CompareExchange(ref _recentSince, Environment.TickCount64, since) != since)
            {
                return value;
            }

            Recent.Clear();
            Interlocked.Exchange(ref _recentCount, 0);
        }

        if (Recent.TryAdd(json, value))
        {
            Interlocked.Increment(ref _recentCount);
        }

        return value;
    }

    /// <summary>The resources a query of one column of documents returns, in its order; a scan, so none is remembered.</summary>
    public static List<T> ReadAll<T>(DbCommand command)
    {
        var result = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(Deserialize<T>(reader.GetString(0), remember: false));
        }

        return result;
    }
}
