using ConnectLocal.Core.Instances;
using ConnectLocal.Core.QuickConnects;

namespace ConnectLocal.Core.Queues;

public sealed record CreateQueueCommand(
    string Name,
    string? Description,
    string HoursOfOperationId,
    int? MaxContacts,
    OutboundCallerSettings? OutboundCallerConfig,
    string? OutboundEmailAddressId,
    IReadOnlyList<string> QuickConnectIds,
    IReadOnlyList<string> EmailAddressIds,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// Standard queues (created here) and agent queues (one per user, created with the user; only listed, described
/// and tagged here). A queue has hours of operation, a status, an optional contact limit and outbound settings.
/// [choice] Every accepted update stamps LastModifiedTime, even one whose values equal the stored ones.
/// Email addresses named at creation are resolved in the instance (EmailAddresses/EmailAddress.cs).
/// The outbound caller number is resolved to a number claimed to the instance (or to a traffic distribution group
/// of it) the way AssociatePhoneNumberContactFlow resolves one, and stored as sent (id or ARN).
/// LIMITATIONS: contacts waiting in a queue do not keep it from being deleted.
/// </summary>
public sealed class QueueService(IConnectStore store, ConnectSettings settings)
{
    public const string ArnSegment = "queue";
    public const string Enabled = "ENABLED";

    /// <summary>The ResourceType of ResourceInUseException when a queue holds the reference. [choice]</summary>
    public const string InUseType = "QUEUE";

    /// <summary>[choice] The ResourceType when a routing profile holds it (the model's enum has no value for either).</summary>
    public const string RoutingProfileInUseType = "ROUTING_PROFILE";

    private readonly ResourceOperations<Queue> _queues = new(store, settings, ResourceTypes.Queue);

    public Queue Create(Caller caller, string instanceIdOrArn, CreateQueueCommand command) => _queues.Create(caller, instanceIdOrArn, context =>
    {
        var hours = HoursOfOperationService.Require(context.Session, caller, context.Instance.Id, command.HoursOfOperationId);
        var (outboundEmail, emailAddresses) = EmailAddresses.QueueEmailAddressService.Resolve(context, command.OutboundEmailAddressId, command.EmailAddressIds);

        // [choice] Agent queues do not count against the queue quota; counting all of them is needed only near the limit.
        if (context.Session.Count<Queue>(context.Scope) >= settings.QueuesPerInstance
            && context.Session.All<Queue>(context.Scope).Count(q => q.QueueType == Queue.Standard) >= settings.QueuesPerInstance)
        {
            throw Errors.Limit(ErrorTexts.QuotaReached("queues", settings.QueuesPerInstance));
        }

        return new Queue
        {
            Name = command.Name,
            Description = command.Description,
            QueueType = Queue.Standard,
            HoursOfOperationId = hours.Id,
            MaxContacts = command.MaxContacts,
            Status = Enabled,
            OutboundCallerConfig = CheckOutboundFlow(context, CheckCallerNumber(context, command.OutboundCallerConfig)),
            OutboundEmailAddressId = outboundEmail,
            EmailAddressIds = emailAddresses,
            QuickConnectIds = RequireQuickConnects(context, command.QuickConnectIds),
            Tags = command.Tags,
        };
    });

    public Queue Describe(Caller caller, string instanceIdOrArn, string queueIdOrArn) => _queues.Describe(caller, instanceIdOrArn, queueIdOrArn);

    /// <summary>
    /// SearchQueues over the fields the registry declares for queues (users-search). [choice] Agent queues are
    /// searched too (AWS documents no exclusion); QueueTypeCondition STANDARD keeps only standard queues.
    /// </summary>
    public SearchResult<Queue> Search(Caller caller, string instanceIdOrArn, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize) =>
        _queues.Search(caller, instanceIdOrArn, "search-queues", criteria, filter, nextToken, pageSize);



    /// <summary>[choice] An absent limit means no limit.</summary>
    public void UpdateMaxContacts(Caller caller, string instanceIdOrArn, string queueIdOrArn, int? maxContacts) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (_, queue) => queue with { MaxContacts = maxContacts });

    public void UpdateHoursOfOperation(Caller caller, string instanceIdOrArn, string queueIdOrArn, string hoursIdOrArn) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) =>
            queue with { HoursOfOperationId = HoursOfOperationService.Require(context.Session, caller, queue.InstanceId, hoursIdOrArn).Id });

    /// <summary>[choice] The outbound settings are replaced as a whole: members left out are cleared.</summary>
    public void UpdateOutboundCallerConfig(Caller caller, string instanceIdOrArn, string queueIdOrArn, OutboundCallerSettings config) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) => queue with { OutboundCallerConfig = CheckOutboundFlow(context, CheckCallerNumber(context, config)) });

    /// <summary>
    /// UpdateQueueOutboundCallerConfig's prose: a phone number ARN is the one without the instance in its path
    /// (arn:…:phone-number/{id}); [choice] one with it (…:instance/{id}/phone-number/{id}) is InvalidParameterException.
    /// </summary>
    private static OutboundCallerSettings CheckNumberArn(OutboundCallerSettings config) =>
        config.CallerIdNumberId is { } number && number.StartsWith("arn:", StringComparison.Ordinal) && number.Contains(":instance/", StringComparison.Ordinal)
            ? throw Errors.InvalidParameter(ErrorTexts.CallerNumberArnWithInstance)
            : config;

    /// <summary>
    /// CreateQueue and UpdateQueueOutboundCallerConfig: the caller id number is a number claimed to the queue's
    /// instance or to a traffic distribution group of it (ResourceNotFoundException otherwise, as the operations'
    /// documentation says for a bare id from the group's other Region). PhoneNumberService.Require gives the ARN
    /// rules: a bare id names a number only in the Region it was claimed in, an ARN from either of the group's
    /// Regions. [choice] The value is stored as sent (id or ARN), so a client reads back what it wrote.
    /// </summary>
    private static OutboundCallerSettings? CheckCallerNumber(ResourceContext context, OutboundCallerSettings? config)
    {
        if (config?.CallerIdNumberId is { } number)
        {
            CheckNumberArn(config);
            Flows.FlowAssociationService.NumberOfInstance(context.Session, context.Caller, number, context.Instance.Id);
        }

        return config;
    }

    /// <summary>The outbound whisper flow a queue names is a PUBLISHED, ACTIVE flow of type OUTBOUND_WHISPER (docs/flows.md).</summary>
    private static OutboundCallerSettings? CheckOutboundFlow(ResourceContext context, OutboundCallerSettings? config)
    {
        if (config?.OutboundFlowId is { } flowId)
        {
            Flows.FlowReferences.Require(context, flowId, Flows.FlowReferences.OutboundWhisper);
        }

        return config;
    }

    /// <summary>AssociateQueueQuickConnects: adds the quick connects (each resolved in the instance) the queue lacks.</summary>
    public void AssociateQuickConnects(Caller caller, string instanceIdOrArn, string queueIdOrArn, IReadOnlyList<string> quickConnectIds) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) =>
        {
            var all = queue.QuickConnectIds.Union(RequireQuickConnects(context, quickConnectIds), StringComparer.Ordinal).ToList();
            return all.Count > settings.QuickConnectsPerQueue
                ? throw Errors.Limit(ErrorTexts.QuickConnectsPerQueue(settings.QuickConnectsPerQueue))
                : queue with { QuickConnectIds = all };
        });

    /// <summary>[choice] DisassociateQueueQuickConnects names existing quick connects; one the queue does not have is ignored.</summary>
    public void DisassociateQuickConnects(Caller caller, string instanceIdOrArn, string queueIdOrArn, IReadOnlyList<string> quickConnectIds) =>
        _queues.Update(caller, instanceIdOrArn, queueIdOrArn, (context, queue) =>
            queue with { QuickConnectIds = queue.QuickConnectIds.Except(RequireQuickConnects(context, quickConnectIds), StringComparer.Ordinal).ToList() });

    /// <summary>ListQueueQuickConnects: the queue's quick connects in id order, with the queue's last modification.</summary>
    public (Page<QuickConnect> Page, Queue Queue) ListQuickConnects(Caller caller, string instanceIdOrArn, string queueIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var queue = Require(session, caller, instance.Id, queueIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var quickConnects = queue.QuickConnectIds.Order(StringComparer.Ordinal)
            .Select(id => session.Get<QuickConnect>(scope, id)).OfType<QuickConnect>().ToList();
        return (Paging.Slice(session, scope, "queue-quick-connects/" + queue.Id, quickConnects, q => q.Id, nextToken, pageSize), queue);
    });

    /// <summary>
    /// A queue a routing profile serves or sends outbound calls from cannot be deleted (ResourceInUseException
    /// naming the profile). [choice] Agent queues live and die with their user (InvalidRequestException). BasicQueue
    /// is an ordinary queue: deletable once no routing profile uses it.
    /// </summary>
    internal static void CheckDeletable(ResourceContext context, Queue queue)
    {
        if (queue.QueueType == Queue.Agent)
        {
            throw Errors.InvalidRequest(ErrorTexts.AgentQueueNotDeletable);
        }

        var profile = context.Session.All<RoutingProfile>(context.Scope)
            .FirstOrDefault(p => p.DefaultOutboundQueueId == queue.Id || p.Queues.Any(q => q.QueueId == queue.Id)
                || p.ManualAssignmentQueues.Any(q => q.QueueId == queue.Id));
        if (profile is not null)
        {
            throw Errors.InUse(ErrorTexts.InUseBy("Queue", "routing profile", profile.Name), RoutingProfileInUseType, profile.Arn);
        }
    }

    /// <summary>[choice] Deleting a quick connect takes it off every queue that offered it.</summary>
    internal static void ForgetQuickConnect(ResourceContext context, QuickConnect quickConnect)
    {
        foreach (var queue in context.Session.All<Queue>(context.Scope).Where(q => q.QuickConnectIds.Contains(quickConnect.Id)))
        {
            context.Session.Put(context.Scope, queue with { QuickConnectIds = queue.QuickConnectIds.Where(id => id != quickConnect.Id).ToList() });
        }
    }

    /// <summary>
    /// The queue named by id or ARN in the instance, standard or agent (an agent queue's id is its user's id, its
    /// ARN …/queue/agent/{userId}), or "Queue not found". [choice] The ARN is accepted wherever a queue id is, as
    /// for instances.
    /// </summary>
    public static Queue Require(IStoreSession session, Caller caller, string instanceId, string idOrArn) =>
        ResourceTypes.Queue.Require(session, caller, instanceId, idOrArn);

    /// <summary>
    /// [choice] Agent queues take none of the Update* operations (InvalidRequestException): their settings follow
    /// their user, and the console offers none for them.
    /// </summary>
    internal static void CheckUpdatable(ResourceContext context, Queue queue)
    {
        if (queue.QueueType == Queue.Agent)
        {
            throw Errors.InvalidRequest(ErrorTexts.AgentQueueNotUpdatable);
        }
    }

    /// <summary>Quick connects named by id or ARN, each resolved in the instance, in the order given, each once.</summary>
    private static List<string> RequireQuickConnects(ResourceContext context, IReadOnlyList<string> idsOrArns) =>
        idsOrArns.Select(id => QuickConnectRules.Type.Require(context.Session, context.Caller, context.Instance.Id, id).Id).Distinct(StringComparer.Ordinal).ToList();
}
