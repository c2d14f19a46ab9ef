using System.Security.Cryptography;
using ConnectLocal.Core.Contacts;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Routing;
using ContactShape = ConnectLocal.Model.Shapes.Contact;
using Instance = ConnectLocal.Core.Resources.Instance;
using Queue = ConnectLocal.Core.Resources.Queue;
using ContactState = ConnectLocal.Core.Routing.ContactState;

namespace ConnectLocal.Server.Handlers;

// Contacts and real-time data, routed by the in-memory routing engine (docs/routing.md).
// Each contact's ContactFlowId names a PUBLISHED, ACTIVE CONTACT_FLOW flow (FlowReferences, docs/flows.md).
// Each contact runs its flow (Core/Flows/Interpreter, docs/routing.md "Contact flows"), which queues or ends it.
// LIMITATIONS: chat messages, participants and their tokens
// are not kept (the token is opaque); tasks cannot be scheduled, nor started from a quick connect or a task
// template; GetCurrentMetricData groups by QUEUE, CHANNEL, ROUTING_PROFILE and ROUTING_STEP_EXPRESSION only; contacts live
// in memory only (a restart forgets them), and an ended contact only for its retention (RoutingHost, ContactRetention).
public sealed partial class ConnectApi
{
    private RoutingHost? _routingHost;

    /// <summary>The server's constructor (dependency injection): handlers share the one <see cref="RoutingHost"/>.</summary>
    public ConnectApi(IConnectStore store, ConnectSettings settings, RoutingHost routing)
        : this(store, settings)
    {
        _routingHost = routing;
    }

    /// <summary>Without a host (the simulator's in-process API), one of its own on the system clock.</summary>
    private RoutingHost Routing => _routingHost ??= new RoutingHost(Store, TimeProvider.System);

    public override ValueTask<StartChatContactResponse> StartChatContact(OperationContext context, StartChatContactRequest request)
    {
        ContactAttributes.Check(request.Attributes);
        ContactStartRules.CheckInitialMessage(request.InitialMessage?.Content);
        ContactStartRules.CheckPersistentChat(request.PersistentChat is not null, request.PersistentChat?.RehydrationType);
        CheckSegmentAttributes(request.SegmentAttributes);
        ChatStart.Check(request.SupportedMessagingContentTypes, request.RelatedContactId is not null, request.PersistentChat is not null,
            request.SegmentAttributes?.GetValueOrDefault("connect:Subtype")?.ValueString);
        var caller = CallerOf(context);
        var flow = Core.Flows.FlowReferences.RequireForContact(Store, caller, request.InstanceId!, request.ContactFlowId!);
        var id = DefaultResources.NewId();
        Routing.Use(caller, request.InstanceId!, (routing, instance) =>
        {
            var details = new ContactInfo(ContactArn(caller, instance, id), null, null, request.Attributes, null, request.RelatedContactId, null, caller.Region,
                SegmentAttributes: request.SegmentAttributes);
            return Routing.StartFlow(routing, new FlowEntry(id, caller.Region, RoutingChannel.Chat, ContactInitiation.Api, Program(routing, flow), request.Attributes,
                Tag: _ => details));
        });
        return ValueTask.FromResult(new StartChatContactResponse
        {
            ContactId = id,
            ParticipantId = DefaultResources.NewId(),
            ParticipantToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        });
    }

