using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Dashboard;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectLocal.Server.Control;

/// <summary>ConnectLocal's own endpoints under /_connectlocal/ (no AWS equivalent).</summary>
internal static class ControlApi
{
    public const string Prefix = "/_connectlocal";

    public static string Version { get; } =
        typeof(ControlApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Whether a request is for the control API (an exact-case prefix, as AWS paths never start with it).</summary>
    public static bool Owns(PathString path) => path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The control endpoints as one route group. Every answer carries a request id as AWS's do; the group's filter
    /// refuses remote callers before any endpoint runs; a path or method no endpoint takes answers an AWS-shaped 404.
    /// </summary>
    public static RouteGroupBuilder MapControlApi(this IEndpointRouteBuilder endpoints)
    {
        var control = endpoints.MapGroup(Prefix);
        control.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            if (await ControlAccess.RefuseAsync(http))
            {
                return Results.Empty;
            }

            try
            {
                return await next(context);
            }
            catch (Exception e) when (IsBadInput(e) && !http.Response.HasStarted)
            {
                // A body of the wrong shape that an endpoint read without checking (a property of a non-object, a
                // number past its type): the caller's mistake, so a JSON 400 rather than a bare 500. Logged, as it
                // also marks a check the endpoint should make itself.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ControlApi))
                    .LogWarning(e, "control request {Method} {Path} had a body of the wrong shape", http.Request.Method, http.Request.Path);
                await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", "The request body does not have the shape this endpoint takes (see docs/security.md, the control API).");
                return Results.Empty;
            }
        });
        control.MapGet("/health", WriteHealthAsync);
        control.MapGet("/runtime", WriteRuntimeAsync);
        control.MapFaultControl().MapRoutingControl().MapAgentRegionControl().MapTransitionControl().MapStateTransfer().MapResetControl();
        control.MapDashboard(); // the dashboard (issue 20): Dashboard/DashboardEndpoints.cs
        control.MapFlowControl(); // contact flows: flow logs, Lambda responses (issue 17)
        control.MapAttachedFileTransfer(); // the pre-signed URLs of attached files
        // {**rest} rather than MapFallback's default {*path:nonfile}, which would leave paths with a dot unanswered.
        control.MapFallback("{**rest}", NoEndpointAsync);
        return control;
    }

    /// <summary>What <see cref="JsonElement"/> accessors and <see cref="TimeSpan"/> arithmetic throw on input of the wrong shape or range.</summary>
    private static bool IsBadInput(Exception e) =>
        e is JsonException or FormatException or OverflowException or ArgumentOutOfRangeException or KeyNotFoundException
            or InvalidOperationException { Source: "System.Text.Json" };

    /// <summary>The 404 of a path or method under /_connectlocal that no endpoint takes.</summary>
    public static Task NoEndpointAsync(HttpContext http) =>
        ConnectEndpoint.WriteErrorAsync(http, 404, "ResourceNotFoundException", $"No ConnectLocal control endpoint at {http.Request.Method} {http.Request.Path}.");

    /// <summary>The request's JSON body; null when there is none or it is not JSON (each endpoint says what it expected).</summary>
    public static async Task<JsonElement?> ReadBodyAsync(HttpContext http)
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

    private static async Task WriteHealthAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", "ok");
        writer.WriteString("version", Version);
        writer.WriteEndObject();
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

/// <summary>
/// Who may use the control API (docs/security.md, "The control API"). It exports every account and the page-token
/// secret, replaces the store and injects faults into any account, so [choice] it has one kind of caller, the
/// administrator, who acts on everything:
/// <list type="bullet">
/// <item>with <c>--control-token</c>, a caller presenting <c>Authorization: Bearer TOKEN</c>, from anywhere;</item>
/// <item>without one, in permissive mode, loopback callers (or any with <c>--allow-unauthenticated-remote</c>);</item>
/// <item>without one, in strict mode, nobody: strict mode's signatures would otherwise be bypassed through it.</item>
/// </list>
/// The health check stays open to everyone (load balancers).
/// </summary>
internal static class ControlAccess
{
    public static async Task<bool> RefuseAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<ServerOptions>();
        // A pre-signed URL of an attached file carries its own credential (AttachedFileTransfer).
        if (http.Request.Path.Equals(ControlApi.Prefix + "/health", StringComparison.Ordinal) || AttachedFileTransfer.Owns(http.Request.Path))
        {
            return false;
        }

        // The dashboard's sign-in page and its stylesheet and script reveal nothing; everything else of it is
        // refused exactly as the control API is (a browser presents the control token as the sign-in page's cookie).
        var dashboard = DashboardEndpoints.IsDashboard(http.Request.Path);
        if (options.ControlToken is { } token)
        {
            if (PresentsToken(http.Request, token) || (dashboard && (DashboardEndpoints.IsPublic(http.Request.Path) || DashboardEndpoints.PresentsCookie(http.Request, token))))
            {
                return false;
            }

            if (dashboard && HttpMethods.IsGet(http.Request.Method))
            {
                http.Response.Redirect(DashboardPages.Root + "/login");
                return true;
            }

            await ConnectEndpoint.WriteErrorAsync(http, 403, "AccessDeniedException", "The ConnectLocal control API needs Authorization: Bearer with the --control-token of this server.");
            return true;
        }

        if (options.Authentication == AuthenticationMode.Strict)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 403, "AccessDeniedException", "In strict mode the ConnectLocal control API is open only with --control-token (docs/security.md).");
            return true;
        }

        var remote = http.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }

        if (remote is null || IPAddress.IsLoopback(remote) || options.AllowUnauthenticatedRemote)
        {
            return false;
        }

        await ConnectEndpoint.WriteErrorAsync(http, 403, "AccessDeniedException", "The ConnectLocal control API answers loopback callers only (see --allow-unauthenticated-remote).");
        return true;
    }

    /// <summary>Whether the request carries <c>Authorization: Bearer TOKEN</c>, compared in constant time.</summary>
    private static bool PresentsToken(HttpRequest request, string token)
    {
        const string Scheme = "Bearer ";
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header || !header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..]), Encoding.UTF8.GetBytes(token));
    }
}
