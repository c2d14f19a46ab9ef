using System.Text.Json;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>
/// The Global Resiliency control endpoints:
/// <c>GET /_connectlocal/transitions</c> (holds, delays, pending transitions),
/// <c>POST /_connectlocal/transitions/hold</c> <c>{"kind": "tdg-update"}</c>,
/// <c>POST /_connectlocal/transitions/release</c> <c>{"kind": "tdg-update"}</c> (no kind: all; applies what is due),
/// <c>PUT /_connectlocal/transitions/delays</c> <c>{"tdg-create": 2000, "tdg-update": null}</c> (milliseconds; null
/// returns to the configured delay; at most one day, <see cref="Transitions.MaxDelayMilliseconds"/>).
/// </summary>
internal static class TransitionControl
{
    public static RouteGroupBuilder MapTransitionControl(this RouteGroupBuilder control)
    {
        control.MapGet("/transitions", http => WriteStateAsync(http, applied: null));
        control.MapPost("/transitions/hold", HoldAsync);
        control.MapPost("/transitions/release", ReleaseAsync);
        control.MapPut("/transitions/delays", SetDelaysAsync);
        return control;
    }

    private static async Task HoldAsync(HttpContext http)
    {
        if (await ReadKindAsync(http) is not (true, var kind))
        {
            return;
        }

        if (kind is null)
        {
            await BadRequestAsync(http, "Give the kind to hold: {\"kind\": \"tdg-update\"}.");
            return;
        }

        http.RequestServices.GetRequiredService<IConnectStore>().Write(session => Transitions.Hold(session, kind));
        await WriteStateAsync(http, applied: null);
    }

    /// <summary>Releasing applies at once what is due, so a test sees the final status on its next read.</summary>
    private static async Task ReleaseAsync(HttpContext http)
    {
        if (await ReadKindAsync(http) is not (true, var kind))
        {
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var applied = http.RequestServices.GetRequiredService<IConnectStore>().Write(session =>
        {
            Transitions.Release(session, kind);
            return Transitions.ApplyDue(session, now);
        });
        await WriteStateAsync(http, applied);
    }

    /// <summary>The optional <c>kind</c> of a hold or release body; false when it has answered 400 already.</summary>
    private static async Task<(bool Valid, string? Kind)> ReadKindAsync(HttpContext http)
    {
        var body = await ControlApi.ReadBodyAsync(http);
        string? kind = null;
        if (body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String)
        {
            kind = k.GetString();
        }

        if (kind is not null && !TransitionKinds.All.Contains(kind))
        {
            await BadRequestAsync(http, $"Unknown transition kind '{kind}'; the kinds are {string.Join(", ", TransitionKinds.All)}.");
            return (false, null);
        }

        return (true, kind);
    }

    private static async Task SetDelaysAsync(HttpContext http)
    {
        var body = await ControlApi.ReadBodyAsync(http);
        if (body is not { ValueKind: JsonValueKind.Object } delays)
        {
            await BadRequestAsync(http, "Give delays in milliseconds by kind: {\"tdg-create\": 2000}.");
            return;
        }

        var parsed = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var p in delays.EnumerateObject())
        {
            if (!TransitionKinds.All.Contains(p.Name))
            {
                await BadRequestAsync(http, $"Unknown transition kind '{p.Name}'; the kinds are {string.Join(", ", TransitionKinds.All)}.");
                return;
            }

            if (p.Value.ValueKind == JsonValueKind.Null)
            {
                parsed[p.Name] = null;
            }
            else if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var ms) && ms is >= 0 and <= Transitions.MaxDelayMilliseconds)
            {
                parsed[p.Name] = ms;
            }
            else
            {
                await BadRequestAsync(http, $"The delay of '{p.Name}' must be a whole number of milliseconds from 0 to {Transitions.MaxDelayMilliseconds} (one day), or null.");
                return;
            }
        }

        http.RequestServices.GetRequiredService<IConnectStore>().Write(session => Transitions.SetDelays(session, parsed));
        await WriteStateAsync(http, applied: null);
    }

    private static Task BadRequestAsync(HttpContext http, string message) =>
        ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", message);

    private static async Task WriteStateAsync(HttpContext http, int? applied)
    {
        var store = http.RequestServices.GetRequiredService<IConnectStore>();
        var settings = http.RequestServices.GetRequiredService<ConnectSettings>();
        var (control, pending, delays) = store.Read(session => (
            Transitions.Control(session),
            Transitions.Pending(session),
            TransitionKinds.All.ToDictionary(k => k, k => (long)Transitions.DelayOf(session, settings, k).TotalMilliseconds)));
        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("held");
        foreach (var kind in control.Held)
        {
            writer.WriteStringValue(kind);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("delays");
        foreach (var (kind, ms) in delays)
        {
            writer.WriteNumber(kind, ms);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("pending");
        foreach (var t in pending)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", t.TransitionKind);
            writer.WriteString("accountId", t.AccountId);
            writer.WriteString("region", t.Region);
            writer.WriteString("targetId", t.TargetId);
            writer.WriteString("dueAt", t.DueAt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (applied is { } n)
        {
            writer.WriteNumber("applied", n);
        }

        writer.WriteEndObject();
    }
}
