using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectLocal.Storage;

/// <summary>How resources are kept in a backend: one JSON document per resource, computed properties left out.</summary>
internal static class ResourceSerializer
{
    /// <summary>How many recently read documents keep their deserialized resource (a few MB at most).</summary>
    public const int RecentCapacity = 4096;

    private static readonly JsonSerializerOptions Options = new()
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // Documents read recently and what they deserialize to. Every request reads its instance and the resource it
    // names, and deserializing them was the largest single cost of a read (13 % of the server's CPU under
    // DescribeRoutingProfile). Resources are immutable records — a change is a copy made with `with` and stored as
    // a new document — so one object can serve every request that reads the same document; keying by the
    // document's text means a changed resource can never be answered from here. Cleared when full: hot documents
    // (instances, a working set) come back at once, a scan over many does not grow it past the capacity.
    private static readonly ConcurrentDictionary<string, object> Recent = new(StringComparer.Ordinal);

    // Approximately how many entries Recent holds (ConcurrentDictionary.Count takes every lock of the table).
    private static int _recentCount;

    public static string Serialize<T>(T resource) => JsonSerializer.Serialize(resource, Options);

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

        var value = JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");
        if (!remember)
        {
            return value;
        }

        if (Interlocked.Increment(ref _recentCount) > RecentCapacity)
        {
            Recent.Clear();
            Interlocked.Exchange(ref _recentCount, 0);
        }

        Recent[json] = value;
        return value;
    }
}
