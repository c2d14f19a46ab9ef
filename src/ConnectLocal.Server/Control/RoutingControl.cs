using System.Text.Json;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Handlers;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// What AWS has no API for: a customer dialling a number, and an agent's softphone (accept, reject, complete, finish
/// after-contact work), plus the customer hanging up. Under <c>/_connectlocal/routing</c>, JSON in and out:
/// <list type="bullet">
/// <item><c>POST /_connectlocal/routing/calls</c> <c>{"phoneNumber": "+12065550100"}</c> (a claimed number; a number
/// claimed to a traffic distribution group is split by its telephony distribution) or <c>{"instanceId": "…",
/// "region": "us-east-1"}</c>; optional <c>"queueId"</c> (default: the flow's BasicQueue), <c>"patienceSeconds"</c>,
/// <c>"accountId"</c> (default 000000000000).</item>
/// <item><c>POST /_connectlocal/routing/contacts/{contactId}/accept</c>, <c>/reject</c>, <c>/complete</c> (optional
/// <c>{"afterContactWorkSeconds": 0}</c>; default: the agent's PhoneConfig.AfterContactWorkTimeLimit, 0 meaning
/// until finished), <c>/finish-after-contact-work</c>, <c>/hang-up</c>.</item>
/// <item><c>GET /_connectlocal/routing/contacts/{contactId}</c>: the contact's routing state.</item>
/// <item><c>PUT /_connectlocal/routing/seed</c> <c>{"seed": 42}</c>: the telephony split's seed.</item>
/// </list>
/// </summary>
internal static class RoutingControl
{
    private const string DefaultAccount = "000000000000";