    /// <summary>
    /// A task starts in its flow (the ContactFlowId, the flow of an agent or queue quick connect, or its template's
    /// flow), which runs at once with the quick connect's queue as its working queue and decides where it is queued. A
    /// ScheduledTime ahead makes it wait, SCHEDULED, until then (docs/routing.md, "Tasks").
    /// </summary>
    public override ValueTask<StartTaskContactResponse> StartTaskContact(OperationContext context, StartTaskContactRequest request)
    {
        ContactAttributes.Check(request.Attributes);
        CheckReferences(request.References);
        CheckSegmentAttributes(request.SegmentAttributes);
        var caller = CallerOf(context);
        TaskStarts.CheckSchedule(request.ScheduledTime, caller.Now);
        CheckCreatedByUser(caller, request.InstanceId!, request.SegmentAttributes);
        var start = TaskStarts.Resolve(Store, caller, request.InstanceId!, request.ContactFlowId, request.QuickConnectId, request.TaskTemplateId);
        var id = DefaultResources.NewId();
        Routing.Use(caller, request.InstanceId!, (routing, instance) =>
        {
            if (request.PreviousContactId is { } previous && RoutingHost.CountLinked(routing, previous) >= TaskStarts.MaxLinkedTasks)
            {
                throw Errors.Quota(ErrorTexts.PreviousContactChainFull);
            }

            // The active tasks quota (rules-gaps): open tasks of the instance, scheduled ones included.
            if (routing.Engine.OpenCount(RoutingChannel.Task) >= Settings.ActiveTasksPerInstance)
            {
                throw Errors.Quota(ErrorTexts.ActiveTasksQuota(Settings.ActiveTasksPerInstance));
            }

            var attributes = WithRelatedAttributes(routing, request.RelatedContactId, request.Attributes);

            // The task's references are kept for UpdateContactTaskTemplate, which checks them against a template.
            var details = new ContactInfo(ContactArn(caller, instance, id), request.Name, request.Description, attributes, request.PreviousContactId,
                request.RelatedContactId, null, caller.Region,
                request.References?.ToDictionary(r => r.Key, r => new Core.TaskTemplates.ContactReference(r.Value.Value, r.Value.Type!), StringComparer.Ordinal),
                start.Template?.Id, start.Template is { } t ? TaskTemplateRules.Type.ArnOf(caller, instance.Id, t.Id) : null, start.Template?.Name,
                SegmentAttributes: request.SegmentAttributes);
            // A quick connect's queue is the working queue its transfer flow starts with.
            var preset = start.QueueId is { } named ? Routing.FlowsOf(routing).Resources.Queue(named) ?? throw Errors.NotFound("Queue") : null;
            return Routing.StartFlow(routing, new FlowEntry(id, caller.Region, RoutingChannel.Task, ContactInitiation.Api, Program(routing, start.Flow), attributes,
                preset, ScheduledAt: request.ScheduledTime is { } at && at > caller.Now ? at : null, Tag: _ => details));
        });
        return ValueTask.FromResult(new StartTaskContactResponse { ContactId = id });
    }

    /// <summary>
    /// StartTaskContact's RelatedContactId "copies over contact attributes from the related task contact": the related
    /// contact's attributes as its flows left them, the request's own Attributes winning on the same key. The copy is the
    /// new task's own, so updating one contact's attributes leaves the other's as they were. [choice] A related contact
    /// the instance's routing does not know (another instance, or past its retention) contributes no attributes.
    /// </summary>
    private static Dictionary<string, string>? WithRelatedAttributes(InstanceRouting routing, string? relatedContactId, Dictionary<string, string>? own)
    {
        if (relatedContactId is null || routing.Engine.FindContact(relatedContactId) is not { } related)
        {
            return own;
        }

        var flow = routing.Flows?.ContactOf(related);
        var theirs = flow is { Attributes.Count: > 0 } ? flow.Attributes : (related.Tag as ContactInfo)?.Attributes;
        if (theirs is not { Count: > 0 })
        {
            return own;
        }

        var merged = new Dictionary<string, string>(theirs, StringComparer.Ordinal);
        foreach (var (key, value) in own ?? [])
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>[choice] The customer answers at once and the flow runs, QueueId its working queue; the flow queues (OUTBOUND) or ends the contact.</summary>
    public override ValueTask<StartOutboundVoiceContactResponse> StartOutboundVoiceContact(OperationContext context, StartOutboundVoiceContactRequest request)
    {
        if (request.SourcePhoneNumber is null && request.QueueId is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.OutboundNeedsSourceOrQueue);
        }

        ContactAttributes.Check(request.Attributes);
        CheckReferences(request.References);
        ContactStartRules.CheckAnswerMachineDetection(request.AnswerMachineDetectionConfig?.EnableAnswerMachineDetection == true, request.TrafficType);
        if (!ContactStartRules.DestinationAllowedByDefault(request.DestinationPhoneNumber!))
        {
            throw new ServiceErrorException("DestinationNotAllowedException", ErrorTexts.DestinationNotAllowedByDefault);
        }

        // rules-gaps: "Campaign calls are not allowed by default" -- until the campaigns quota is raised, which here is
        // --allow-campaign-calls. [choice] OutboundContactNotPermittedException, the operation's error for a call it will not place.
        if (request.TrafficType == "CAMPAIGN" && !Settings.CampaignCallsAllowed)
        {
            throw new ServiceErrorException("OutboundContactNotPermittedException", ErrorTexts.CampaignCallsNotAllowedByDefault);
        }

        var caller = CallerOf(context);
        var flow = Core.Flows.FlowReferences.RequireForContact(Store, caller, request.InstanceId!, request.ContactFlowId!);
        var id = DefaultResources.NewId();
        Routing.Use(caller, request.InstanceId!, (routing, instance) =>
        {
            if (!instance.OutboundCallsEnabled)
            {
                throw new ServiceErrorException("OutboundContactNotPermittedException", "Outbound calls are not enabled for the instance.");
            }

            var queueId = request.QueueId is { } q
                ? Store.Read(session => session.Get<Queue>(new ResourceScope(caller.AccountId, caller.Region, instance.Id), q) is { QueueType: Queue.Standard } found ? found.Id : null)
                    ?? throw Errors.NotFound("Queue")
                : null;
            var details = new ContactInfo(ContactArn(caller, instance, id), request.Name, request.Description, request.Attributes, null, request.RelatedContactId, null, caller.Region);
            return Routing.StartFlow(routing, new FlowEntry(id, caller.Region, RoutingChannel.Voice, ContactInitiation.Outbound, Program(routing, flow), request.Attributes,
                queueId is null ? null : Routing.FlowsOf(routing).Resources.Queue(queueId), Tag: _ => details));
        });
        return ValueTask.FromResult(new StartOutboundVoiceContactResponse { ContactId = id });
    }

