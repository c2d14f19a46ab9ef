using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static ConnectLocal.Server.Dashboard.DashboardPages;

namespace ConnectLocal.Server.Dashboard;

/// <summary>What the contact page shows of one contact: its routing state and its flow log (a copy, taken under the instance's lock).</summary>
internal sealed record ContactView(
    string Id,
    string Channel,
    string Initiation,
    string State,
    string Region,
    string? QueueId,
    string? QueueName,
    string? AgentId,
    string? AgentName,
    DateTimeOffset? InitiatedAt,
    DateTimeOffset? EnqueuedAt,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    string? FlowOutcome,
    string? TrafficDistributionGroupId,
    IReadOnlyList<FlowLogEntry> Log);

/// <summary>
/// A contact on the dashboard (<c>…/instances/{account}/{region}/{instanceId}/contacts/{contactId}</c>), reached from
/// the real-time view's contact list or by searching its id: its routing state and its flow log — every action it ran,
/// with type, parameters, the result and branch taken, the error, and when — the same entries
/// <c>GET /_connectlocal/routing/contacts/{id}/flow-logs</c> answers, and the graphs of the flows it ran with the
/// actions it went through marked. The state and the log are pushed live (<c>…/live</c>, <see cref="LiveFeeds"/>), so
/// a contact paused in a Wait or waiting in a queue with a customer queue flow shows each action as it runs.
/// </summary>
internal static class ContactPage
{
    public static string Url(string accountId, string region, string instanceId, string contactId) =>
        $"{InstanceUrl(accountId, region, instanceId)}/contacts/{Uri.EscapeDataString(contactId)}";

    /// <summary>The contact of the instance, or null when the instance does not hold it (any more).</summary>
    public static ContactView? Read(IServiceProvider services, string accountId, string region, string instanceId, string contactId)
    {
        var host = services.GetRequiredService<RoutingHost>();
        var store = services.GetRequiredService<IConnectStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        try
        {
            return host.Use(new Caller(accountId, region, now, "dashboard"), instanceId, (routing, instance) =>
            {
                var flow = routing.Flows?.Find(contactId);
                var routed = routing.Engine.FindContact(contactId);
                if (routed is null && flow is null)
                {
                    return null;
                }

                return store.Read(session =>
                {
                    var records = new RoutingRecords(session, instance);
                    var details = routed?.Tag as ContactInfo;
                    var queueId = routed?.QueueId ?? flow?.TargetQueue?.Id;
                    return new ContactView(
                        contactId,
                        RoutingChannels.Name(routed?.Channel ?? flow!.Channel),
                        routed is not null ? Handlers.ConnectApi.InitiationMethod(routed) : flow!.Initiation.ToString().ToUpperInvariant(),
                        routed is not null ? LiveMetrics.StateName(routed) : "IN_FLOW",
                        routed?.Region ?? flow!.Region,
                        queueId,
                        queueId is null ? null : records.Queue(queueId)?.Name ?? flow?.TargetQueue?.Name ?? queueId,
                        routed?.Agent?.UserId,
                        routed?.Agent is { } agent ? records.User(agent.UserId)?.Username ?? agent.UserId : null,
                        routed?.InitiatedAt ?? (flow!.Log.Count > 0 ? flow.Log[0].Timestamp : null),
                        routed?.EnqueuedAt,
                        routed?.ConnectedAt,
                        routed?.EndedAt,
                        routed is null || routed.EndReason == ContactEnd.None ? null : routed.EndReason.ToString().ToUpperInvariant(),
                        flow?.Outcome.ToString().ToUpperInvariant(),
                        details?.TrafficDistributionGroupId,
                        flow?.Log.ToList() ?? []);
                });
            });
        }
        catch (DomainException)
        {
            return null;
        }
    }

    public static string Page(InstanceView view, ContactView contact)
    {
        var i = view.Instance;
        var html = new StringBuilder();
        html.Append($"<p class=\"crumbs\"><a href=\"{Root}\">Instances</a> › <a href=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}#contacts\">{E(i.InstanceAlias ?? i.Id)}</a> › contact</p>");
        html.Append($"<h1>Contact <code>{E(contact.Id)}</code> <span class=\"live-state\" id=\"live-state\">connecting…</span></h1>");
        html.Append($"<div id=\"contact\" data-contact-live=\"{E(Url(i.AccountId, i.Region, i.Id, contact.Id))}/live\">{Body(view, contact)}</div>");

        // The graphs of the flows it ran (at the time the page was opened), the actions it went through marked by the script.
        foreach (var flowId in contact.Log.Select(e => FlowId(e.FlowArn)).Distinct(StringComparer.Ordinal))
        {
            var flow = view.Flows.FirstOrDefault(f => f.Id == flowId);
            var svg = flow is null ? null : FlowGraph.Render(flow.Content);
            if (flow is not null && svg is not null)
            {
                html.Append($"<h2>Flow <a href=\"{E(FlowUrl(i.AccountId, i.Region, i.Id, flow.Id))}\">{E(flow.Name)}</a></h2><div class=\"graph\" data-flow=\"{E(flow.Id)}\">{svg}</div>");
            }
        }

        return Layout("Contact " + contact.Id, html.ToString());
    }

