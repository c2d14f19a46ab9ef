using System.Globalization;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>A flow or flow module the interpreter can run: what the log names it by, and its parsed content.</summary>
public sealed record FlowProgram(string Id, string Arn, string Name, string Type, FlowDocument Document)
{
    private CompiledFlow? _compiled;

    /// <summary>
    /// The actions compiled for running, made on first use (a race makes it twice, both the same) and again for a copy
    /// made with another Document (`with` copies the field).
    /// </summary>
    internal CompiledFlow Compiled => _compiled is { } compiled && ReferenceEquals(compiled.Document, Document) ? compiled : _compiled = new CompiledFlow(Document);

    /// <summary>The first action with the identifier; null when none has it.</summary>
    public FlowAction? Action(string? identifier)
    {
        var actions = Compiled.Actions;
        for (var i = 0; i < actions.Length; i++)
        {
            if (actions[i].Action.Identifier == identifier && identifier is not null)
            {
                return actions[i].Action;
            }
        }

        return null;
    }
}

/// <summary>A queue as a flow sees it: where TransferContactToQueue sends the contact, and the rules that can refuse it.</summary>
/// <param name="MaxContacts">The queue's MaxContacts (null: no limit of its own).</param>
public sealed record FlowQueue(string Id, string Arn, string? Name, string Status, int? MaxContacts, string? HoursOfOperationId, bool IsAgentQueue = false)
{
    public bool Enabled => Status != "DISABLED";
}

/// <summary>
/// The instance's resources a running flow reads, by id or ARN (dynamic values already resolved). The server reads them
/// from the store (Server/Flows); tests give them directly. Null: not found (or, for flows, not runnable: not PUBLISHED
/// and ACTIVE).
/// </summary>
public interface IFlowResources
{
    FlowProgram? Flow(string idOrArn);

    FlowProgram? Module(string idOrArn);

    FlowQueue? Queue(string idOrArn);

    /// <summary>The agent queue of a user (AgentId of UpdateContactTargetQueue and CheckMetricData).</summary>
    FlowQueue? AgentQueue(string userIdOrArn);

    /// <summary>Whether the hours of operation are open at <paramref name="at"/> in their own time zone; null: no such hours.</summary>
    bool? HoursOpen(string hoursIdOrArn, DateTimeOffset at);

    /// <summary>
    /// While this object stays the same, the same question gets the same answer (hours: within the same UTC minute), so
    /// a flow's action may remember the last answer it read. Null (the default): answers may change at any time.
    /// </summary>
    object? CacheToken => null;

    /// <summary>
    /// JSON text a dynamic value resolved to (Set routing criteria's Steps from $.Attributes.…), read as the parameter
    /// tree: text (numbers and booleans as their text), lists and maps. Core reads no JSON: the edge that supplies the
    /// resources reads it. A text that is not JSON is a <see cref="FormatException"/>.
    /// </summary>
    object? JsonValue(string text) => throw new FormatException("JSON values cannot be read here");
}

/// <summary>The canned answer of a Lambda function (InvokeLambdaFunction), set through the control API.</summary>
/// <param name="Fails">The invocation fails (the action takes its error branch).</param>
public sealed record LambdaResponse(IReadOnlyDictionary<string, string> Values, bool Fails = false);

/// <summary>
/// The canned responses of Lambda functions, by function ARN. ConnectLocal calls no Lambda: [choice] a function with no
/// response set fails (the action takes its error branch and the log says why).
/// </summary>
public sealed class LambdaResponses
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LambdaResponse> _responses = new(StringComparer.Ordinal);

    public void Set(string functionArn, LambdaResponse response) => _responses[functionArn] = response;

    public bool Remove(string functionArn) => _responses.TryRemove(functionArn, out _);

    public void Clear() => _responses.Clear();

    public LambdaResponse? Get(string functionArn) => _responses.GetValueOrDefault(functionArn);
}