    /// <summary>
    /// The model's prose: only outbound campaigns may give a DisconnectReason. [choice] No caller of ConnectLocal is an
    /// outbound campaign, so a request with one is InvalidRequestException and stops nothing.
    /// </summary>
    public override ValueTask<StopContactResponse> StopContact(OperationContext context, StopContactRequest request)
    {
        if (request.DisconnectReason is not null)
        {
            throw Errors.InvalidRequest(ErrorTexts.DisconnectReasonOnlyFromCampaigns);
        }

        var caller = CallerOf(context);
        var instanceId = Store.Read(session => InstanceService.Require(session, caller, request.InstanceId!)).Id;
        var stopped = Routing.UseContact<object>(request.ContactId!,
            (routing, contact) => routing.InstanceId == instanceId && routing.Engine.Stop(contact) ? contact : null,
            // still in its inbound flow (paused by a Wait): it ends there, stopped
            (routing, waiting) => routing.InstanceId == instanceId && routing.Flows!.StopInFlow(waiting.Id!) ? waiting : null);
        if (stopped is null)
        {
            throw new ServiceErrorException("ContactNotFoundException", "Contact not found or not active.");
        }

        return ValueTask.FromResult(new StopContactResponse());
    }

    public override ValueTask<DescribeContactResponse> DescribeContact(OperationContext context, DescribeContactRequest request)
    {
        var caller = CallerOf(context);
        var instanceId = Store.Read(session => InstanceService.Require(session, caller, request.InstanceId!)).Id;
        var shape = Routing.UseContact(request.ContactId!,
                (routing, contact) => routing.InstanceId == instanceId ? WithEdits(routing, ContactOut(contact, routing.Flows?.ContactOf(contact))) : null,
                (routing, waiting) => routing.InstanceId == instanceId ? WithEdits(routing, InFlowContactOut(waiting)) : null)
            ?? throw Errors.NotFound("Contact");
        return ValueTask.FromResult(new DescribeContactResponse { Contact = shape });
    }

    /// <summary>
    /// QueuePriority, QueueTimeAdjustmentSeconds and RoutingCriteria of a contact waiting in a queue (its new place and
    /// criteria take effect at once), or still in its inbound flow (they apply when the flow queues it). [choice] A
    /// contact no longer waiting (offered, connected, ended) is a ResourceConflictException; an unknown one
    /// ResourceNotFoundException. [choice] A request that changes nothing is an InvalidParameterException.
    /// </summary>
    public override ValueTask<UpdateContactRoutingDataResponse> UpdateContactRoutingData(OperationContext context, UpdateContactRoutingDataRequest request)
    {
        if (request.QueuePriority is not null && request.QueueTimeAdjustmentSeconds is not null)
        {
            // "Either QueuePriority or QueueTimeAdjustmentInSeconds should be provided within the request body, but not both."
            throw Errors.InvalidParameter(ErrorTexts.RoutingDataPriorityAndAdjustment);
        }

        if (request.QueuePriority is null && request.QueueTimeAdjustmentSeconds is null && request.RoutingCriteria is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.RoutingDataNothingToUpdate);
        }

