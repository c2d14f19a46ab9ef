namespace ConnectLocal.Core.Flows;

/// <summary>What kind of resource a parameter of an action names.</summary>
public enum FlowReferenceKind
{
    Queue,
    Prompt,
    HoursOfOperation,
    ContactFlow,
    User,
}

/// <summary>An action type of the flow language: the flow types it may be used in, and whether it has Conditions branches.</summary>
public sealed record FlowActionType(string Name, IReadOnlySet<string> FlowTypes, bool HasConditions);

/// <summary>
/// The action types ConnectLocal knows, from AWS's Flow language reference (APIReference, "Flow language actions":
/// each action's "Restrictions" section names the flow types it is supported in, and "Results and conditions" whether
/// it branches on conditions). Where the reference names no restriction the action is allowed in every flow type
/// ([choice], docs/flows.md lists the table). An action type missing here is refused as unknown.
/// </summary>
public static class FlowActionTypes
{
    public const string Inbound = "CONTACT_FLOW";

    /// <summary>
    /// Not a ContactFlowType: the flow type a module's content is checked as. AWS lets modules be used in inbound flows
    /// only, so an action allowed in an inbound flow is allowed in a module; EndFlowModuleExecution (the Return block)
    /// is allowed in modules only (Admin Guide, "Return (from module)").
    /// </summary>
    public const string Module = "FLOW_MODULE";

    public static readonly IReadOnlySet<string> AllFlowTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "CUSTOMER_WHISPER", "AGENT_HOLD", "AGENT_WHISPER",
        "OUTBOUND_WHISPER", "AGENT_TRANSFER", "QUEUE_TRANSFER", "CAMPAIGN", Module,
    };

    // Inbound and the two transfer flows: where a contact is still being routed (the "Transfer to …" blocks' flow types).
    private static readonly string[] Routing = ["CONTACT_FLOW", "AGENT_TRANSFER", "QUEUE_TRANSFER"];

    private static readonly string[] RoutingAndQueue = [.. Routing, "CUSTOMER_QUEUE"];

    private static readonly string[] Looping = ["CUSTOMER_QUEUE", "CUSTOMER_HOLD", "AGENT_HOLD"];

    public static readonly IReadOnlyDictionary<string, FlowActionType> All = new FlowActionType[]
    {
        Of("CheckHoursOfOperation", RoutingAndQueue, conditions: true),
        Of("CheckMetricData", RoutingAndQueue, conditions: true),
        Of("Compare", null, conditions: true),
        Of("CompleteOutboundCall", ["CONTACT_FLOW", "CAMPAIGN"]),
        Of("ConnectParticipantWithLexBot", RoutingAndQueue, conditions: true),
        Of("CreateTask", RoutingAndQueue),
        Of("DequeueContactAndTransferToQueue", ["CUSTOMER_QUEUE"]),
        Of("DisconnectParticipant", RoutingAndQueue),
        Of("DistributeByPercentage", null, conditions: true),
        Of("EndFlowExecution", null),
        Of("EndFlowModuleExecution", [Module]),
        Of("GetParticipantInput", RoutingAndQueue, conditions: true),
        Of("InvokeFlowModule", RoutingAndQueue),
        Of("InvokeLambdaFunction", null),
        Of("Loop", null, conditions: true),
        Of("MessageParticipant", null),
        Of("MessageParticipantIteratively", Looping),
        Of("ShowView", RoutingAndQueue, conditions: true),
        Of("TagContact", null),
        Of("TransferContactToAgent", Routing),
        Of("TransferContactToQueue", Routing),
        Of("TransferParticipantToThirdParty", Routing),
        Of("TransferToFlow", Routing),
        Of("UnTagContact", null),
        Of("UpdateContactAttributes", null),
        Of("UpdateContactCallbackNumber", RoutingAndQueue),
        Of("UpdateContactData", null),
        Of("UpdateContactEventHooks", null),
        Of("UpdateContactMediaStreamingBehavior", null),
        Of("UpdateContactRecordingBehavior", null),
        Of("UpdateContactRoutingBehavior", RoutingAndQueue),
        Of("UpdateContactTargetQueue", RoutingAndQueue),
        Of("UpdateContactTextToSpeechVoice", null),
        Of("UpdateFlowLoggingBehavior", null),
        // "supported … only in Inbound flow, Customer Queue flow, Transfer to Agent flow, and Transfer to Queue flow types"
        Of("UpdateRoutingCriteria", RoutingAndQueue),
        Of("Wait", RoutingAndQueue, conditions: true),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Parameters whose plain (non-ARN) value is an id of this kind; any value that is an ARN is checked by its segment.</summary>
    public static readonly IReadOnlyDictionary<string, FlowReferenceKind> IdParameters = new Dictionary<string, FlowReferenceKind>(StringComparer.Ordinal)
    {
        ["QueueId"] = FlowReferenceKind.Queue,
        ["PromptId"] = FlowReferenceKind.Prompt,
        ["HoursOfOperationId"] = FlowReferenceKind.HoursOfOperation,
        ["ContactFlowId"] = FlowReferenceKind.ContactFlow,
        ["AgentId"] = FlowReferenceKind.User,
        ["UserId"] = FlowReferenceKind.User,
    };

    /// <summary>ARN segments (…:instance/{id}/{segment}/{id}) of the kinds a flow may name.</summary>
    public static readonly IReadOnlyDictionary<string, FlowReferenceKind> ArnSegments = new Dictionary<string, FlowReferenceKind>(StringComparer.Ordinal)
    {
        ["queue"] = FlowReferenceKind.Queue,
        ["prompt"] = FlowReferenceKind.Prompt,
        ["operating-hours"] = FlowReferenceKind.HoursOfOperation,
        ["contact-flow"] = FlowReferenceKind.ContactFlow,
        ["agent"] = FlowReferenceKind.User,
    };

    private static FlowActionType Of(string name, string[]? flowTypes, bool conditions = false) =>
        new(name, flowTypes is null ? AllFlowTypes : (flowTypes.Contains(Inbound) ? [.. flowTypes, Module] : flowTypes).ToHashSet(StringComparer.Ordinal), conditions);
}