/// <summary>
/// One action a contact ran, as Amazon Connect's flow logs show it (one JSON object per line): when, which flow and
/// action, its parameters as run (dynamic values resolved), the result or branch it took, and the error if any.
/// </summary>
public sealed record FlowLogEntry(
    DateTimeOffset Timestamp,
    string? ContactId,
    string FlowArn,
    string FlowName,
    string ActionIdentifier,
    string ActionType,
    IReadOnlyDictionary<string, string> Parameters,
    string? Results,
    string? NextAction,
    string? Error);

/// <summary>One action a contact ran, without its parameters or time (what the simulator counts; no allocation).</summary>
public readonly record struct FlowStep(string FlowArn, string FlowName, string ActionIdentifier, string ActionType, string? Results, string? NextAction, string? Error)
{
    /// <summary>The action as compiled (what the simulator counts branches by, without hashing its identifier).</summary>
    internal CompiledAction? Compiled { get; init; }
}

/// <summary>How a contact's time in its flows ended (or where it is).</summary>
public enum FlowOutcome
{
    /// <summary>Still in its inbound flow, paused by a Wait.</summary>
    InFlow,

    /// <summary>TransferContactToQueue put it in a queue.</summary>
    Queued,

    /// <summary>DisconnectParticipant, an ending with no branch to take, or an inbound flow that ended without queuing it.</summary>
    Disconnected,
}

/// <summary>
/// A contact as its flows see and change it: channel, attributes, the working queue, routing priority and age
/// adjustment, event hooks (the customer queue flow), the Lambda results ($.External), and the flow log.
/// </summary>
public sealed class FlowContact
{
    public FlowContact(string? id, string region, RoutingChannel channel, ContactInitiation initiation, IReadOnlyDictionary<string, string>? attributes)
    {
        Id = id;
        Region = region;
        Channel = channel;
        Initiation = initiation;
        if (attributes is not null)
        {
            foreach (var (key, value) in attributes)
            {
                Attributes[key] = value;
            }
        }
    }

    public string? Id { get; }

    public string Region { get; }

    public RoutingChannel Channel { get; }

    public ContactInitiation Initiation { get; }

    /// <summary>When the contact entered its first flow (DescribeContact's InitiationTimestamp while it is still in it).</summary>
    public DateTimeOffset EnteredAt
    {
        get => new(_enteredTicks, TimeSpan.Zero);
        internal set => _enteredTicks = value.UtcTicks;
    }

    // Ticks, not a DateTimeOffset or a TimeSpan?: eight bytes each in every contact the simulator keeps.
    private long _enteredTicks;
    private long _patienceTicks = long.MinValue;

    // Made on first use: most contacts the simulator runs never need most of them.
    private Dictionary<string, string>? _attributes;

    // The attributes an UpdateContactAttributes with only literal values wrote, shared by every contact that had none
    // before; copied into _attributes on the first change or read of the map.
    private Dictionary<string, string>? _sharedAttributes;

    // What few contacts use, in one object made on first use (a contact the simulator routes stays small).
    private Rare? _rare;

    private Rare More => _rare ??= new Rare();

    private sealed class Rare
    {
        public Dictionary<string, string>? External;
        public Dictionary<string, string>? EventHooks;
        public List<FlowLogEntry>? Log;
        public Dictionary<(string Flow, string Action), int>? Loops;
    }

    public Dictionary<string, string> Attributes
    {
        get
        {
            if (_attributes is null)
            {
                _attributes = _sharedAttributes is null ? new(StringComparer.Ordinal) : new(_sharedAttributes, StringComparer.Ordinal);
                _sharedAttributes = null;
            }

            return _attributes;
        }
    }

    /// <summary>How long the customer waits in queue before leaving (the simulator's patience); null: forever.</summary>
    public TimeSpan? Patience
    {
        get => _patienceTicks == long.MinValue ? null : TimeSpan.FromTicks(_patienceTicks);
        init => _patienceTicks = value?.Ticks ?? long.MinValue;
    }

