using System.Globalization;
using System.Net;
using System.Text;
using ConnectLocal.Core.Flows;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The dashboard's pages, rendered on the server as plain HTML (no build step, nothing fetched from elsewhere): one
/// stylesheet and one script, both served by the server, add the live numbers and the controls.
/// </summary>
internal static class DashboardPages
{
    public const string Root = Control.ControlApi.Prefix + "/ui";

    public static string InstanceUrl(string accountId, string region, string instanceId) =>
        $"{Root}/instances/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(region)}/{Uri.EscapeDataString(instanceId)}";

    public static string FlowUrl(string accountId, string region, string instanceId, string flowId) =>
        $"{InstanceUrl(accountId, region, instanceId)}/flows/{Uri.EscapeDataString(flowId)}";

    /// <summary>The anchor of a record on its instance's page: the record kind and its id.</summary>
    public static string Anchor(string kind, string id) => $"{kind}-{id}";

    public static string Home(IReadOnlyList<Instance> instances)
    {
        var html = new StringBuilder();
        html.Append("<h1>Instances</h1>");
        if (instances.Count == 0)
        {
            html.Append("<p class=\"empty\">No instance yet. Create one with any client, e.g. <code>aws connect create-instance --identity-management-type CONNECT_MANAGED --inbound-calls-enabled --outbound-calls-enabled --endpoint-url …</code>.</p>");
        }

        foreach (var account in instances.GroupBy(i => i.AccountId))
        {
            html.Append($"<section class=\"account\" id=\"account-{E(account.Key)}\"><h2>Account {E(account.Key)}</h2>");
            foreach (var region in account.GroupBy(i => i.Region))
            {
                html.Append($"<h3>{E(region.Key)}</h3><table><thead><tr><th>Alias</th><th>Id</th><th>Status</th><th>Global Resiliency</th><th>Created</th></tr></thead><tbody>");
                foreach (var instance in region)
                {
                    var replication = instance.Replication is { } link
                        ? $"{(link.SourceRegion == instance.Region ? "source; replica in " + E(link.ReplicaRegion) : "replica of " + E(link.SourceRegion))} ({E(link.Status)})"
                        : "—";
                    html.Append($"<tr class=\"instance\" id=\"instance-{E(instance.Id)}-{E(instance.Region)}\"><td><a href=\"{E(InstanceUrl(instance.AccountId, instance.Region, instance.Id))}\">{E(instance.InstanceAlias ?? instance.Id)}</a></td>"
                        + $"<td><code>{E(instance.Id)}</code></td><td>{E(instance.Status)}</td><td>{replication}</td><td>{E(instance.CreatedTime.ToString("u", CultureInfo.InvariantCulture))}</td></tr>");
                }

                html.Append("</tbody></table>");
            }

            html.Append("</section>");
        }

        return Layout("Instances", html.ToString());
    }

