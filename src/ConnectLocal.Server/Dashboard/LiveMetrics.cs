using System.Text;
using System.Text.Json;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Routing;
using Instance = ConnectLocal.Core.Resources.Instance;
using Queue = ConnectLocal.Core.Resources.Queue;
using ContactState = ConnectLocal.Core.Routing.ContactState;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The real-time view of one instance: per Region and queue the numbers GetCurrentMetricData answers (computed by
/// the same code, <see cref="CurrentMetrics.Compute"/>, on the same engine), per agent its Region, status and slots
/// used of its concurrency per channel (the fields GetCurrentUserData answers), its contacts (in progress, and the
/// latest ended), and its traffic distribution groups' status and distributions, pushed as server-sent events by
/// <see cref="LiveFeeds"/> (one sampler per instance however many pages watch it; none when no page does).
/// </summary>
internal static class LiveMetrics
{
    /// <summary>[choice] The contacts in progress the live view lists (the most recent first), and the ended ones after them.</summary>
    public const int ContactsShown = 50;

    public const int EndedContactsShown = 10;

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
            return routing.Use(caller, instanceId, (r, instance) => store.Read(session => Write(session, r, instance, now)));
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static string Write(IStoreSession session, InstanceRouting routing, Instance instance, DateTimeOffset now)
    {
        var engine = routing.Engine;
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
            WriteContacts(json, routing, records, queues.ToDictionary(q => q.Queue.Id, q => q.Queue.Name ?? q.Queue.Id, StringComparer.Ordinal));
            WriteGroups(json, session, instance);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The contacts of the instance: those in their inbound flow (paused by a Wait) and those in progress, the most
    /// recently initiated first, then the latest ended; each with what the list shows and whether it has a flow log.
    /// </summary>
    private static void WriteContacts(Utf8JsonWriter json, InstanceRouting routing, RoutingRecords records, Dictionary<string, string> queueNames)
    {
        var flows = routing.Flows;
        json.WriteStartArray("contacts");
        var shown = 0;
        foreach (var contact in flows?.InFlow.OrderByDescending(c => c.Log.Count > 0 ? c.Log[0].Timestamp : default).Take(ContactsShown) ?? [])
        {
            json.WriteStartObject();
            json.WriteString("id", contact.Id);
            json.WriteString("channel", RoutingChannels.Name(contact.Channel));
            json.WriteString("state", "IN_FLOW");
            json.WriteString("region", contact.Region);
            json.WriteString("queue", contact.TargetQueue?.Name ?? contact.TargetQueue?.Id);
            json.WriteNull("agent");
            if (contact.Log.Count > 0)
            {
                json.WriteString("since", contact.Log[0].Timestamp);
            }
            else
            {
                json.WriteNull("since");
            }

            json.WriteBoolean("flowLog", true);
            json.WriteEndObject();
            shown++;
        }

        var engine = routing.Engine;
        var active = engine.Contacts.Where(c => c.State != ContactState.Ended).OrderByDescending(c => c.InitiatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Take(Math.Max(0, ContactsShown - shown));
        var ended = engine.Contacts.Where(c => c.State == ContactState.Ended).OrderByDescending(c => c.EndedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Take(EndedContactsShown);
        foreach (var contact in active.Concat(ended))
        {
            json.WriteStartObject();
            json.WriteString("id", contact.Id);
            json.WriteString("channel", RoutingChannels.Name(contact.Channel));
            json.WriteString("state", StateName(contact));
            json.WriteString("region", contact.Region);
            json.WriteString("queue", contact.QueueId is { } queueId ? queueNames.GetValueOrDefault(queueId) ?? records.Queue(queueId)?.Name ?? queueId : null);
            json.WriteString("agent", contact.Agent is { } agent ? records.User(agent.UserId)?.Username ?? agent.UserId : null);
            json.WriteString("since", contact.StateSince);
            json.WriteBoolean("flowLog", flows?.ContactOf(contact) is { Log.Count: > 0 });
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The state the control API's contact view names (GET /_connectlocal/routing/contacts/{id}).</summary>
    public static string StateName(RoutedContact contact) => contact.State switch
    {
        ContactState.Queued => "QUEUED",
        ContactState.Offered => "OFFERED",
        ContactState.Connected => "CONNECTED",
        ContactState.AfterContactWork => "AFTER_CONTACT_WORK",
        ContactState.Scheduled => "SCHEDULED",
        _ => "ENDED",
    };

    /// <summary>The instance's traffic distribution groups: status and the three distributions, as the instance page draws them.</summary>
    private static void WriteGroups(Utf8JsonWriter json, IStoreSession session, Instance instance)
    {
        json.WriteStartArray("groups");
        if (instance.Replication is { } link)
        {
            foreach (var group in TrafficDistributionService.GroupsOf(session, instance.AccountId, link.SourceRegion, instance.Id))
            {
                json.WriteStartObject();
                json.WriteString("id", group.Id);
                json.WriteString("status", group.Status);
                json.WriteStartObject("telephony");
                foreach (var r in group.Regions)
                {
                    json.WriteNumber(r, group.Telephony.FirstOrDefault(s => s.Region == r)?.Percentage ?? 0);
                }

                json.WriteEndObject();
                json.WriteStartObject("agents");
                foreach (var share in group.Agents)
                {
                    json.WriteNumber(share.Region, share.Percentage);
                }

                json.WriteEndObject();
                json.WriteStartObject("signIn");
                foreach (var share in group.SignIn)
                {
                    json.WriteBoolean(share.Region, share.Enabled);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    /// <summary>GET …/live: the instance's numbers as server-sent events until the page goes away.</summary>
    public static Task StreamAsync(HttpContext http, string accountId, string region, string instanceId) =>
        http.RequestServices.GetRequiredService<LiveFeeds>().StreamAsync(http, $"instance/{accountId}/{region}/{instanceId}",
            () => Sample(http.RequestServices, accountId, region, instanceId));
}