        var criteria = request.RoutingCriteria is { } input ? RoutingCriteriaShapes.FromInput(input) : null;
        if (criteria?.Problem() is { } problem)
        {
            throw Errors.InvalidParameter(problem);
        }

        var caller = CallerOf(context);
        var instanceId = Store.Read(session => InstanceService.Require(session, caller, request.InstanceId!)).Id;
        var adjustment = request.QueueTimeAdjustmentSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var outcome = Routing.UseContact(request.ContactId!,
            (routing, contact) => routing.InstanceId != instanceId ? null
                : contact.State is not (ContactState.Queued or ContactState.Scheduled) ? RoutingDataNotWaiting
                : UpdateRoutingData(routing, contact, request.QueuePriority, adjustment, criteria),
            (routing, waiting) => routing.InstanceId != instanceId ? null : SetRoutingData(waiting, request.QueuePriority, adjustment, criteria))
            ?? throw Errors.NotFound("Contact");
        if (ReferenceEquals(outcome, RoutingDataNotWaiting))
        {
            throw Errors.Conflict(ErrorTexts.RoutingDataContactNotWaiting);
        }

        return ValueTask.FromResult(new UpdateContactRoutingDataResponse());
    }

    private static readonly object RoutingDataNotWaiting = new();

    private static object UpdateRoutingData(InstanceRouting routing, RoutedContact contact, long? priority, TimeSpan? adjustment, Core.Routing.RoutingCriteria? criteria)
    {
        // The flow view keeps them too, so a customer queue flow's later change starts from these.
        if (routing.Flows?.ContactOf(contact) is { } flow)
        {
            SetRoutingData(flow, priority, adjustment, criteria);
        }

        routing.Engine.SetRoutingOrder(contact, priority ?? contact.QueuePriority, adjustment ?? contact.QueueTimeAdjustment);
        if (criteria is not null)
        {
            routing.Engine.SetRoutingCriteria(contact, criteria);
        }

        return contact;
    }

    private static object SetRoutingData(FlowContact contact, long? priority, TimeSpan? adjustment, Core.Routing.RoutingCriteria? criteria)
    {
        contact.QueuePriority = priority ?? contact.QueuePriority;
        contact.QueueTimeAdjustment = adjustment ?? contact.QueueTimeAdjustment;
        contact.RoutingCriteria = criteria ?? contact.RoutingCriteria;
        return contact;
    }

    public override ValueTask<GetCurrentUserDataResponse> GetCurrentUserData(OperationContext context, GetCurrentUserDataRequest request)
    {
        var caller = CallerOf(context);
        var filters = request.Filters!;
        if (filters.Queues is null && filters.Agents is null && filters.RoutingProfiles is null && filters.UserHierarchyGroups is null)
        {
            // The API reference: at least one of Queues, RoutingProfiles, Agents or UserHierarchyGroups.
            throw Errors.InvalidParameter("At least one filter must be provided: Queues, RoutingProfiles, Agents or UserHierarchyGroups.");
        }

        if (new object?[] { filters.Queues, filters.Agents, filters.RoutingProfiles, filters.UserHierarchyGroups }.Count(f => f is not null) > 1)
        {
            // The API reference: at most one of them ([choice] InvalidParameterException, the prose names no error).
            throw Errors.InvalidParameter(ErrorTexts.UserDataOneFilter);
        }

        var data = Routing.Use(caller, request.InstanceId!, (routing, instance) => Store.Read(session =>
        {
            var records = new RoutingRecords(session, instance);
            var states = filters.ContactFilter?.ContactStates?.ToHashSet(StringComparer.Ordinal);
            // With an Agents filter only those agents are looked at: the answer's cost, not the instance's.
            var candidates = filters.Agents is { } named
                ? named.Distinct(StringComparer.Ordinal).Select(routing.Engine.FindAgent).OfType<RoutedAgent>()
                : routing.Engine.Agents;
            return candidates
                .Where(a => a.Region == caller.Region && (a.IsOnline || a.Contacts.Count > 0))
                .Where(a => filters.Agents is null || filters.Agents.Contains(a.UserId))
                .Where(a => filters.RoutingProfiles is null || filters.RoutingProfiles.Contains(a.RoutingProfileId))
                .Where(a => filters.Queues is null || filters.Queues.Any(q => records.Serves(a.RoutingProfileId, q) || q == a.UserId))
                .Where(a => states is null || a.Contacts.Any(c => states.Contains(AgentContactState(c))))
                .OrderBy(a => a.UserId, StringComparer.Ordinal)
                .Select(a => UserDataOut(a, records))
                .ToList();
        }));
        return ValueTask.FromResult(new GetCurrentUserDataResponse { UserDataList = data, ApproximateTotalCount = data.Count });
    }

    public override ValueTask<GetCurrentMetricDataResponse> GetCurrentMetricData(OperationContext context, GetCurrentMetricDataRequest request)
    {
        var caller = CallerOf(context);
        var (page, total) = Routing.Use(caller, request.InstanceId!, (routing, instance) => Store.Read(session =>
        {
            var all = CurrentMetrics.Compute(routing.Engine, new RoutingRecords(session, instance), caller, request);
            return (CurrentMetrics.PageOf(session, caller, instance.Id, request, all, PageSize(context, request.MaxResults)), all.Count);
        }));
        return ValueTask.FromResult(new GetCurrentMetricDataResponse
        {
            MetricResults = page.Items.ToList(),
            NextToken = page.NextToken,
            DataSnapshotTime = caller.Now,
            ApproximateTotalCount = total,
        });
    }

    /// <summary>The flow a contact enters, as the interpreter runs it (checked PUBLISHED and ACTIVE already).</summary>
    private FlowProgram Program(InstanceRouting routing, Core.Flows.ContactFlow flow) =>
        Routing.FlowsOf(routing).Resources.Flow(flow.Id)
        ?? throw Errors.InvalidRequest(ErrorTexts.FlowNotUsable(flow.Id, flow.Status, flow.ContactFlowState));

    internal static string ContactArn(Caller caller, Instance instance, string contactId) =>
        Arns.InInstance(caller.Region, caller.AccountId, instance.Id, "contact", contactId);

    internal static string InitiationMethod(RoutedContact contact) => InitiationMethod(contact.Initiation);

    internal static string InitiationMethod(ContactInitiation initiation) => initiation switch
    {
        ContactInitiation.Outbound => "OUTBOUND",
        ContactInitiation.Api => "API",
        ContactInitiation.Transfer => "TRANSFER",
        _ => "INBOUND",
    };

    /// <summary>The agent's view: ringing is INCOMING, talking CONNECTED, after-contact work ENDED (the customer is gone).</summary>
    private static string AgentContactState(RoutedContact contact) => contact.State switch
    {
        ContactState.Offered => "INCOMING",
        ContactState.Connected => "CONNECTED",
        _ => "ENDED",
    };

    /// <summary>
    /// A contact still in its inbound flow (paused by a Wait): no queue, no agent yet; its attributes as the flow has
    /// set them so far. [choice] LastUpdateTimestamp is when it entered the flow.
    /// </summary>
    private static ContactShape InFlowContactOut(FlowContact contact)
    {
        var shape = Described(contact.Entry?.Tag?.Invoke(contact) as ContactInfo, contact.Id!, contact.Initiation, contact.Channel, contact.Region);
        shape.InitiationTimestamp = contact.EnteredAt;
        shape.ScheduledTimestamp = contact.Entry?.ScheduledAt;
        shape.LastUpdateTimestamp = contact.EnteredAt;
        shape.Attributes = contact.Attributes.Count > 0 ? new Dictionary<string, string>(contact.Attributes, StringComparer.Ordinal) : null;
        shape.RoutingCriteria = contact.RoutingCriteria is { } criteria ? RoutingCriteriaShapes.Out(RoutingCriteriaState.Pending(criteria)) : null;
        return shape;
    }

    /// <summary>What DescribeContact shows of any contact, wherever it is: the request's details and how it began.</summary>
    private static ContactShape Described(ContactInfo? details, string id, ContactInitiation initiation, RoutingChannel channel, string region) => new()
    {
        Arn = details?.Arn,
        Id = id,
        InitialContactId = id,
        PreviousContactId = details?.PreviousContactId,
        RelatedContactId = details?.RelatedContactId,
        InitiationMethod = InitiationMethod(initiation),
        Name = details?.Name,
        Description = details?.Description,
        Channel = RoutingChannels.Name(channel),
        TaskTemplateInfo = details?.TaskTemplateArn is { } templateArn ? new TaskTemplateInfoV2 { Arn = templateArn, Name = details.TaskTemplateName } : null,
        GlobalResiliencyMetadata = details?.TrafficDistributionGroupId is null ? null : new GlobalResiliencyMetadata
        {
            ActiveRegion = region,
            OriginRegion = details.OriginRegion,
            TrafficDistributionGroupId = details.TrafficDistributionGroupId,
        },
    };

    /// <param name="flow">The contact as its flows left it: attributes, routing priority and time adjustment.</param>
    private static ContactShape ContactOut(RoutedContact contact, FlowContact? flow)
    {
        var details = contact.Tag as ContactInfo;
        var shape = Described(details, contact.Id!, contact.Initiation, contact.Channel, contact.Region);
        shape.QueueInfo = contact.QueueId is null ? null : new QueueInfo { Id = contact.QueueId, EnqueueTimestamp = contact.EnqueuedAt };
        shape.AgentInfo = contact.Agent is null ? null : new AgentInfo
        {
            Id = contact.Agent.UserId,
            ConnectedToAgentTimestamp = contact.ConnectedAt,
            AcceptedByAgentTimestamp = contact.ConnectedAt,
            AfterContactWorkStartTimestamp = contact.AfterContactWorkAt,
            AfterContactWorkEndTimestamp = contact.AfterContactWorkAt is null ? null : contact.EndedAt,
        };
        shape.InitiationTimestamp = contact.InitiatedAt;
        shape.ScheduledTimestamp = contact.ScheduledAt;
        shape.DisconnectTimestamp = contact.AfterContactWorkAt ?? contact.EndedAt;
        shape.LastUpdateTimestamp = contact.StateSince;
        shape.Attributes = flow is { Attributes.Count: > 0 } ? new Dictionary<string, string>(flow.Attributes, StringComparer.Ordinal)
            : details?.Attributes is { } attributes ? new Dictionary<string, string>(attributes, StringComparer.Ordinal) : null;
        shape.QueuePriority = flow is null || contact.QueueId is null ? null : contact.QueuePriority;
        shape.QueueTimeAdjustmentSeconds = flow is null || contact.QueueId is null ? null : (int)contact.QueueTimeAdjustment.TotalSeconds;
        shape.RoutingCriteria = RoutingEngine.CriteriaOf(contact) is { } criteria ? RoutingCriteriaShapes.Out(criteria) : null;
        return shape;
    }

    private static UserData UserDataOut(RoutedAgent agent, RoutingRecords records)
    {
        var channels = RoutingChannels.All.Where(c => agent.MaxSlots(c) > 0 || agent.ActiveSlots(c) > 0).ToList();
        var user = records.User(agent.UserId);
        var status = agent.Settings.StatusId is { } statusId ? records.Status(statusId) : null;
        return new UserData
        {
            User = new UserReference { Id = agent.UserId, Arn = user?.Arn },
            RoutingProfile = new RoutingProfileReference { Id = agent.RoutingProfileId, Arn = records.Profile(agent.RoutingProfileId)?.Arn },
            Status = status is null ? null : new AgentStatusReference { StatusArn = status.Arn, StatusName = status.Name, StatusStartTimestamp = agent.Settings.StatusSince },
            NextStatus = user?.NextAgentStatusId is { } next ? records.Status(next)?.Name : null,
            MaxSlotsByChannel = channels.ToDictionary(RoutingChannels.Name, agent.MaxSlots),
            ActiveSlotsByChannel = channels.ToDictionary(RoutingChannels.Name, agent.ActiveSlots),
            AvailableSlotsByChannel = channels.ToDictionary(RoutingChannels.Name, agent.AvailableSlots),
            Contacts = agent.Contacts.Select(c => new AgentContactReference
            {
                ContactId = c.Id,
                Channel = RoutingChannels.Name(c.Channel),
                InitiationMethod = InitiationMethod(c),
                AgentContactState = AgentContactState(c),
                StateStartTimestamp = c.StateSince,
                ConnectedToAgentTimestamp = c.ConnectedAt,
                Queue = c.QueueId is null ? null : new QueueReference { Id = c.QueueId, Arn = records.Queue(c.QueueId)?.Arn },
            }).ToList(),
        };
    }
}
