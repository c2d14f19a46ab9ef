using System.Globalization;
using System.Text.Json;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>A scenario file that cannot be read or set up; the message says where.</summary>
internal sealed class ScenarioException(string message) : Exception(message);

/// <summary>
/// Agents created alike: <see cref="Count"/> users with one routing profile, optionally in a traffic distribution
/// group, or pinned to a <see cref="Region"/> (through a group of their own whose agent distribution is 100 % there).
/// </summary>
internal sealed record AgentGroup(string Name, string RoutingProfile, int Count, string? TrafficDistributionGroup, string Status, string? Region = null);

/// <summary>Contacts arriving in a queue on a channel over the day.</summary>
internal sealed record TrafficSpec(string Queue, RoutingChannel Channel, string? Region, IReadOnlyList<RatePeriod> Rates, Distribution HandleTime, Distribution? Patience, Distribution? AfterContactWork);

/// <summary>
/// An API call at a time of the day. Ids in <see cref="Input"/> may be given by the scenario's names; with
/// <see cref="Agents"/> the call is made once per user of that agent group (the first <see cref="Count"/> of them),
/// with its UserId.
/// </summary>
internal sealed record TimelineEntry(TimeSpan At, string Operation, JsonElement Input, string? Agents, int? Count, string? Region, string Label);