    /// <summary>The part of the page the live stream replaces: the contact's state and its flow log.</summary>
    public static string Body(InstanceView view, ContactView contact)
    {
        var i = view.Instance;
        var html = new StringBuilder();
        html.Append("<table class=\"contact-state\"><tbody>");
        Row(html, "State", $"<span data-field=\"state\">{E(contact.State)}</span>{(contact.EndReason is { } reason ? $" ({E(reason)})" : string.Empty)}");
        Row(html, "Channel, initiation", $"{E(contact.Channel)}, {E(contact.Initiation)}");
        Row(html, "Region", E(contact.Region) + (contact.TrafficDistributionGroupId is { } g ? $" <span class=\"muted\">(split by traffic distribution group <a href=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}#{E(Anchor("traffic-distribution-group", g))}\">{E(view.Groups.FirstOrDefault(x => x.Id == g)?.Name ?? g)}</a>)</span>" : string.Empty));
        Row(html, "Queue", contact.QueueId is null ? "—" : $"<a href=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}#{E(Anchor("queue", contact.QueueId))}\">{E(contact.QueueName)}</a>");
        Row(html, "Agent", contact.AgentId is null ? "—" : $"<a href=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}#{E(Anchor("user", contact.AgentId))}\">{E(contact.AgentName)}</a>");
        Row(html, "Initiated, queued, connected, ended", string.Join(" · ", new[] { contact.InitiatedAt, contact.EnqueuedAt, contact.ConnectedAt, contact.EndedAt }.Select(Time)));
        Row(html, "Flow outcome", E(contact.FlowOutcome ?? "— (entered without a flow)"));
        html.Append("</tbody></table>");

        html.Append($"<h2 id=\"flow-log\">Flow log <span class=\"muted\">({contact.Log.Count} action{(contact.Log.Count == 1 ? string.Empty : "s")})</span></h2>");
        if (contact.Log.Count == 0)
        {
            html.Append("<p class=\"empty\">No flow ran for this contact (it was queued directly).</p>");
            return html.ToString();
        }

        html.Append("<table class=\"flow-log\"><thead><tr><th>Time (UTC)</th><th>Flow</th><th>Action</th><th>Type</th><th>Parameters</th><th>Result</th><th>Branch (next action)</th><th>Error</th></tr></thead><tbody>");
        foreach (var entry in contact.Log)
        {
            var flowId = FlowId(entry.FlowArn);
            var parameters = string.Join("<br>", entry.Parameters.Select(p => $"{E(p.Key)}: {E(Short(p.Value))}"));
            html.Append($"<tr class=\"{(entry.Error is null ? "step" : "step failed")}\" data-flow=\"{E(flowId)}\" data-action=\"{E(entry.ActionIdentifier)}\" data-type=\"{E(entry.ActionType)}\">"
                + $"<td class=\"time\">{E(entry.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))}</td>"
                + $"<td><a href=\"{E(FlowUrl(i.AccountId, i.Region, i.Id, flowId))}\">{E(entry.FlowName)}</a></td>"
                + $"<td><code>{E(entry.ActionIdentifier)}</code></td><td>{E(entry.ActionType)}</td><td>{parameters}</td>"
                + $"<td>{E(entry.Results ?? string.Empty)}</td><td data-field=\"next\">{(entry.NextAction is null ? "<span class=\"muted\">—</span>" : $"<code>{E(entry.NextAction)}</code>")}</td>"
                + $"<td class=\"error\" data-field=\"error\">{E(entry.Error ?? string.Empty)}</td></tr>");
        }

        html.Append("</tbody></table>");
        return html.ToString();
    }

    /// <summary>GET …/contacts/{id}/live: the state and flow log part of the page, as server-sent events (JSON strings of HTML).</summary>
    public static Task StreamAsync(HttpContext http, string accountId, string region, string instanceId, string contactId) =>
        Stream(http, http.RequestServices, accountId, region, instanceId, contactId);

    private static Task Stream(HttpContext http, IServiceProvider services, string accountId, string region, string instanceId, string contactId)
    {
        // The instance's records (for names and links) are read once per sampler, not at every sample.
        InstanceView? view = null;
        return services.GetRequiredService<LiveFeeds>().StreamAsync(http, $"contact/{accountId}/{region}/{instanceId}/{contactId}", () =>
        {
            view ??= new DashboardData(services.GetRequiredService<IConnectStore>(), services.GetRequiredService<IStoreArchive>()).InstanceOf(accountId, region, instanceId);
            return view is not null && Read(services, accountId, region, instanceId, contactId) is { } contact
                ? JsonSerializer.Serialize(Body(view, contact), ServerJsonContext.Default.String)
                : null;
        });
    }

    /// <summary>The flow id of a flow ARN (…:instance/{id}/contact-flow/{flowId}).</summary>
    private static string FlowId(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static void Row(StringBuilder html, string label, string value) => html.Append($"<tr><th>{E(label)}</th><td>{value}</td></tr>");

    private static string Time(DateTimeOffset? at) => at is { } t ? E(t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)) : "—";

    private static string Short(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