    public static string Instance(InstanceView view)
    {
        var i = view.Instance;
        var html = new StringBuilder();
        html.Append($"<p class=\"crumbs\"><a href=\"{Root}\">Instances</a> › account {E(i.AccountId)} › {E(i.Region)}</p>");
        html.Append($"<h1>{E(i.InstanceAlias ?? i.Id)}</h1><p><code>{E(i.Arn)}</code> · {E(i.Status)} · {E(i.IdentityManagementType)}");
        if (i.Replication is { } link)
        {
            var other = link.SourceRegion == i.Region ? link.ReplicaRegion : link.SourceRegion;
            html.Append($" · replicated ({E(link.Status)}): <a href=\"{E(InstanceUrl(i.AccountId, other, i.Id))}\">the records in {E(other)}</a>");
        }

        html.Append("</p><nav class=\"sections\"><a href=\"#live\">Real time</a> <a href=\"#contacts\">Contacts</a> <a href=\"#routing-profiles\">Routing profiles</a> <a href=\"#queues\">Queues</a> <a href=\"#users\">Users</a> <a href=\"#flows\">Flows</a> <a href=\"#phone-numbers\">Phone numbers</a> <a href=\"#traffic\">Traffic distribution</a></nav>");

        html.Append($"<section id=\"live\" data-live=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}/live\"><h2>Real time <span class=\"live-state\" id=\"live-state\">connecting…</span></h2>");
        html.Append("<p class=\"note\">The numbers GetCurrentMetricData and GetCurrentUserData answer, per Region, pushed by the server as contacts are routed.</p>");
        html.Append("<div id=\"live-regions\"></div><h3>Agents</h3><table id=\"live-agents\"><thead><tr><th>Agent</th><th>Region</th><th>Status</th><th>Voice</th><th>Chat</th><th>Task</th><th>Email</th></tr></thead><tbody></tbody></table>");
        html.Append($"<h3 id=\"contacts\">Contacts</h3><p class=\"note\">In their flow, queued, with an agent (the most recent {LiveMetrics.ContactsShown}), then the last {LiveMetrics.EndedContactsShown} ended. A contact's page shows its flow log.</p>");
        html.Append($"<table id=\"live-contacts\" data-base=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}/contacts/\"><thead><tr><th>Contact</th><th>Channel</th><th>State</th><th>Region</th><th>Queue</th><th>Agent</th><th>Since (UTC)</th><th>Flow log</th></tr></thead><tbody></tbody></table></section>");

        html.Append("<section id=\"routing-profiles\"><h2>Routing profiles</h2><table><thead><tr><th>Name</th><th>Media concurrency (cross-channel behaviour)</th><th>Queues (channel, priority, delay)</th><th>Default outbound queue</th></tr></thead><tbody>");
        foreach (var p in view.Profiles)
        {
            var concurrency = string.Join("<br>", p.MediaConcurrencies.Select(m =>
                $"{E(m.Channel)} {m.Concurrency}{(m.CrossChannelBehavior is { } b ? $" <span class=\"muted\">({E(b)})</span>" : string.Empty)}"));
            var queues = string.Join("<br>", p.Queues.OrderBy(q => q.Priority).ThenBy(q => q.Channel, StringComparer.Ordinal).Select(q =>
                $"<a href=\"#{E(Anchor("queue", q.QueueId))}\">{E(view.NameOfQueue(q.QueueId))}</a> {E(q.Channel)}, priority {q.Priority}, delay {q.Delay} s"));
            html.Append($"<tr id=\"{E(Anchor("routing-profile", p.Id))}\"><td>{E(p.Name)}<br><code class=\"id\">{E(p.Id)}</code></td><td>{concurrency}</td><td>{queues}</td><td>{E(view.NameOfQueue(p.DefaultOutboundQueueId))}</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section id=\"queues\"><h2>Queues</h2><table><thead><tr><th>Name</th><th>Status</th><th>Hours of operation</th><th>Max contacts</th></tr></thead><tbody>");
        foreach (var q in view.Queues)
        {
            var hours = view.Hours.FirstOrDefault(h => h.Id == q.HoursOfOperationId);
            html.Append($"<tr id=\"{E(Anchor("queue", q.Id))}\"><td>{E(q.Name ?? q.Id)}<br><code class=\"id\">{E(q.Id)}</code></td><td>{E(q.Status)}</td>"
                + $"<td>{(hours is null ? "—" : $"<a href=\"#{E(Anchor("hours-of-operation", hours.Id))}\">{E(hours.Name)}</a> ({E(hours.TimeZone)})")}</td><td>{(q.MaxContacts is { } max ? max.ToString(CultureInfo.InvariantCulture) : "—")}</td></tr>");
        }

        html.Append("</tbody></table><h3>Hours of operation</h3><table><thead><tr><th>Name</th><th>Time zone</th><th>Hours</th></tr></thead><tbody>");
        foreach (var h in view.Hours)
        {
            var slots = string.Join(", ", h.Config.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Day[..3]} {s.StartHours:D2}:{s.StartMinutes:D2}–{s.EndHours:D2}:{s.EndMinutes:D2}")));
            html.Append($"<tr id=\"{E(Anchor("hours-of-operation", h.Id))}\"><td>{E(h.Name)}<br><code class=\"id\">{E(h.Id)}</code></td><td>{E(h.TimeZone)}</td><td>{E(slots)}</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section id=\"users\"><h2>Users</h2><table><thead><tr><th>Username</th><th>Routing profile</th><th>Agent status</th><th>Auto-accept, ACW limit</th></tr></thead><tbody>");
        foreach (var u in view.Users)
        {
            html.Append($"<tr id=\"{E(Anchor("user", u.Id))}\"><td>{E(u.Username)}<br><code class=\"id\">{E(u.Id)}</code></td>"
                + $"<td><a href=\"#{E(Anchor("routing-profile", u.RoutingProfileId))}\">{E(view.NameOfProfile(u.RoutingProfileId))}</a></td>"
                + $"<td class=\"status\">{E(view.NameOfStatus(u.AgentStatusId) ?? "—")}{(u.NextAgentStatusId is { } next ? $" → {E(view.NameOfStatus(next)!)}" : string.Empty)}</td>"
                + $"<td>{(u.PhoneConfig.AutoAccept ? "yes" : "no")}, {u.PhoneConfig.AfterContactWorkTimeLimit} s</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section id=\"flows\"><h2>Flows</h2><table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>Status</th></tr></thead><tbody>");
        foreach (var f in view.Flows)
        {
            html.Append($"<tr id=\"{E(Anchor("contact-flow", f.Id))}\"><td><a href=\"{E(FlowUrl(i.AccountId, i.Region, i.Id, f.Id))}\">{E(f.Name)}</a><br><code class=\"id\">{E(f.Id)}</code></td><td>{E(f.Type)}</td><td>{E(f.State)}</td><td>{E(f.Status)}</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section id=\"phone-numbers\"><h2>Phone numbers</h2><table><thead><tr><th>Number</th><th>Type</th><th>Target</th><th>Flow</th></tr></thead><tbody>");
        foreach (var n in view.Numbers)
        {
            var target = n.TrafficDistributionGroupId is { } groupId
                ? $"traffic distribution group <a href=\"#{E(Anchor("traffic-distribution-group", groupId))}\">{E(view.Groups.FirstOrDefault(g => g.Id == groupId)?.Name ?? groupId)}</a>"
                : $"instance ({E(n.Region)})";
            var flow = n.ContactFlowId is { } flowId ? $"<a href=\"{E(FlowUrl(i.AccountId, i.Region, i.Id, flowId))}\">{E(view.Flows.FirstOrDefault(f => f.Id == flowId)?.Name ?? flowId)}</a>" : "—";
            html.Append($"<tr id=\"{E(Anchor("phone-number", n.Id))}\"><td>{E(n.PhoneNumber)}<br><code class=\"id\">{E(n.Id)}</code></td><td>{E(n.Type)} {E(n.CountryCode)}</td><td>{target}</td><td>{flow}</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section id=\"traffic\"><h2>Traffic distribution groups</h2>");
        if (view.Groups.Count == 0)
        {
            html.Append("<p class=\"empty\">None (a traffic distribution group needs a replicated instance: ReplicateInstance, then CreateTrafficDistributionGroup).</p>");
        }

        foreach (var g in view.Groups)
        {
            html.Append(Group(g));
        }

        html.Append("</section>");
        return Layout(i.InstanceAlias ?? i.Id, html.ToString());
    }

    /// <summary>A group's three distributions as bars, and the control that sends all telephony to one Region or splits it.</summary>
    private static string Group(TrafficDistributionGroup g)
    {
        var controlUrl = $"{Root}/traffic/{Uri.EscapeDataString(g.AccountId)}/{Uri.EscapeDataString(g.Region)}/{Uri.EscapeDataString(g.Id)}";
        var html = new StringBuilder();
        html.Append($"<div class=\"group\" id=\"{E(Anchor("traffic-distribution-group", g.Id))}\" data-group=\"{E(g.Id)}\" data-control=\"{E(controlUrl)}\" data-regions=\"{E(string.Join(',', g.Regions))}\">");
        html.Append($"<h3>{E(g.Name)}{(g.IsDefault ? " <span class=\"muted\">(default)</span>" : string.Empty)}</h3><p><code class=\"id\">{E(g.Arn)}</code> · <span class=\"group-status\">{E(g.Status)}</span> · {g.UserIds.Count} user(s)</p>");
        html.Append(Bar("Telephony", "telephony", g.Regions, r => g.Telephony.FirstOrDefault(s => s.Region == r)?.Percentage ?? 0));
        if (g.Agents.Count > 0)
        {
            html.Append(Bar("Agents", "agents", g.Regions, r => g.Agents.FirstOrDefault(s => s.Region == r)?.Percentage ?? 0));
        }

        if (g.SignIn.Count > 0)
        {
            html.Append("<div class=\"split\" data-kind=\"sign-in\"><span class=\"label\">Sign-in</span>");
            foreach (var r in g.Regions)
            {
                var enabled = g.SignIn.FirstOrDefault(s => s.Region == r)?.Enabled ?? true;
                html.Append($"<span class=\"signin {(enabled ? "on" : "off")}\" data-region=\"{E(r)}\">{E(r)}: {(enabled ? "enabled" : "disabled")}</span>");
            }

            html.Append("</div>");
        }

        html.Append("<div class=\"controls\"><span class=\"label\">Telephony</span>");
        foreach (var r in g.Regions)
        {
            html.Append($"<button type=\"button\" class=\"shift\" data-region=\"{E(r)}\">100 % to {E(r)}</button>");
        }

        var first = g.Telephony.FirstOrDefault(s => s.Region == g.Region)?.Percentage ?? 100;
        html.Append($"<label>{E(g.Region)} <input type=\"number\" class=\"percent\" min=\"0\" max=\"100\" value=\"{first}\"> %</label><button type=\"button\" class=\"apply\">Apply split</button>");
        html.Append("<span class=\"result\" role=\"status\"></span></div></div>");
        return html.ToString();
    }

    private static string Bar(string label, string kind, IReadOnlyList<string> regions, Func<string, int> percentage)
    {
        var html = new StringBuilder($"<div class=\"split\" data-kind=\"{kind}\"><span class=\"label\">{label}</span><span class=\"bar\">");
        var index = 0;
        foreach (var r in regions)
        {
            var p = percentage(r);
            html.Append($"<span class=\"share r{index++}\" data-region=\"{E(r)}\" data-percentage=\"{p}\" style=\"width:{p}%\" title=\"{E(r)} {p} %\">{(p > 0 ? $"{E(r)} {p} %" : string.Empty)}</span>");
        }

        return html.Append("</span></div>").ToString();
    }

    public static string Flow(InstanceView view, ContactFlow flow, string? svg)
    {
        var i = view.Instance;
        var html = new StringBuilder();
        html.Append($"<p class=\"crumbs\"><a href=\"{Root}\">Instances</a> › <a href=\"{E(InstanceUrl(i.AccountId, i.Region, i.Id))}#flows\">{E(i.InstanceAlias ?? i.Id)}</a> › flow</p>");
        html.Append($"<h1>{E(flow.Name)}</h1><p><code>{E(flow.Arn)}</code> · {E(flow.Type)} · {E(flow.State)} · {E(flow.Status)}</p>");
        html.Append(svg is null ? "<p class=\"empty\">The content is not flow-language JSON.</p>" : $"<div class=\"graph\">{svg}</div>");
        html.Append($"<details><summary>Content</summary><pre>{E(flow.Content)}</pre></details>");
        return Layout(flow.Name, html.ToString());
    }

    public static string Search(string query, IReadOnlyList<(SearchHit Hit, string? Url)> hits)
    {
        var html = new StringBuilder($"<h1>Search</h1><p>Records with the id <code>{E(query)}</code> (or the id of that ARN):</p>");
        if (hits.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing found.</p>");
        }

        html.Append("<ul class=\"hits\">");
        foreach (var (hit, url) in hits)
        {
            var text = $"{E(hit.Kind)} {E(hit.Name ?? hit.Id)} — account {E(hit.AccountId)}, {E(hit.Region)}";
            html.Append(url is null ? $"<li>{text}</li>" : $"<li><a href=\"{E(url)}\">{text}</a></li>");
        }

        return Layout("Search", html.Append("</ul>").ToString());
    }

    public static string Login(bool failed) => Layout("Sign in", $"""
        <h1>Sign in</h1>
        <p>This server was started with <code>--control-token</code>: the dashboard, like the control API, needs that token.</p>
        {(failed ? "<p class=\"error\">That is not this server's control token.</p>" : string.Empty)}
        <form method="post" action="{Root}/login"><label>Control token <input type="password" name="token" autocomplete="current-password" autofocus></label> <button type="submit">Sign in</button></form>
        """, signedIn: false);

    public static string Simulations(IReadOnlyList<string> examples) => Layout("Simulations", $"""
        <h1>Simulations</h1>
        <p>Runs a what-if scenario (docs/routing.md) in virtual time on a fresh in-memory instance of its own, as
        <code>connectlocal simulate</code> does; this server's data is not touched.</p>
        <form id="simulate" data-run="{Root}/simulations/run">
          <label>Example <select name="example"><option value="">—</option>{string.Concat(examples.Select(e => $"<option>{E(e)}</option>"))}</select></label>
          <label>or a scenario file (.json, .yaml) <input type="file" name="file" accept=".json,.yaml,.yml"></label>
          <button type="submit">Run</button> <span class="result" role="status"></span>
        </form>
        <div id="report"></div>
        """);

    public static string NotFound(string what) => Layout("Not found", $"<h1>Not found</h1><p class=\"empty\">{E(what)}</p>");

    public static string Layout(string title, string body, bool signedIn = true) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · ConnectLocal</title><link rel="stylesheet" href="{Root}/assets/dashboard.css"></head>
        <body><header><a class="brand" href="{Root}">ConnectLocal</a>{(signedIn ? $"""
         <a href="{Root}/simulations">Simulations</a>
        <form class="search" method="get" action="{Root}/search"><input type="search" name="q" placeholder="id or ARN" aria-label="id or ARN"> <button type="submit">Find</button></form>
        """ : string.Empty)}</header>
        <main>{body}</main><script src="{Root}/assets/dashboard.js"></script></body></html>
        """;

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
