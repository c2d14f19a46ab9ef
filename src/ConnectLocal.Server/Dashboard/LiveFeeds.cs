using System.Collections.Concurrent;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Http;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The dashboard's server-sent event streams, coalesced and debounced. [choice] One sampler per thing watched (an
/// instance's live numbers, a contact's flow log), however many pages watch it; it runs while at least one page
/// listens and stops with the last one. It looks every <see cref="SampleInterval"/> but samples only when something
/// could have changed — an API request or control call used a routing engine (<see cref="RoutingHost.Uses"/>, not
/// counting the dashboard's own samples) or the store committed a write (its change feed) — and otherwise once per
/// <see cref="QuietInterval"/> (ages grow, timers fall due). Each page is sent the latest sample when it changed, plus
/// a comment line every 15 s so that proxies keep the stream open. With no page open nothing runs; with pages open
/// the cost is at most one sample per interval per thing watched, whatever the number of pages and the request rate.
/// </summary>
internal sealed class LiveFeeds(RoutingHost? host = null, Core.Ports.IConnectStore? store = null)
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a sampler goes without sampling while pages listen, when nothing was used or written.</summary>
    public static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Feed> _feeds = new(StringComparer.Ordinal);
    private long _ownUses;

    /// <summary>What changes when something the samples show may have changed; null: unknown, sample every interval.</summary>
    private (long Uses, long Writes)? Fingerprint() => host is null && store is null
        ? null
        : ((host?.Uses ?? 0) - Interlocked.Read(ref _ownUses), (store as Core.Ports.IStoreChangeFeed)?.Latest ?? 0);

    /// <summary>Samples made: for tests and the benchmark.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    private long _samples;

    /// <summary>How many samplers run now (tests: one per thing watched, none when no page listens).</summary>
    public int Running => _feeds.Count;

    /// <summary>
    /// Streams <paramref name="sample"/>'s answers (JSON, "null" when the thing is gone) as server-sent events until the
    /// page goes away. Pages watching the same <paramref name="key"/> share one sampler.
    /// </summary>
    public async Task StreamAsync(HttpContext http, string key, Func<string?> sample)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        var aborted = http.RequestAborted;
        var feed = Subscribe(key, sample);
        try
        {
            long sent = 0;
            while (!aborted.IsCancellationRequested)
            {
                var (version, data, next) = feed.Current;
                if (version != sent)
                {
                    await http.Response.WriteAsync($"data: {data}\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                    sent = version;
                }

                if (await Task.WhenAny(next, Task.Delay(KeepAlive, aborted)) != next && !aborted.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed or the server is stopping.
        }
        finally
        {
            Unsubscribe(key, feed);
        }
    }

    private Feed Subscribe(string key, Func<string?> sample)
    {
        while (true)
        {
            var feed = _feeds.GetOrAdd(key, _ => new Feed(this, sample));
            lock (feed)
            {
                if (feed.Stopped)
                {
                    continue; // its last page left just now: start a new one
                }

                if (feed.Subscribers++ == 0)
                {
                    feed.Loop = Task.Run(() => feed.RunAsync());
                }

                return feed;
            }
        }
    }

    private void Unsubscribe(string key, Feed feed)
    {
        lock (feed)
        {
            if (--feed.Subscribers == 0)
            {
                feed.Stopped = true;
                feed.Stop.Cancel();
                _feeds.TryRemove(new KeyValuePair<string, Feed>(key, feed));
            }
        }
    }

    private sealed class Feed(LiveFeeds owner, Func<string?> sample)
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _data;
        private long _version;

        public int Subscribers { get; set; }

        public bool Stopped { get; set; }

        public CancellationTokenSource Stop { get; } = new();

        public Task? Loop { get; set; }

        /// <summary>The latest sample, its version (0: none yet) and a task that completes when the next one differs.</summary>
        public (long Version, string? Data, Task Next) Current
        {
            get
            {
                lock (this)
                {
                    return (_version, _data, _next.Task);
                }
            }
        }

        public async Task RunAsync()
        {
            try
            {
                (long, long)? seen = null;
                var sampledAt = DateTimeOffset.MinValue;
                while (!Stop.IsCancellationRequested)
                {
                    // Taken before sampling: a request during the sample moves it, and the next look samples again.
                    var fingerprint = owner.Fingerprint();
                    if (fingerprint is not null && fingerprint == seen && DateTimeOffset.UtcNow - sampledAt < QuietInterval)
                    {
                        await Task.Delay(SampleInterval, Stop.Token);
                        continue;
                    }

                    Interlocked.Increment(ref owner._ownUses); // each sample uses an engine once: not a change
                    Interlocked.Increment(ref owner._samples);
                    (seen, sampledAt) = (fingerprint, DateTimeOffset.UtcNow);
                    var data = sample() ?? "null";
                    TaskCompletionSource? changed = null;
                    lock (this)
                    {
                        if (data != _data)
                        {
                            (_data, _version, changed, _next) = (data, _version + 1, _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                        }
                    }

                    changed?.TrySetResult();
                    await Task.Delay(SampleInterval, Stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The last page left.
            }
        }
    }
}
