using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Server.Flows;

namespace ConnectLocal.Tests.Routing.Flows;

/// <summary>
/// Contact flows in front of a routing engine on a virtual clock (Monday 2026-01-05 09:00 UTC), with the instance's
/// flows, modules, queues and hours given directly, so each scenario states its flow in a few lines of flow language.
/// </summary>
internal sealed class FlowFixture : IFlowResources
{
    private readonly Dictionary<string, FlowProgram> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowProgram> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowQueue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HoursOfOperation> _hours = new(StringComparer.Ordinal);

    public FlowFixture(int seed = 0)
    {
        Flows = new FlowRouting(Engine.Engine, this, Lambdas, seed);
    }

    public EngineFixture Engine { get; } = new(autoAccept: false);

    public LambdaResponses Lambdas { get; } = new();

    public FlowRouting Flows { get; }

    public static string Arn(string kind, string id) => $"arn:aws:connect:us-east-1:000000000000:instance/i/{kind}/{id}";

    /// <summary>A flow (its Actions written as flow-language JSON objects; the first is the start).</summary>
    public FlowProgram Flow(string id, params string[] actions)
    {
        var program = Program(id, "CONTACT_FLOW", actions);
        _flows[id] = program;
        return program;
    }

    public FlowProgram Module(string id, params string[] actions)
    {
        var program = Program(id, "FLOW_MODULE", actions);
        _modules[id] = program;
        return program;
    }

    public FlowQueue Queue(string id, int? maxContacts = null, string status = "ENABLED", string? hours = null)
    {
        var queue = new FlowQueue(id, Arn("queue", id), id, status, maxContacts, hours);
        _queues[id] = queue;
        return queue;
    }

    /// <summary>Hours open every day from <paramref name="start"/> to <paramref name="end"/> (hours of the day) in the zone.</summary>
    public void Hours(string id, string timeZone, int start, int end) =>
        _hours[id] = new HoursOfOperation
        {
            Id = id,
            Name = id,
            TimeZone = timeZone,
            Config = new[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY" }
                .Select(d => new HoursOfOperationSlot(d, start, 0, end, 0)).ToList(),
        };

    /// <summary>A routing profile serving the queues on chat and voice, and an available agent with it.</summary>
    public void Agent(string userId, params string[] queues)
    {
        var profile = $"profile-{userId}";
        Engine.Engine.SetRoutingProfile(EngineFixture.Profile(profile, [EngineFixture.Media("CHAT", 1), EngineFixture.Media("VOICE", 1)],
            queues.SelectMany(q => new[] { EngineFixture.Serves(q, "CHAT"), EngineFixture.Serves(q, "VOICE") }).ToList()));
        Engine.Agent(userId, profile);
    }

    public FlowContact Start(string flowId, RoutingChannel channel = RoutingChannel.Chat, IReadOnlyDictionary<string, string>? attributes = null, string? id = null) =>
        Flows.Start(new FlowEntry(id ?? Guid.NewGuid().ToString(), EngineFixture.East, channel, ContactInitiation.Api, _flows[flowId], attributes));

    public void Advance(double seconds)
    {
        Engine.Clock.Advance(TimeSpan.FromSeconds(seconds));
        Flows.RunDue();
    }

    /// <summary>The log as "ActionId:Result" (or "ActionId!Error") in order, for compact assertions.</summary>
    public static List<string> Trail(FlowContact contact) =>
        contact.Log.Select(e => e.Error is null ? $"{e.ActionIdentifier}:{e.Results}" : $"{e.ActionIdentifier}!{e.Error.Split(':')[0]}").ToList();

    // ---- flow language -------------------------------------------------------------------------------------------

    public static string Action(string id, string type, string parameters = "{}", string? next = null, string? errors = null, string? conditions = null)
    {
        var transitions = new List<string>();
        if (next is not null)
        {
            transitions.Add($"\"NextAction\":\"{next}\"");
        }

        if (errors is not null)
        {
            transitions.Add($"\"Errors\":[{errors}]");
        }

        if (conditions is not null)
        {
            transitions.Add($"\"Conditions\":[{conditions}]");
        }

        return $"{{\"Identifier\":\"{id}\",\"Type\":\"{type}\",\"Parameters\":{parameters},\"Transitions\":{{{string.Join(",", transitions)}}}}}";
    }

    public static string OnError(string type, string next) => $"{{\"NextAction\":\"{next}\",\"ErrorType\":\"{type}\"}}";

    public static string When(string op, string operand, string next) =>
        $"{{\"NextAction\":\"{next}\",\"Condition\":{{\"Operator\":\"{op}\",\"Operands\":[\"{operand}\"]}}}}";

    public static string Both(params string[] items) => string.Join(",", items);

    /// <summary>Set the working queue, transfer; at capacity and on error, disconnect.</summary>
    public static string[] QueueIn(string queueIdOrPath, string from = "set") =>
    [
        Action(from, "UpdateContactTargetQueue", $"{{\"QueueId\":\"{queueIdOrPath}\"}}", next: from + "-transfer", errors: OnError("NoMatchingError", "bye")),
        Action(from + "-transfer", "TransferContactToQueue", errors: Both(OnError("QueueAtCapacity", "bye"), OnError("NoMatchingError", "bye"))),
    ];

    public static string Bye => Action("bye", "DisconnectParticipant");

    FlowProgram? IFlowResources.Flow(string idOrArn) => _flows.GetValueOrDefault(Last(idOrArn));

    FlowProgram? IFlowResources.Module(string idOrArn) => _modules.GetValueOrDefault(Last(idOrArn));

    FlowQueue? IFlowResources.Queue(string idOrArn) => _queues.GetValueOrDefault(Last(idOrArn));

    FlowQueue? IFlowResources.AgentQueue(string userIdOrArn) =>
        Engine.Engine.FindAgent(Last(userIdOrArn)) is { } agent ? new FlowQueue(agent.UserId, Arn("agent", agent.UserId), null, "ENABLED", null, null, IsAgentQueue: true) : null;

    object? IFlowResources.JsonValue(string text) => ConnectLocal.Server.Flows.FlowJson.ReadValue(text);

    bool? IFlowResources.HoursOpen(string hoursIdOrArn, DateTimeOffset at) =>
        _hours.GetValueOrDefault(Last(hoursIdOrArn)) is { } hours ? FlowHours.IsOpenWeekly(hours, at) : null;

    private static string Last(string idOrArn) => idOrArn.Split('/')[^1];

    private static FlowProgram Program(string id, string type, string[] actions)
    {
        var start = actions[0].Split('"')[3];
        var json = $"{{\"Version\":\"2019-10-30\",\"StartAction\":\"{start}\",\"Actions\":[{string.Join(",", actions)}]}}";
        return new FlowProgram(id, Arn(type == "FLOW_MODULE" ? "flow-module" : "contact-flow", id), id, type, FlowJson.Read(json));
    }
}
