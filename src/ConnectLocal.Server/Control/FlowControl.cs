using System.Text.Json;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Routing;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// Contact flows' control endpoints (no AWS equivalent; docs/routing.md, "Contact flows"):
/// <list type="bullet">
/// <item><c>GET /_connectlocal/routing/contacts/{contactId}/flow-logs</c>: every action the contact ran, one JSON object
/// per line (application/x-ndjson), in the shape of Amazon Connect's flow logs in CloudWatch.</item>
/// <item><c>PUT /_connectlocal/flows/lambda-responses</c> <c>{"functionArn": "…", "response": {"key": "value"}}</c> (or
/// <c>"fails": true</c>): what InvokeLambdaFunction gets from that function; <c>DELETE</c> forgets every response.</item>
/// </list>
/// </summary>
internal static class FlowControl
{
    public static RouteGroupBuilder MapFlowControl(this RouteGroupBuilder control)
    {
        control.MapGet("/routing/contacts/{contactId}/flow-logs", async http =>
        {
            var host = http.RequestServices.GetRequiredService<RoutingHost>();
            var contactId = (string)http.Request.RouteValues["contactId"]!;
            if (host.FlowLogOf(contactId) is not { } entries)
            {
                await ConnectEndpoint.WriteErrorAsync(http, 404, "ResourceNotFoundException", $"No flow log for contact {contactId}.");
                return;
            }

            http.Response.ContentType = "application/x-ndjson";
            await using var stream = new MemoryStream();
            foreach (var entry in entries)
            {
                await using (var writer = new Utf8JsonWriter(stream))
                {
                    Write(writer, entry);
                }

                stream.WriteByte((byte)'\n');
            }

            stream.Position = 0;
            await stream.CopyToAsync(http.Response.Body);
        });
        control.MapPut("/flows/lambda-responses", http => RoutingControl.AnswerAsync(http, (host, body) =>
        {
            var arn = RoutingControl.String(body, "functionArn") ?? throw Errors.InvalidRequest("Give the functionArn and its response: {\"functionArn\": \"…\", \"response\": {\"key\": \"value\"}}.");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (body!.Value.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in response.EnumerateObject())
                {
                    values[member.Name] = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
                }
            }

            var fails = body.Value.TryGetProperty("fails", out var f) && f.ValueKind == JsonValueKind.True;
            host.Lambdas.Set(arn, new LambdaResponse(values, fails));
            return new Dictionary<string, object?> { ["functionArn"] = arn, ["fails"] = fails ? "true" : "false" };
        }));
        control.MapDelete("/flows/lambda-responses", http => RoutingControl.AnswerAsync(http, (host, _) =>
        {
            host.Lambdas.Clear();
            return new Dictionary<string, object?>();
        }));
        return control;
    }

    /// <summary>The optional "attributes" object of a call: the contact's attributes when it enters its flow.</summary>
    public static IReadOnlyDictionary<string, string>? Attributes(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object
            ? a.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : m.Value.GetRawText(), StringComparer.Ordinal)
            : null;

    /// <summary>A call's routing state after its flow: the engine's view (queued, offered, ended), or IN_FLOW while a Wait holds it.</summary>
    public static Dictionary<string, object?> View(InstanceRouting routing, FlowContact contact, Func<InstanceRouting, RoutedContact, Dictionary<string, object?>> view)
    {
        var answer = contact.Routed is { } routed ? view(routing, routed) : new Dictionary<string, object?>
        {
            ["contactId"] = contact.Id,
            ["instanceId"] = routing.InstanceId,
            ["region"] = contact.Region,
            ["channel"] = RoutingChannels.Name(contact.Channel),
            ["state"] = "IN_FLOW",
        };
        answer["flowOutcome"] = contact.Outcome.ToString().ToUpperInvariant();
        return answer;
    }

    /// <summary>One flow log line: the members of Amazon Connect's flow log events, plus the branch taken and the error.</summary>
    private static void Write(Utf8JsonWriter writer, FlowLogEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("Timestamp", entry.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("ContactId", entry.ContactId);
        writer.WriteString("ContactFlowId", entry.FlowArn);
        writer.WriteString("ContactFlowName", entry.FlowName);
        writer.WriteString("ContactFlowModuleType", entry.ActionType);
        writer.WriteString("Identifier", entry.ActionIdentifier);
        writer.WriteStartObject("Parameters");
        foreach (var (name, value) in entry.Parameters)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        if (entry.Results is not null)
        {
            writer.WriteString("Results", entry.Results);
        }

        if (entry.NextAction is not null)
        {
            writer.WriteString("NextAction", entry.NextAction);
        }

        if (entry.Error is not null)
        {
            writer.WriteString("Error", entry.Error);
        }

        writer.WriteEndObject();
    }
}
