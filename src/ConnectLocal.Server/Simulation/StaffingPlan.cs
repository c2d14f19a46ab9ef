using System.Globalization;
using System.Text.Json;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>One channel's forecast: contacts per interval from the plan's start, handle and patience times, the concurrencies to compare, and its goal.</summary>
internal sealed record StaffingChannel(
    RoutingChannel Channel,
    IReadOnlyList<double> Contacts,
    Distribution HandleTime,
    Distribution? Patience,
    IReadOnlyList<int> Concurrencies,
    StaffingGoal Goal);

/// <summary>
/// A staffing plan (<c>connectlocal staffing PLAN.json|.yaml</c>): a forecast per interval and channel, a goal,
/// shrinkage. A file of its own, apart from what-if scenarios; docs/routing.md ("For planners") describes every field.
/// </summary>
internal sealed record StaffingPlan(
    string Name,
    string? Description,
    ulong Seed,
    TimeSpan Start,
    TimeSpan Interval,
    double Shrinkage,
    ConcurrencyCurve Curve,
    StaffingSettings Settings,
    IReadOnlyList<StaffingChannel> Channels)
{
    public static StaffingPlan Load(string path)
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

        return Parse(YamlScenario.IsYamlPath(path) ? YamlScenario.ToJson(text) : text);
    }

    public static StaffingPlan Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"the staffing plan is not valid JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException("the staffing plan must be a JSON object");
        }

        var interval = Number(root, "intervalMinutes", 30);
        if (interval is not (15 or 30 or 60))
        {
            throw new ScenarioException("intervalMinutes: 15, 30 or 60");
        }

        var shrinkage = Number(root, "shrinkage", 0);
        if (shrinkage is < 0 or >= 1)
        {
            throw new ScenarioException("shrinkage: a share from 0 to below 1 (0.3 is 30 %)");
        }

        var seed = root.TryGetProperty("seed", out var s) ? s.GetUInt64() : 1;
        var replications = (int)Number(root, "replications", StaffingSettings.Default.Replications);
        if (replications is < 2 or > 1000)
        {
            throw new ScenarioException("replications: 2 to 1000");
        }

        var goal = root.TryGetProperty("goal", out var g) ? GoalOf(g, "goal") : throw new ScenarioException("goal is required: {\"serviceLevel\": 0.8, \"seconds\": 20} or {\"maxAbandonment\": 0.05}");
        var channels = root.TryGetProperty("channels", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select((e, i) => ChannelOf(e, $"channels[{i}]", goal)).ToList()
            : throw new ScenarioException("channels: an array is required");
        if (channels.Count == 0)
        {
            throw new ScenarioException("channels: at least one");
        }

        return new StaffingPlan(
            Name: String(root, "name") ?? "staffing plan",
            Description: String(root, "description"),
            Seed: seed,
            Start: Scenario.Time(String(root, "start") ?? "08:00", "start"),
            Interval: TimeSpan.FromMinutes(interval),
            Shrinkage: shrinkage,
            Curve: CurveOf(root),
            Settings: StaffingSettings.Default with { Replications = replications, Seed = seed },
            Channels: channels);
    }

    /// <summary>[choice] Absent: <see cref="ConcurrencyCurve.Default"/>; "none": no slowdown; or the factors for 1, 2, 3 … contacts at once.</summary>
    internal static ConcurrencyCurve CurveOf(JsonElement root)
    {
        if (!root.TryGetProperty("concurrencyCurve", out var curve))
        {
            return ConcurrencyCurve.Default;
        }

        if (curve.ValueKind == JsonValueKind.String && curve.GetString() == "none")
        {
            return ConcurrencyCurve.Flat;
        }

        if (curve.ValueKind != JsonValueKind.Array || curve.GetArrayLength() == 0 || curve.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.Number || f.GetDouble() <= 0))
        {
            throw new ScenarioException("concurrencyCurve: \"none\", or positive handle-time factors for 1, 2, 3 … contacts at once, e.g. [1, 1.15, 1.35, 1.6]");
        }

        return new ConcurrencyCurve(curve.EnumerateArray().Select(f => f.GetDouble()).ToList());
    }

    private static StaffingChannel ChannelOf(JsonElement element, string where, StaffingGoal planGoal)
    {
        var name = String(element, "channel") ?? "VOICE";
        if (!RoutingChannels.TryParse(name, out var channel))
        {
            throw new ScenarioException($"{where}.channel: '{name}' is not VOICE, CHAT, TASK or EMAIL");
        }

        var contacts = element.TryGetProperty("contacts", out var c) && c.ValueKind == JsonValueKind.Array && c.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.GetDouble() >= 0)
            ? c.EnumerateArray().Select(v => v.GetDouble()).ToList()
            : throw new ScenarioException($"{where}.contacts: an array of forecast contacts per interval (numbers ≥ 0) is required");
        var concurrencies = element.TryGetProperty("concurrency", out var k)
            ? k.ValueKind == JsonValueKind.Number ? [k.GetInt32()] : k.EnumerateArray().Select(v => v.GetInt32()).ToList()
            : [1];
        var max = channel == RoutingChannel.Voice ? 1 : 10;
        if (concurrencies.Count == 0 || concurrencies.Any(x => x < 1 || x > max))
        {
            throw new ScenarioException($"{where}.concurrency: {(max == 1 ? "VOICE has a concurrency of 1" : "1 to 10, or a list of them to compare")}");
        }

        return new StaffingChannel(
            channel,
            contacts,
            element.TryGetProperty("handleTime", out var handle) ? Scenario.DistributionOf(handle, where + ".handleTime") : throw new ScenarioException($"{where}.handleTime is required"),
            element.TryGetProperty("patience", out var patience) ? Scenario.DistributionOf(patience, where + ".patience") : null,
            concurrencies,
            element.TryGetProperty("goal", out var goal) ? GoalOf(goal, where + ".goal") : planGoal);
    }

    private static StaffingGoal GoalOf(JsonElement element, string where)
    {
        double? sl = element.TryGetProperty("serviceLevel", out var s) ? s.GetDouble() : null;
        double? abandon = element.TryGetProperty("maxAbandonment", out var a) ? a.GetDouble() : null;
        var seconds = (int)Number(element, "seconds", 20);
        if (sl is null && abandon is null)
        {
            throw new ScenarioException($"{where}: serviceLevel (with seconds) or maxAbandonment, or both");
        }

        if (sl is <= 0 or >= 1 || abandon is <= 0 or >= 1 || seconds < 0)
        {
            throw new ScenarioException($"{where}: serviceLevel and maxAbandonment are shares between 0 and 1 (0.8 is 80 %), seconds ≥ 0");
        }

        return new StaffingGoal(sl, seconds, abandon);
    }

    private static double Number(JsonElement element, string name, double fallback) =>
        !element.TryGetProperty(name, out var value) ? fallback
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : throw new ScenarioException($"{name}: a number");

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The goal in words: "80 % in 20 s", "at most 5 % abandoned".</summary>
    public static string Describe(StaffingGoal goal) => string.Join(" and ", new[]
    {
        goal.ServiceLevel is { } sl ? string.Create(CultureInfo.InvariantCulture, $"{sl * 100:0.#} % answered in {goal.ServiceLevelSeconds} s") : null,
        goal.MaxAbandonment is { } max ? string.Create(CultureInfo.InvariantCulture, $"at most {max * 100:0.#} % abandoned") : null,
    }.Where(x => x is not null));
}
