namespace ConnectLocal.Core.QuickConnects;

// Member names follow the model's (QuickConnectConfig, UserConfig, …): the generic handlers map shapes by name.
public sealed record UserQuickConnect(string UserId, string ContactFlowId);

public sealed record QueueQuickConnect(string QueueId, string ContactFlowId);

public sealed record PhoneQuickConnect(string PhoneNumber);

public sealed record FlowQuickConnect(string ContactFlowId);

public sealed record QuickConnectSettings(
    string QuickConnectType, UserQuickConnect? UserConfig, QueueQuickConnect? QueueConfig, PhoneQuickConnect? PhoneConfig, FlowQuickConnect? FlowConfig);

/// <summary>A quick connect: a named destination (an agent, a queue, a phone number or a flow) agents transfer to.</summary>
public sealed record QuickConnect : InstanceResource, IResource<QuickConnect>, ITaggable<QuickConnect>
{
    public static string Kind => "quick-connect";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required QuickConnectSettings QuickConnectConfig { get; init; }

    public string QuickConnectType => QuickConnectConfig.QuickConnectType;

    public QuickConnect WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>
/// The rules of quick connects beyond the routine ones: the configuration that matches the type is present and
/// no other is ([choice]: AWS documents only that each type has its configuration), and the user or queue it names
/// exists in the instance (a standard queue: agent queues are reached through USER quick connects).
/// Each ContactFlowId names a PUBLISHED, ACTIVE flow of the type its configuration needs (docs/flows.md).
/// </summary>
public static class QuickConnectRules
{
    public static readonly ResourceType<QuickConnect> Type = new()
    {
        Mirrored = true, // Global Resiliency (docs/global-resiliency.md)
        ArnSegment = "transfer-destination",
        Noun = "Quick connect",
        Quota = s => s.QuickConnectsPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        SearchFields =
        [
            SearchField<QuickConnect>.Text("name", q => q.Name),
            SearchField<QuickConnect>.Text("description", q => q.Description),
            SearchField<QuickConnect>.Id("resourceID", q => q.Id),
            SearchField<QuickConnect>.Id("quickConnectType", q => q.QuickConnectType),
        ],
        Check = Check,
        BeforeDelete = Queues.QueueService.ForgetQuickConnect,
    };

    private static void Check(ResourceContext context, QuickConnect quickConnect)
    {
        var config = quickConnect.QuickConnectConfig;
        (string Member, object? Value)[] members =
            [("USER", config.UserConfig), ("QUEUE", config.QueueConfig), ("PHONE_NUMBER", config.PhoneConfig), ("FLOW", config.FlowConfig)];
        foreach (var (type, value) in members)
        {
            if ((type == config.QuickConnectType) != (value is not null))
            {
                throw Errors.InvalidParameter(ErrorTexts.QuickConnectConfigMismatch(config.QuickConnectType));
            }
        }

        // The user or queue named first, then the flow (a missing destination is reported before its flow).
        if (config.UserConfig is { } user)
        {
            ResourceTypes.User.Require(context.Session, context.Caller, context.Instance.Id, user.UserId);
            Flows.FlowReferences.Require(context, user.ContactFlowId, Flows.FlowReferences.AgentTransfer);
        }

        if (config.QueueConfig is { } queue)
        {
            if (ResourceTypes.Queue.Require(context.Session, context.Caller, context.Instance.Id, queue.QueueId).QueueType != Queue.Standard)
            {
                throw Errors.InvalidParameter(ErrorTexts.QuickConnectToAgentQueue);
            }

            Flows.FlowReferences.Require(context, queue.ContactFlowId, Flows.FlowReferences.QueueTransfer);
        }

        // [choice] A FLOW quick connect starts a new contact in its flow: an inbound flow (CONTACT_FLOW).
        if (config.FlowConfig is { } flowConfig)
        {
            Flows.FlowReferences.Require(context, flowConfig.ContactFlowId, Flows.FlowReferences.ContactFlowType);
        }
    }
}
