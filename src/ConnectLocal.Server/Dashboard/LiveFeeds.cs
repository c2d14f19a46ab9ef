using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The dashboard's server-sent event streams, coalesced: [choice] one sampler per thing watched (an instance's live
/// numbers, a contact's flow log), however many pages watch it. The sampler runs every <see cref="SampleInterval"/>
/// while at least one page listens and stops with the last one; each page is sent the latest sample when it changed,
/// plus a comment line every 15 s so that proxies keep the stream open. With no page open nothing runs, so API
/// requests pay nothing for the dashboard; with pages open the cost is one sample per interval per thing watched,
/// whatever the number of pages and whatever the request rate.
/// </summary>
internal sealed class LiveFeeds
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

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
            var feed = _feeds.GetOrAdd(key, _ => new Feed(sample));
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

    private sealed class Feed(Func<string?> sample)
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
                while (!Stop.IsCancellationRequested)
                {
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
