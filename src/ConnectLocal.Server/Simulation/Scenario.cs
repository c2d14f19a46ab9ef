using System.Globalization;
using System.Text.Json;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Server.Hosting;

namespace ConnectLocal.Server.Simulation;

/// <summary>A scenario file that cannot be read or set up; the message says where.</summary>
internal sealed class ScenarioException(string message) : Exception(message);

/// <summary>
/// Agents created alike: <see cref="Count"/> users with one routing profile, optionally in a traffic distribution
/// group, or pinned to a <see cref="Region"/> (through a group of their own whose agent distribution is 100 % there).
/// </summary>
internal sealed record AgentGroup(string Name, string RoutingProfile, int Count, string? TrafficDistributionGroup, string Status, string? Region = null);

/// <summary>
/// Contacts arriving over the day on a channel: in a queue, or entering by a flow (<see cref="Flow"/>, or the flow
/// associated with <see cref="PhoneNumber"/>), which decides whether and where they are queued.
/// </summary>
internal sealed record TrafficSpec(string Queue, RoutingChannel Channel, string? Region, IReadOnlyList<RatePeriod> Rates, Distribution HandleTime, Distribution? Patience, Distribution? AfterContactWork,
    string? Flow = null, string? PhoneNumber = null);

/// <summary>
/// A flow the scenario creates (CreateContactFlow, then its content with the scenario's names made ARNs): its content
/// inline (<see cref="Content"/>, JSON text) or in <see cref="File"/> (relative to the scenario file).
/// </summary>
internal sealed record FlowSpec(string Name, string Type, string? Content, string? File, string Where);

/// <summary>A phone number the scenario claims, associated with one of its flows; voice traffic may arrive on it.</summary>
internal sealed record PhoneNumberSpec(string Number, string Flow, string Where);

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
    bool? GlobalRouting = null,
    IReadOnlyList<JsonElement>? HoursOfOperations = null,
    IReadOnlyList<FlowSpec>? Flows = null,
    IReadOnlyList<PhoneNumberSpec>? PhoneNumbers = null)
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

        // A contact-record file and flow files are named relative to the scenario file.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        scenario = scenario.WithFlowFilesRead(directory);
        return scenario.ContactRecords is { } records && !Path.IsPathRooted(records)
            ? scenario with { ContactRecords = Path.Combine(directory, records) }
            : scenario;
    }

    /// <summary>Reads the flows given by file (relative to <paramref name="directory"/>): each must be a JSON object.</summary>
    public Scenario WithFlowFilesRead(string directory) => this with
    {
        Flows = Flows?.Select(flow =>
        {
            if (flow.File is not { } file)
            {
                return flow;
            }

            var full = Path.IsPathRooted(file) ? file : Path.Combine(directory, file);
            string content;
            try
            {
                content = System.IO.File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ScenarioException($"{flow.Where}.file: cannot read {file}: {e.Message}");
            }

            return flow with { Content = FlowContent(content, $"{flow.Where}.file ({file})"), File = null };
        }).ToList(),
    };

    /// <summary>Flow content as compact JSON text; one line saying where when it is not a JSON object.</summary>
    private static string FlowContent(string text, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? JsonSerializer.Serialize(document.RootElement, ServerJsonContext.Default.JsonElement)
                : throw new ScenarioException($"{where}: the flow content must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{where}: not valid JSON: {e.Message.Split('\n')[0]}");
        }
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
            GlobalRouting: GlobalRoutingOf(root, regions.Count),
            HoursOfOperations: Objects(root, "hoursOfOperations"),
            Flows: Objects(root, "flows").Select((f, i) => FlowOf(f, $"flows[{i}]")).ToList(),
            PhoneNumbers: Objects(root, "phoneNumbers").Select((n, i) => new PhoneNumberSpec(
                String(n, "number") ?? throw Missing($"phoneNumbers[{i}]", "number"), String(n, "flow") ?? throw Missing($"phoneNumbers[{i}]", "flow"), $"phoneNumbers[{i}]")).ToList());
        CheckFlowNames(scenario);
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

    private static FlowSpec FlowOf(JsonElement element, string where)
    {
        var name = String(element, "name") ?? throw Missing(where, "name");
        var hasContent = element.TryGetProperty("content", out var content);
        var file = String(element, "file");
        if (hasContent == (file is not null))
        {
            throw new ScenarioException($"{where} ({name}): give either content (the flow's JSON) or file (a path relative to the scenario)");
        }

        var text = hasContent
            ? content.ValueKind switch
            {
                JsonValueKind.Object => JsonSerializer.Serialize(content, ServerJsonContext.Default.JsonElement),
                JsonValueKind.String => FlowContent(content.GetString()!, $"{where}.content"),
                _ => throw new ScenarioException($"{where}.content: the flow's JSON (an object, or a string holding it)"),
            }
            : null;
        return new FlowSpec(name, String(element, "type") ?? "CONTACT_FLOW", text, file, $"{where} ({name})");
    }

    /// <summary>Traffic and phone numbers name flows the scenario declares; names are unique.</summary>
    private static void CheckFlowNames(Scenario scenario)
    {
        var flows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flow in scenario.Flows ?? [])
        {
            if (!flows.Add(flow.Name))
            {
                throw new ScenarioException($"{flow.Where}: another flow has the name '{flow.Name}'");
            }
        }

        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var number in scenario.PhoneNumbers ?? [])
        {
            if (!flows.Contains(number.Flow))
            {
                throw new ScenarioException($"{number.Where}.flow: no flow named '{number.Flow}' in flows");
            }

            numbers.Add(number.Number);
        }

        for (var i = 0; i < scenario.Traffic.Count; i++)
        {
            var traffic = scenario.Traffic[i];
            if (traffic.Flow is { } flow && !flows.Contains(flow))
            {
                throw new ScenarioException($"traffic[{i}].flow: no flow named '{flow}' in flows");
            }

            if (traffic.PhoneNumber is { } number)
            {
                if (!numbers.Contains(number))
                {
                    throw new ScenarioException($"traffic[{i}].phoneNumber: no phone number '{number}' in phoneNumbers");
                }

                if (traffic.Channel != RoutingChannel.Voice)
                {
                    throw new ScenarioException($"traffic[{i}].phoneNumber: only VOICE traffic arrives on a phone number");
                }
            }
        }
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

        var flow = String(element, "flow");
        var phoneNumber = String(element, "phoneNumber");
        if (flow is not null && phoneNumber is not null)
        {
            throw new ScenarioException($"{where}: give flow or phoneNumber, not both (a number enters by its own flow)");
        }

        return new TrafficSpec(
            // With a flow, the queue is only the stream's name (the flow decides where its contacts go).
            Queue: String(element, "queue") ?? flow ?? phoneNumber ?? throw Missing(where, "queue"),
            Channel: channel,
            Region: String(element, "region"),
            Rates: RatesOf(element.TryGetProperty("perHour", out var rates) ? rates : throw Missing(where, "perHour"), where + ".perHour"),
            HandleTime: DistributionOf(element.TryGetProperty("handleTime", out var handle) ? handle : throw Missing(where, "handleTime"), where + ".handleTime"),
            Patience: element.TryGetProperty("patience", out var patience) ? DistributionOf(patience, where + ".patience") : null,
            AfterContactWork: element.TryGetProperty("afterContactWork", out var acw) ? DistributionOf(acw, where + ".afterContactWork") : null,
            Flow: flow,
            PhoneNumber: phoneNumber);
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
