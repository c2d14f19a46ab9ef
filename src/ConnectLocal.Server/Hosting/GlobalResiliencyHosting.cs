using System.Text.Json;
using ConnectLocal.Core.Common;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Tagging;
using ConnectLocal.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Server.Hosting;

/// <summary>
/// Applies due Global Resiliency status transitions from the stored schedule (<see cref="Transitions"/>). The clock
/// is injected, so a test can drive it; on start it also applies what fell due while the server was down.
/// </summary>
public sealed class TransitionWorker(IConnectStore store, ConnectSettings settings, TimeProvider clock, ILogger<TransitionWorker> logger) : BackgroundService
{
    /// <summary>Applies every transition due now; returns how many.</summary>
    public int RunOnce()
    {
        var now = clock.GetUtcNow();
        return store.Read(session => Transitions.AnyDue(session, now)) ? store.Write(session => Transitions.ApplyDue(session, now)) : 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.TransitionPollInterval, clock);
        try
        {
            do
            {
                try
                {
                    var applied = RunOnce();
                    if (applied > 0)
                    {
                        logger.LogInformation("applied {Count} status transition(s)", applied);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed tick changes nothing (its transaction rolled back); the next one tries again.
                    logger.LogError(e, "applying status transitions failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// The Global Resiliency part of the composition root and its control endpoints:
/// <c>GET /_connectlocal/transitions</c> (holds, delays, pending transitions),
/// <c>POST /_connectlocal/transitions/hold</c> <c>{"kind": "tdg-update"}</c>,
/// <c>POST /_connectlocal/transitions/release</c> <c>{"kind": "tdg-update"}</c> (no kind: all; applies what is due),
/// <c>PUT /_connectlocal/transitions/delays</c> <c>{"tdg-create": 2000, "tdg-update": null}</c> (milliseconds; null
/// returns to the configured delay).
/// </summary>
public static class GlobalResiliencyHosting
{
    public const string Path = ControlApi.Prefix + "/transitions";

    public static IServiceCollection AddGlobalResiliency(this IServiceCollection services)
    {
        // Tags reach groups from both of their Regions, and numbers wherever they are visible.
        TagService.RegisterTopLevel<TrafficDistributionGroup>(TrafficDistributionGroup.ArnSegment, TrafficDistributionService.TagScope);
        TagService.RegisterTopLevel<ClaimedPhoneNumber>(ClaimedPhoneNumber.ArnSegment, PhoneNumberService.TagScope);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TransitionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TransitionWorker>());
        return services;
    }

    public static async Task HandleAsync(HttpContext http)
    {
        var store = http.RequestServices.GetRequiredService<IConnectStore>();
        var settings = http.RequestServices.GetRequiredService<ConnectSettings>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var path = http.Request.Path.Value ?? string.Empty;
        var method = http.Request.Method;

        if (path == Path && HttpMethods.IsGet(method))
        {
            await WriteStateAsync(http, store, settings, applied: null);
            return;
        }

        if ((path == Path + "/hold" || path == Path + "/release") && HttpMethods.IsPost(method))
        {
            var body = await ReadBodyAsync(http);
            string? kind = null;
            if (body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String)
            {
                kind = k.GetString();
            }

            if (kind is not null && !TransitionKinds.All.Contains(kind))
            {
                await BadRequestAsync(http, $"Unknown transition kind '{kind}'; the kinds are {string.Join(", ", TransitionKinds.All)}.");
                return;
            }

            if (path.EndsWith("/hold", StringComparison.Ordinal))
            {
                if (kind is null)
                {
                    await BadRequestAsync(http, "Give the kind to hold: {\"kind\": \"tdg-update\"}.");
                    return;
                }

                store.Write(session => Transitions.Hold(session, kind));
                await WriteStateAsync(http, store, settings, applied: null);
                return;
            }

            // Releasing applies at once what is due, so a test sees the final status on its next read.
            var now = clock.GetUtcNow();
            var applied = store.Write(session =>
            {
                Transitions.Release(session, kind);
                return Transitions.ApplyDue(session, now);
            });
            await WriteStateAsync(http, store, settings, applied);
            return;
        }

        if (path == Path + "/delays" && HttpMethods.IsPut(method))
        {
            var body = await ReadBodyAsync(http);
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
                else if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var ms) && ms >= 0)
                {
                    parsed[p.Name] = ms;
                }
                else
                {
                    await BadRequestAsync(http, $"The delay of '{p.Name}' must be a number of milliseconds (0 or more) or null.");
                    return;
                }
            }

            store.Write(session => Transitions.SetDelays(session, parsed));
            await WriteStateAsync(http, store, settings, applied: null);
            return;
        }

        await ConnectEndpoint.WriteErrorAsync(http, 404, "ResourceNotFoundException", $"No ConnectLocal control endpoint at {method} {path}.");
    }

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task BadRequestAsync(HttpContext http, string message) =>
        ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", message);

    private static async Task WriteStateAsync(HttpContext http, IConnectStore store, ConnectSettings settings, int? applied)
    {
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