    public static RouteGroupBuilder MapRoutingControl(this RouteGroupBuilder control)
    {
        control.MapPost("/routing/calls", http => AnswerAsync(http, (host, body) =>
            Dial(host, http.RequestServices.GetRequiredService<IConnectStore>(), http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), body)));
        control.MapGet("/routing/contacts/{contactId}", http => AnswerAsync(http, (host, _) =>
            host.UseContact(ContactId(http), (routing, contact) => View(routing, contact)) ?? throw Errors.NotFound("Contact")));
        control.MapPost("/routing/contacts/{contactId}/{action}", http => AnswerAsync(http, (host, body) =>
            host.UseContact(ContactId(http), (routing, contact) => Act(routing, contact, (string)http.Request.RouteValues["action"]!, body)) ?? throw Errors.NotFound("Contact")));
        control.MapPut("/routing/seed", http => AnswerAsync(http, (host, body) =>
        {
            host.Seed = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("seed", out var seed) && seed.TryGetUInt64(out var value)
                ? value
                : throw Errors.InvalidRequest("Give the seed: {\"seed\": 42}.");
            return new Dictionary<string, object?> { ["seed"] = host.Seed };
        }));
        return control;
    }

    private static string ContactId(HttpContext http) => (string)http.Request.RouteValues["contactId"]!;

    /// <summary>Runs one routing action on the JSON body; a domain refusal answers 404 (not found) or 400.</summary>
    internal static async Task AnswerAsync(HttpContext http, Func<RoutingHost, JsonElement?, Dictionary<string, object?>> action)
    {
        var body = await ControlApi.ReadBodyAsync(http);
        Dictionary<string, object?> answer;
        try
        {
            answer = action(http.RequestServices.GetRequiredService<RoutingHost>(), body);
        }
        catch (DomainException e)
        {
            await ConnectEndpoint.WriteErrorAsync(http, e.Kind == DomainErrorKind.NotFound ? 404 : 400,
                e.Kind == DomainErrorKind.NotFound ? "ResourceNotFoundException" : "InvalidRequestException", e.Message);
            return;
        }

        await WriteAsync(http, answer);
    }

    /// <summary>A customer dials: the number's target decides the instance, a group's telephony split the Region.</summary>
    private static Dictionary<string, object?> Dial(RoutingHost host, IConnectStore store, DateTimeOffset now, JsonElement? body)
    {
        var account = String(body, "accountId") ?? DefaultAccount;
        var patience = Seconds(body, "patienceSeconds");
        string instanceId;
        string homeRegion;
        string? numberFlowId = null;
        TrafficDistributionGroup? group = null;
        if (String(body, "phoneNumber") is { } phoneNumber)
        {
            var number = store.Read(session => PhoneNumberService.FindByNumber(session, account, phoneNumber)) ?? throw Errors.NotFound($"Phone number {phoneNumber}");
            numberFlowId = number.ContactFlowId;
            if (number.TrafficDistributionGroupId is { } groupId)
            {
                group = store.Read(session => session.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(account, Arns.Parse(number.TargetArn)!.Region), groupId))
                    ?? throw Errors.NotFound("Traffic distribution group");
                (instanceId, homeRegion) = (group.InstanceId, group.Region);
            }
            else
            {
                (instanceId, homeRegion) = (number.InstanceId!, number.Region);
            }
        }
        else
        {
            instanceId = String(body, "instanceId") ?? throw Errors.InvalidRequest("Give phoneNumber, or instanceId and region.");
            homeRegion = String(body, "region") ?? throw Errors.InvalidRequest("Give the region of the instance.");
        }

        var caller = new Caller(account, homeRegion, now, Guid.NewGuid().ToString());
        return host.Use(caller, instanceId, (routing, instance) =>
        {
            var region = group is null ? homeRegion : host.RegionForCall(routing, group);
            var id = DefaultResources.NewId();
            var arn = ConnectApi.ContactArn(caller with { Region = region }, instance, id);
            var explicitQueue = String(body, "queueId");
            // The call enters the flow the number is associated with (or "contactFlowId"); "queueId" queues it directly.
            if (explicitQueue is null && (String(body, "contactFlowId") ?? numberFlowId) is { } flowId)
            {
                var program = host.FlowsOf(routing).Resources.Flow(flowId) ?? throw Errors.NotFound(Core.Flows.ContactFlowRules.Type.Noun);
                var attributes = FlowControl.Attributes(body);
                var entered = host.StartFlow(routing, new Core.Flows.Interpreter.FlowEntry(id, region, RoutingChannel.Voice, ContactInitiation.Inbound, program, attributes,
                    Patience: patience, Tag: _ => new ContactInfo(arn, null, null, attributes, null, null, group?.Id, region)));
                return FlowControl.View(routing, entered, View);
            }

            // [choice] A number with no flow (or a call naming its queue) is queued at once, in queueId or BasicQueue.
            var queueId = explicitQueue ?? store.Read(session => RoutingRecords.FlowQueue(session, instance));
            var details = new ContactInfo(arn, null, null, null, null, null, group?.Id, region);
            var contact = host.Enqueue(routing, new ContactRequest(region, queueId, RoutingChannel.Voice, ContactInitiation.Inbound, id, patience, details));
            return View(routing, contact);
        });
    }

    private static Dictionary<string, object?> Act(InstanceRouting routing, RoutedContact contact, string action, JsonElement? body)
    {
        var engine = routing.Engine;
        switch (action)
        {
            case "accept":
                engine.Accept(contact);
                break;
            case "reject":
                engine.Reject(contact);
                break;
            case "complete":
                if (Seconds(body, "afterContactWorkSeconds") is { } afterContactWork)
                {
                    engine.Complete(contact, afterContactWork);
                }
                else
                {
                    engine.Complete(contact);
                }

                break;
            case "finish-after-contact-work":
                engine.FinishAfterContactWork(contact);
                break;
            case "hang-up":
                engine.Abandon(contact);
                break;
            default:
                throw Errors.InvalidRequest($"Unknown action '{action}': accept, reject, complete, finish-after-contact-work or hang-up.");
        }

        return View(routing, contact);
    }

    internal static Dictionary<string, object?> View(InstanceRouting routing, RoutedContact contact) => new()
    {
        ["contactId"] = contact.Id,
        ["instanceId"] = routing.InstanceId,
        ["region"] = contact.Region,
        ["channel"] = RoutingChannels.Name(contact.Channel),
        ["initiationMethod"] = ConnectApi.InitiationMethod(contact),
        ["queueId"] = contact.QueueId,
        ["state"] = contact.State switch
        {
            ContactState.Queued => "QUEUED",
            ContactState.Offered => "OFFERED",
            ContactState.Connected => "CONNECTED",
            ContactState.AfterContactWork => "AFTER_CONTACT_WORK",
            ContactState.Scheduled => "SCHEDULED",
            _ => "ENDED",
        },
        ["endReason"] = contact.EndReason == ContactEnd.None ? null : contact.EndReason.ToString().ToUpperInvariant(),
        ["agentId"] = contact.Agent?.UserId,
        ["enqueuedAt"] = contact.EnqueuedAt,
        ["connectedAt"] = contact.ConnectedAt,
        ["endedAt"] = contact.EndedAt,
    };

    /// <summary>[choice] The longest patience or after-contact work a simulated call takes: one day.</summary>
    private const double MaxSeconds = 24 * 60 * 60;

    /// <summary>An optional number of seconds (0 to one day) of the body; anything else is a 400, not an overflow.</summary>
    private static TimeSpan? Seconds(JsonElement? body, string name)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw Errors.InvalidRequest($"{name} must be a number of seconds from 0 to {MaxSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    internal static string? String(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static async Task WriteAsync(HttpContext http, Dictionary<string, object?> value)
    {
        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        foreach (var (name, item) in value)
        {
            switch (item)
            {
                case null:
                    writer.WriteNull(name);
                    break;
                case string s:
                    writer.WriteString(name, s);
                    break;
                case DateTimeOffset t:
                    writer.WriteString(name, t);
                    break;
                case ulong u:
                    writer.WriteNumber(name, u);
                    break;
                default:
                    writer.WriteString(name, item.ToString());
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
