using System.Globalization;
using System.Text.Json;
using ConnectLocal.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Control;

/// <summary>One injected fault: which requests it applies to, what it does, how often and how many times.</summary>
internal sealed record FaultRule(
    int Id,
    string Operation,
    string Fault,
    double Probability,
    int? Count,
    int LatencyMs,
    int Seed,
    string? AccountId)
{
    public const string Throttling = "ThrottlingException";
    public const string InternalService = "InternalServiceException";
    public const string Latency = "latency";
}

/// <summary>
/// Faults that client code must survive, injected on request through <c>/_connectlocal/faults</c>. Each rule
/// draws from its own random generator seeded by the rule's seed (its id unless given), one draw per request it
/// matches, so the same requests in the same order meet the same faults. Rules are tried in the order they were
/// added: every matching latency rule delays the request, the first matching error rule answers it.
/// </summary>
internal sealed class FaultInjector : IRequestInterceptor
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private int _nextId = 1;

    public FaultRule Add(string operation, string fault, double probability, int? count, int latencyMs, int? seed, string? accountId)
    {
        lock (_gate)
        {
            var id = _nextId++;
            var rule = new FaultRule(id, operation, fault, probability, count, latencyMs, seed ?? id, accountId);
            _entries.Add(new Entry(rule, new Random(rule.Seed)));
            return rule;
        }
    }

    public IReadOnlyList<(FaultRule Rule, int Injected, int? Remaining)> List()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => (e.Rule, e.Injected, e.Rule.Count - e.Injected))];
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            return _entries.RemoveAll(e => e.Rule.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public async ValueTask<ServiceErrorException?> InterceptAsync(OperationDescriptor operation, string accountId, string region, CancellationToken cancellationToken)
    {
        var delay = 0;
        ServiceErrorException? error = null;
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                var rule = entry.Rule;
                if ((rule.Operation != "*" && rule.Operation != operation.Name) || (rule.AccountId is not null && rule.AccountId != accountId)
                    || entry.Injected == rule.Count || (rule.Fault != FaultRule.Latency && error is not null))
                {
                    continue;
                }

                if (entry.Random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                entry.Injected++;
                if (rule.Fault == FaultRule.Latency)
                {
                    delay += rule.LatencyMs;
                }
                else
                {
                    // [choice] the message names the rule, so a log line leads back to the fault that caused it
                    error = new ServiceErrorException(rule.Fault, rule.Fault == FaultRule.Throttling
                        ? $"Rate exceeded (injected by ConnectLocal fault {rule.Id})"
                        : $"Internal service error (injected by ConnectLocal fault {rule.Id})");
                }
            }
        }

        if (delay > 0)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        return error;
    }

    private sealed class Entry(FaultRule rule, Random random)
    {
        public FaultRule Rule { get; } = rule;

        public Random Random { get; } = random;

        public int Injected { get; set; }
    }
}

/// <summary>
/// <c>/_connectlocal/faults</c>: <c>POST</c> adds a rule, <c>GET</c> lists them, <c>DELETE</c> clears them all,
/// <c>DELETE …/faults/{id}</c> removes one. Bodies are JSON; errors are AWS-shaped.
/// </summary>
internal static class FaultControl
{
    public static RouteGroupBuilder MapFaultControl(this RouteGroupBuilder control)
    {
        control.MapGet("/faults", ListAsync);
        control.MapPost("/faults", http => AddAsync(http, http.RequestServices.GetRequiredService<FaultInjector>()));
        control.MapDelete("/faults", http =>
        {
            http.RequestServices.GetRequiredService<FaultInjector>().Clear();
            return WriteAsync(http, 200, _ => { });
        });
        control.MapDelete("/faults/{id}", RemoveAsync);
        return control;
    }

    private static Task ListAsync(HttpContext http)
    {
        var injector = http.RequestServices.GetRequiredService<FaultInjector>();
        return WriteAsync(http, 200, writer =>
        {
            writer.WriteStartArray("faults");
            foreach (var (rule, injected, remaining) in injector.List())
            {
                WriteRule(writer, rule, injected, remaining);
            }

            writer.WriteEndArray();
        });
    }