    /// <summary>An attribute's value without making the attributes' map.</summary>
    public string? Attribute(string key) => (_attributes ?? _sharedAttributes)?.GetValueOrDefault(key);

    /// <summary>UpdateContactAttributes with literal values only: shares the action's map when the contact has no attributes.</summary>
    internal void SetAttributes(Dictionary<string, string> literal)
    {
        if (_attributes is null && _sharedAttributes is null)
        {
            _sharedAttributes = literal;
            return;
        }

        var attributes = Attributes;
        foreach (var (key, value) in literal)
        {
            attributes[key] = value;
        }
    }

    /// <summary>The last Lambda function's results ($.External).</summary>
    public Dictionary<string, string> External => More.External ??= new(StringComparer.Ordinal);

    /// <summary>The working queue (UpdateContactTargetQueue, or the queue a quick connect or API call preset).</summary>
    public FlowQueue? TargetQueue { get; set; }

    public long QueuePriority { get; set; } = RoutedContact.DefaultPriority;

    public TimeSpan QueueTimeAdjustment { get; set; }

    /// <summary>UpdateRoutingCriteria's criteria: activated when the contact is queued (at once if it is already).</summary>
    public RoutingCriteria? RoutingCriteria { get; set; }

    /// <summary>UpdateContactEventHooks: hook name (CustomerQueue, CustomerHold, AgentWhisper, …) to flow ARN.</summary>
    public Dictionary<string, string> EventHooks => More.EventHooks ??= new(StringComparer.Ordinal);

    public List<FlowLogEntry> Log => More.Log ??= [];

    /// <summary>Whether <see cref="Log"/> keeps the entries (the simulator counts them as they come and keeps none).</summary>
    public bool KeepLog { get; init; } = true;

    /// <summary>How the contact entered its flow (set by FlowRouting).</summary>
    public FlowEntry? Entry { get; internal set; }

    public FlowOutcome Outcome { get; internal set; } = FlowOutcome.InFlow;

    /// <summary>The engine's contact once it is queued or ended (null while it is still in its inbound flow).</summary>
    public RoutedContact? Routed { get; internal set; }

    /// <summary>Counts of the Loop actions (by flow and action) that have not finished looping.</summary>
    internal Dictionary<(string Flow, string Action), int> Loops => More.Loops ??= [];

    /// <summary>The flow an event hook names, without making the hooks' map.</summary>
    internal string? EventHook(string hook) => _rare?.EventHooks?.GetValueOrDefault(hook);

    /// <summary>Resolves a parameter value: a single JSONPath ($.Attributes.x, $.External.x, $.Queue.Id, …) or a literal.</summary>
    public string Resolve(string value)
    {
        if (!value.StartsWith("$.", StringComparison.Ordinal))
        {
            return value;
        }

        // [choice] A path that names nothing is the empty text (AWS leaves such a value empty).
        var path = value[2..];
        return path switch
        {
            _ when path.StartsWith("Attributes.", StringComparison.Ordinal) => Attribute(path["Attributes.".Length..]) ?? string.Empty,
            _ when path.StartsWith("External.", StringComparison.Ordinal) => _rare?.External?.GetValueOrDefault(path["External.".Length..]) ?? string.Empty,
            "ContactId" or "InitialContactId" => Id ?? string.Empty,
            "Channel" => RoutingChannels.Name(Channel),
            "InitiationMethod" => Initiation switch
            {
                ContactInitiation.Outbound => "OUTBOUND",
                ContactInitiation.Api => "API",
                ContactInitiation.Transfer => "TRANSFER",
                _ => "INBOUND",
            },
            "Queue.Id" => TargetQueue?.Id ?? string.Empty,
            "Queue.ARN" => TargetQueue?.Arn ?? string.Empty,
            "Queue.Name" => TargetQueue?.Name ?? string.Empty,
            "QueuePriority" => QueuePriority.ToString(CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
    }
}
