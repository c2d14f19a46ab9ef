using System.Text;
using System.Text.Json;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Routing;
using Instance = ConnectLocal.Core.Resources.Instance;
using Queue = ConnectLocal.Core.Resources.Queue;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The real-time view of one instance: per Region and queue the numbers GetCurrentMetricData answers (computed by
/// the same code, <see cref="CurrentMetrics.Compute"/>, on the same engine), and per agent its Region, status and
/// slots used of its concurrency per channel (the fields GetCurrentUserData answers), pushed as server-sent events.
/// [choice] While a page listens, the server samples the instance every <see cref="SampleInterval"/> and sends an
/// event only when the numbers changed (and a comment line every 15 s so that proxies keep the stream open); with
/// no page open nothing runs, so API requests pay nothing for the dashboard.
/// </summary>
internal static class LiveMetrics
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly string[] QueueMetrics = ["CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "AGENTS_ONLINE"];
    private static readonly List<string> Channels = ["VOICE", "CHAT", "TASK"];

    /// <summary>The instance's live numbers as JSON; null when the instance does not exist (any more).</summary>
    public static string? Sample(IServiceProvider services, string accountId, string region, string instanceId)
    {
        var store = services.GetRequiredService<IConnectStore>();
        var routing = services.GetRequiredService<RoutingHost>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var caller = new Caller(accountId, region, now, "dashboard");
        try
        {
            return routing.Use(caller, instanceId, (r, instance) => store.Read(session => Write(session, r.Engine, instance, now)));
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static string Write(IStoreSession session, RoutingEngine engine, Instance instance, DateTimeOffset now)
    {
        var records = new RoutingRecords(session, instance);
        var regions = instance.Replication is { } link ? [link.SourceRegion, link.ReplicaRegion] : new[] { instance.Region };
        // A replica has default queues of its own (BasicQueue in each Region): the Region of its record tells them apart.
        var queues = regions.SelectMany(r => session.All<Queue>(new ResourceScope(instance.AccountId, r, instance.Id)).Select(q => (Queue: q, Home: r)))
            .Where(q => q.Queue.QueueType == Queue.Standard)
            .DistinctBy(q => q.Queue.Id)
            .OrderBy(q => q.Queue.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(q => q.Home, StringComparer.Ordinal)
            .ToList();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("regions");
            foreach (var region in regions)
            {
                json.WriteStartObject();
                json.WriteString("region", region);
                json.WriteStartArray("queues");
                if (queues.Count > 0)
                {
                    var request = new GetCurrentMetricDataRequest
                    {
                        InstanceId = instance.Id,
                        Filters = new Filters { Queues = queues.Select(q => q.Queue.Id).ToList(), Channels = Channels },
                        Groupings = ["QUEUE"],
                        CurrentMetrics = QueueMetrics.Select(m => new CurrentMetric { Name = m }).ToList(),
                    };
                    var results = CurrentMetrics.Compute(engine, records, new Caller(instance.AccountId, region, now, "dashboard"), request);
                    foreach (var result in results)
                    {
                        var (queue, home) = queues.First(q => q.Queue.Id == result.Dimensions!.Queue!.Id);
                        json.WriteStartObject();
                        json.WriteString("id", queue.Id);
                        json.WriteString("name", queue.Name);
                        json.WriteString("record", home);
                        foreach (var value in result.Collections!)
                        {
                            json.WriteNumber(value.Metric!.Name!, Math.Round(value.Value ?? 0, 1));
                        }

                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("agents");
            foreach (var agent in engine.Agents.OrderBy(a => records.User(a.UserId)?.Username, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", agent.UserId);
                json.WriteString("username", records.User(agent.UserId)?.Username ?? agent.UserId);
                json.WriteString("region", agent.Region);
                json.WriteString("status", agent.Settings.StatusId is { } statusId ? records.Status(statusId)?.Name : null);
                json.WriteBoolean("online", agent.IsOnline);
                json.WriteStartObject("slots");
                foreach (var channel in RoutingChannels.All.Where(c => agent.MaxSlots(c) > 0 || agent.ActiveSlots(c) > 0))
                {
                    json.WriteStartObject(RoutingChannels.Name(channel));
                    json.WriteNumber("active", agent.ActiveSlots(channel));
                    json.WriteNumber("max", agent.MaxSlots(channel));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>GET …/live: the instance's numbers as server-sent events until the page goes away.</summary>
    public static async Task StreamAsync(HttpContext http, string accountId, string region, string instanceId)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        string? last = null;
        var quietSince = DateTimeOffset.UtcNow;
        var aborted = http.RequestAborted;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var sample = Sample(http.RequestServices, accountId, region, instanceId) ?? "null";
                if (sample != last)
                {
                    await http.Response.WriteAsync($"data: {sample}\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                    last = sample;
                    quietSince = DateTimeOffset.UtcNow;
                }
                else if (DateTimeOffset.UtcNow - quietSince > KeepAlive)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                    quietSince = DateTimeOffset.UtcNow;
                }

                await Task.Delay(SampleInterval, aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed or the server is stopping.
        }
    }
}