    private static async Task RemoveAsync(HttpContext http)
    {
        // [choice] an id that is not a plain decimal number is not a fault's path at all: the control API's 404
        if (!int.TryParse(http.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await ControlApi.NoEndpointAsync(http);
        }
        else if (http.RequestServices.GetRequiredService<FaultInjector>().Remove(id))
        {
            await WriteAsync(http, 200, _ => { });
        }
        else
        {
            await ConnectEndpoint.WriteErrorAsync(http, 404, "ResourceNotFoundException", $"No fault {id}.");
        }
    }

    private static async Task AddAsync(HttpContext http, FaultInjector injector)
    {
        const string Shape = "expected {\"operation\": NAME or \"*\", \"fault\": \"ThrottlingException\" | \"InternalServiceException\" | \"latency\", "
            + "\"probability\": 0-1 (default 1), \"count\": N (default unlimited), \"latencyMs\": N (latency only), \"seed\": N, \"accountId\": 12 digits}";
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 4 }, http.RequestAborted);
        }
        catch (JsonException)
        {
            await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", "The body is not JSON: " + Shape);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            double? Number(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            bool Present(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out _);

            var operation = Text("operation");
            var fault = Text("fault");
            var probability = Number("probability") ?? 1;
            var count = Number("count");
            var latency = Number("latencyMs") ?? 0;
            var seed = Number("seed");
            var account = Text("accountId");
            var problem =
                operation is null || (operation != "*" && !OperationTable.All.Any(op => op.Name == operation)) ? "operation must be an operation name or \"*\""
                : fault is not (FaultRule.Throttling or FaultRule.InternalService or FaultRule.Latency) ? "fault must be ThrottlingException, InternalServiceException or latency"
                : probability is < 0 or > 1 || (Present("probability") && Number("probability") is null) ? "probability must be a number from 0 to 1"
                : Present("count") && (count is null || count < 1 || count > int.MaxValue || count % 1 != 0) ? "count must be a whole number of at least 1"
                : latency is < 0 or > 60_000 || latency % 1 != 0 || (fault == FaultRule.Latency) != (latency > 0) ? "latencyMs must be 1-60000 for latency and absent otherwise"
                : Present("seed") && (seed is null || seed % 1 != 0 || seed < int.MinValue || seed > int.MaxValue) ? "seed must be a whole number"
                : Present("accountId") && (account is null || account.Length != 12 || !account.All(char.IsAsciiDigit)) ? "accountId must be 12 digits"
                : null;
            if (problem is not null)
            {
                await ConnectEndpoint.WriteErrorAsync(http, 400, "InvalidRequestException", $"{problem}; {Shape}");
                return;
            }

            var rule = injector.Add(operation!, fault!, probability, (int?)count, (int)latency, (int?)seed, account);
            await WriteAsync(http, 200, writer =>
            {
                writer.WritePropertyName("fault");
                writer.WriteStartObject();
                WriteRuleMembers(writer, rule, 0, rule.Count);
                writer.WriteEndObject();
            });
        }
    }

    private static void WriteRule(Utf8JsonWriter writer, FaultRule rule, int injected, int? remaining)
    {
        writer.WriteStartObject();
        WriteRuleMembers(writer, rule, injected, remaining);
        writer.WriteEndObject();
    }

    private static void WriteRuleMembers(Utf8JsonWriter writer, FaultRule rule, int injected, int? remaining)
    {
        writer.WriteNumber("id", rule.Id);
        writer.WriteString("operation", rule.Operation);
        writer.WriteString("fault", rule.Fault);
        writer.WriteNumber("probability", rule.Probability);
        if (rule.Count is { } count)
        {
            writer.WriteNumber("count", count);
            writer.WriteNumber("remaining", remaining ?? 0);
        }

        if (rule.Fault == FaultRule.Latency)
        {
            writer.WriteNumber("latencyMs", rule.LatencyMs);
        }

        writer.WriteNumber("seed", rule.Seed);
        if (rule.AccountId is not null)
        {
            writer.WriteString("accountId", rule.AccountId);
        }

        writer.WriteNumber("injected", injected);
    }

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> members)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}
