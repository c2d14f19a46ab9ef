using System.Reflection;
using System.Text.Json;
using ConnectLocal.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnectLocal.Server.Hosting;

/// <summary>ConnectLocal's own endpoints under /_connectlocal/ (no AWS equivalent).</summary>
public static class ControlApi
{
    public const string Prefix = "/_connectlocal";

    public static string Version { get; } =
        typeof(ControlApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IApplicationBuilder UseControlApi(this IApplicationBuilder app)
    {
        app.MapWhen(
            http => http.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal),
            branch => branch.Run(HandleAsync));
        return app;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (await ControlAccess.RefuseRemoteAsync(http) || await FaultControl.TryHandleAsync(http))
        {
            return;
        }

        if (http.Request.Path.Equals(Prefix + "/health", StringComparison.Ordinal) && HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(http.Response.Body);
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WriteString("version", Version);
            writer.WriteEndObject();
            return;
        }

        if (http.Request.Path.Equals(Prefix + "/runtime", StringComparison.Ordinal) && HttpMethods.IsGet(http.Request.Method))
        {
            await WriteRuntimeAsync(http);
            return;
        }

        if (http.Request.Path.StartsWithSegments(Routing.RoutingControl.Path, StringComparison.Ordinal))
        {
            await Routing.RoutingControl.HandleAsync(http);
            return;
        }

        if (http.Request.Path.StartsWithSegments(GlobalResiliencyHosting.Path, StringComparison.Ordinal))
        {
            await GlobalResiliencyHosting.HandleAsync(http);
            return;
        }

        if (http.Request.Path.Equals(StateTransfer.Path, StringComparison.Ordinal))
        {
            await StateTransfer.HandleAsync(http);
            return;
        }

        await ConnectEndpoint.WriteErrorAsync(http, 404, "ResourceNotFoundException", $"No ConnectLocal control endpoint at {http.Request.Method} {http.Request.Path}.");
    }

    /// <summary>
    /// The process's garbage collector and thread pool counters (cumulative since start), so that a load test can
    /// tell how much of its latency was collection pauses or a starved thread pool (the benchmark harness reads it).
    /// </summary>
    private static async Task WriteRuntimeAsync(HttpContext http)
    {
        var memory = GC.GetGCMemoryInfo(GCKind.Any);
        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("gen0Collections", GC.CollectionCount(0));
        writer.WriteNumber("gen1Collections", GC.CollectionCount(1));
        writer.WriteNumber("gen2Collections", GC.CollectionCount(2));
        writer.WriteNumber("gcPauseMilliseconds", Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 3));
        writer.WriteNumber("lastGcPauseMilliseconds", Math.Round(memory.PauseDurations[0].TotalMilliseconds, 3));
        writer.WriteNumber("allocatedBytes", GC.GetTotalAllocatedBytes());
        writer.WriteNumber("heapBytes", memory.HeapSizeBytes);
        writer.WriteNumber("committedBytes", memory.TotalCommittedBytes);
        writer.WriteNumber("threadPoolThreads", ThreadPool.ThreadCount);
        writer.WriteNumber("threadPoolPendingWorkItems", ThreadPool.PendingWorkItemCount);
        writer.WriteNumber("lockContentions", Monitor.LockContentionCount);
        writer.WriteEndObject();
    }
}