/// <summary>
/// A what-if scenario (<c>connectlocal simulate SCENARIO.json</c>, or .yaml/.yml: <see cref="YamlScenario"/>). The Connect configuration parts (queues, routing
/// profiles, traffic distribution groups, timeline) are API request inputs; docs/routing.md describes every field.
/// </summary>
internal sealed record Scenario(
    string Name,
    string? Description,
    ulong Seed,
    DateOnly Day,
    TimeSpan Start,
    TimeSpan End,
    TimeSpan Interval,
    int ServiceLevelSeconds,
    IReadOnlyList<string> Regions,
    IReadOnlyList<JsonElement> Queues,
    IReadOnlyList<JsonElement> RoutingProfiles,
    IReadOnlyList<JsonElement> TrafficDistributionGroups,
    IReadOnlyList<AgentGroup> Agents,
    IReadOnlyList<TrafficSpec> Traffic,
    IReadOnlyList<TimelineEntry> Timeline,
    ConcurrencyCurve? Curve = null,
    string? ContactRecords = null,
    bool? GlobalRouting = null)
{
    /// <summary>[choice] A Monday, so that hours of operation (not applied by routing yet) would read naturally.</summary>
    public static readonly DateOnly DefaultDay = new(2026, 1, 5);

    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"cannot read {path}: {e.Message}");
        }

        var scenario = YamlScenario.IsYamlPath(path) ? Parse(YamlScenario.ToJson(text)) : Parse(text);

        // A contact-record file is named relative to the scenario file.
        return scenario.ContactRecords is { } records && !Path.IsPathRooted(records)
            ? scenario with { ContactRecords = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, records) }
            : scenario;
    }

    public static Scenario Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"the scenario is not valid JSON: {e.Message}");
        }

        var root = document.RootElement.Clone();
        document.Dispose();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException("the scenario must be a JSON object");
        }

        var regions = Strings(root, "regions") is { Count: > 0 } r ? r : ["us-east-1"];
        if (regions.Count > 2)
        {
            throw new ScenarioException("regions: at most two (the instance's Region and its replica's)");
        }

        var scenario = new Scenario(
            Name: String(root, "name") ?? "scenario",
            Description: String(root, "description"),
            Seed: root.TryGetProperty("seed", out var seed) ? seed.GetUInt64() : 1,
            Day: String(root, "day") is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DefaultDay,
            Start: Time(String(root, "start") ?? "08:00", "start"),
            End: Time(String(root, "end") ?? "18:00", "end"),
            Interval: TimeSpan.FromMinutes(root.TryGetProperty("intervalMinutes", out var interval) ? interval.GetDouble() : 15),
            ServiceLevelSeconds: root.TryGetProperty("serviceLevelSeconds", out var sl) ? sl.GetInt32() : 20,
            Regions: regions,
            Queues: Objects(root, "queues"),
            RoutingProfiles: Objects(root, "routingProfiles"),
            TrafficDistributionGroups: Objects(root, "trafficDistributionGroups"),
            Agents: Objects(root, "agents").Select((a, i) => AgentGroupOf(a, $"agents[{i}]")).ToList(),
            Traffic: Objects(root, "traffic").Select((t, i) => TrafficOf(t, $"traffic[{i}]")).ToList(),
            Timeline: Objects(root, "timeline").Select((t, i) => TimelineOf(t, $"timeline[{i}]")).OrderBy(t => t.At).ToList(),
            Curve: StaffingPlan.CurveOf(root),
            ContactRecords: String(root, "contactRecords"),
            GlobalRouting: GlobalRoutingOf(root, regions.Count));
        if (scenario.End <= scenario.Start)
        {
            throw new ScenarioException("end must be after start");
        }

        if (scenario.Interval <= TimeSpan.Zero)
        {
            throw new ScenarioException("intervalMinutes must be positive");
        }

        return scenario;
    }

    /// <summary>
    /// <c>"globalRouting": true|false</c> (Global Resiliency, docs/global-resiliency.md "Rehearsing a failover"): the
    /// setup sets it with UpdateCrossRegionRouting and the engine follows the stored setting from then on, so a timeline
    /// UpdateCrossRegionRouting switches it during the day. Absent: the engine stays isolated ([choice]).
    /// </summary>
    private static bool? GlobalRoutingOf(JsonElement root, int regions)
    {
        if (!root.TryGetProperty("globalRouting", out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new ScenarioException("globalRouting: true or false");
        }

        return regions == 2 ? value.GetBoolean() : throw new ScenarioException("globalRouting: needs two regions (an instance and its replica)");
    }

    private static AgentGroup AgentGroupOf(JsonElement element, string where) => new(
        Name: String(element, "name") ?? throw Missing(where, "name"),
        RoutingProfile: String(element, "routingProfile") ?? throw Missing(where, "routingProfile"),
        Count: element.TryGetProperty("count", out var count) ? count.GetInt32() : throw Missing(where, "count"),
        TrafficDistributionGroup: String(element, "trafficDistributionGroup"),
        Status: String(element, "status") ?? "Available",
        Region: String(element, "region"));

    private static TrafficSpec TrafficOf(JsonElement element, string where)
    {
        var channelName = String(element, "channel") ?? "VOICE";
        if (!RoutingChannels.TryParse(channelName, out var channel))
        {
            throw new ScenarioException($"{where}.channel: '{channelName}' is not VOICE, CHAT, TASK or EMAIL");
        }

        return new TrafficSpec(
            Queue: String(element, "queue") ?? throw Missing(where, "queue"),
            Channel: channel,
            Region: String(element, "region"),
            Rates: RatesOf(element.TryGetProperty("perHour", out var rates) ? rates : throw Missing(where, "perHour"), where + ".perHour"),
            HandleTime: DistributionOf(element.TryGetProperty("handleTime", out var handle) ? handle : throw Missing(where, "handleTime"), where + ".handleTime"),
            Patience: element.TryGetProperty("patience", out var patience) ? DistributionOf(patience, where + ".patience") : null,
            AfterContactWork: element.TryGetProperty("afterContactWork", out var acw) ? DistributionOf(acw, where + ".afterContactWork") : null);
    }

    private static TimelineEntry TimelineOf(JsonElement element, string where)
    {
        var at = Time(String(element, "at") ?? throw Missing(where, "at"), where + ".at");
        var operation = String(element, "operation") ?? throw Missing(where, "operation");
        var input = element.TryGetProperty("input", out var i) ? i : JsonDocument.Parse("{}").RootElement;
        var agents = String(element, "agents");
        int? count = element.TryGetProperty("count", out var c) ? c.GetInt32() : null;
        var label = String(element, "label") ?? (agents is null ? operation : $"{operation} × {(count is null ? "all" : count.Value.ToString(CultureInfo.InvariantCulture))} of {agents}");
        return new TimelineEntry(at, operation, input, agents, count, String(element, "region"), label);
    }

    /// <summary>A number (all day), or an object of times of day to rates: <c>{"08:00": 600, "12:00": 400}</c>.</summary>
    private static IReadOnlyList<RatePeriod> RatesOf(JsonElement element, string where) => element.ValueKind switch
    {
        JsonValueKind.Number => [new RatePeriod(TimeSpan.Zero, element.GetDouble())],
        JsonValueKind.Object => element.EnumerateObject()
            .Select(p => new RatePeriod(Time(p.Name, $"{where}.{p.Name}"), p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : throw new ScenarioException($"{where}.{p.Name}: a number of contacts per hour")))
            .OrderBy(p => p.From)
            .ToList(),
        _ => throw new ScenarioException($"{where}: a number, or an object of times of day (\"08:00\") to contacts per hour"),
    };

    /// <summary>
    /// A number of seconds (constant), or <c>{"distribution": "exponential", "mean": 300}</c>, <c>"lognormal"</c> with
    /// <c>mean</c> and <c>sd</c>, <c>"constant"</c> with <c>value</c>, <c>"uniform"</c> with <c>min</c> and <c>max</c>.
    /// </summary>
    internal static Distribution DistributionOf(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return new ConstantDistribution(element.GetDouble());
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException($"{where}: a number of seconds or a distribution object");
        }

        double Number(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new ScenarioException($"{where}.{name}: a number of seconds is required");

        Distribution distribution = String(element, "distribution") switch
        {
            "exponential" => new ExponentialDistribution(Number("mean")),
            "lognormal" => new LogNormalDistribution(Number("mean"), Number("sd")),
            "constant" => new ConstantDistribution(Number("value")),
            "uniform" => new UniformDistribution(Number("min"), Number("max")),
            var other => throw new ScenarioException($"{where}.distribution: '{other}' is not exponential, lognormal, constant or uniform"),
        };
        return distribution.Mean > 0 ? distribution : throw new ScenarioException($"{where}: the mean must be positive");
    }

    internal static TimeSpan Time(string text, string where) =>
        TimeSpan.TryParseExact(text, [@"hh\:mm", @"hh\:mm\:ss", @"h\:mm"], CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1)
            ? time
            : text == "24:00" ? TimeSpan.FromDays(1) : throw new ScenarioException($"{where}: '{text}' is not a time of day (HH:MM)");

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? throw new ScenarioException($"{name}: strings only")).ToList()
            : [];

    private static IReadOnlyList<JsonElement> Objects(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Object ? v : throw new ScenarioException($"{name}[{i}]: an object")).ToList()
                : throw new ScenarioException($"{name}: an array")
            : [];

    private static ScenarioException Missing(string where, string name) => new($"{where}.{name} is required");
}
