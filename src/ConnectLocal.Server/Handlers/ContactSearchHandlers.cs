using System.Text.Json;
using ConnectLocal.Core.Contacts;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Routing;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Routing;
using ContactShape = ConnectLocal.Model.Shapes.Contact;
using ContactState = ConnectLocal.Core.Routing.ContactState;

namespace ConnectLocal.Server.Handlers;

// ListAssociatedContacts: a contact's tree by PreviousContactId.
// DismissUserContact: an agent's contact in after-contact work (the agent's view: ENDED) is closed.
// SearchContacts over the contacts the instance's routing holds (Core/Contacts/ContactSearch.cs, docs/routing.md
// "Searching contacts"): in progress, still in their inbound flow, and ended ones within their retention.
// Contacts are searched as DescribeContact shows them, with what UpdateContact and TagContact changed
// (ContactUpdateHandlers.cs). LIMITATIONS: no contact has a Contact Lens transcript, so a ContactAnalysis criterion
// finds none.
public sealed partial class ConnectApi
{
    public override ValueTask<SearchContactsResponse> SearchContacts(OperationContext context, SearchContactsRequest request)
    {
        var range = RangeIn(request.TimeRange!);
        var criteria = request.SearchCriteria is { } c ? ContactCriteriaIn(c) : null;
        var sort = request.Sort is { } s ? new ContactSort(s.FieldName!, s.Order == "DESCENDING") : null;
        ContactSearch.Check(range, criteria);
        var caller = CallerOf(context);
        var (page, total) = Routing.Use(caller, request.InstanceId!, (routing, instance) => Store.Read(session =>
        {
            var records = new RoutingRecords(session, instance);
            var shapes = SearchableContacts(routing).ToDictionary(x => x.Shape.Id!, StringComparer.Ordinal);
            var found = ContactSearch.Search(shapes.Values.Select(x => Searched(x.Shape, x.Region, x.Details, records)), range, criteria, sort);
            var keyed = found.Select(f => (Key: ContactSearch.SortKey(f, sort), Shape: shapes[f.Id].Shape)).ToList();
            var page = Paging.Slice(session, new ResourceScope(caller.AccountId, caller.Region, instance.Id), SearchListing(request), keyed,
                k => k.Key, request.NextToken, PageSize(context, request.MaxResults));
            return (page.Items.Select(k => SearchSummaryOut(k.Shape, shapes[k.Shape.Id!].Details)).ToList(), (NextToken: page.NextToken, Count: found.Count));
        }));
        return ValueTask.FromResult(new SearchContactsResponse { Contacts = page, NextToken = total.NextToken, TotalCount = total.Count });
    }

    /// <summary>
    /// The prose: only a contact the agent's CCP shows as MISSED, ERROR, ENDED or REJECTED can be dismissed. Here the
    /// agent's ENDED contacts are those in after-contact work (no offer is missed or rejected, none ends in error):
    /// dismissing one closes it and frees the agent's slot. [choice] A contact still ringing or connected is
    /// InvalidRequestException; a contact that is not the agent's, or already closed, ResourceNotFoundException.
    /// </summary>
    public override ValueTask<DismissUserContactResponse> DismissUserContact(OperationContext context, DismissUserContactRequest request)
    {
        Routing.Use(CallerOf(context), request.InstanceId!, (routing, instance) =>
        {
            if (Store.Read(session => new RoutingRecords(session, instance).User(request.UserId!)) is null)
            {
                throw Errors.NotFound("User");
            }

            if (routing.Engine.FindContact(request.ContactId!) is not { State: not ContactState.Ended } contact || contact.Agent?.UserId != request.UserId)
            {
                throw Errors.NotFound("Contact");
            }

            if (contact.State != ContactState.AfterContactWork)
            {
                throw Errors.InvalidRequest(ErrorTexts.ContactNotDismissable);
            }

            routing.Engine.FinishAfterContactWork(contact);
            return contact;
        });
        return ValueTask.FromResult(new DismissUserContactResponse());
    }

    /// <summary>
    /// [choice] A contact's tree is the contacts linked to it by PreviousContactId (a task started after another), up to
    /// the first one and down to every contact started after one of them, itself included, oldest first (ties by id).
    /// Contacts the routing no longer holds (past their retention) are not in it; an unknown contact is
    /// ResourceNotFoundException. The page token is bound to the instance and the contact.
    /// </summary>
    public override ValueTask<ListAssociatedContactsResponse> ListAssociatedContacts(OperationContext context, ListAssociatedContactsRequest request)
    {
        var caller = CallerOf(context);
        var page = Routing.Use(caller, request.InstanceId!, (routing, instance) => Store.Read(session =>
        {
            var all = SearchableContacts(routing).Select(x => x.Shape).ToDictionary(c => c.Id!, StringComparer.Ordinal);
            if (!all.TryGetValue(request.ContactId!, out var root))
            {
                throw Errors.NotFound("Contact");
            }

            var climbed = new HashSet<string>(StringComparer.Ordinal) { root.Id! };
            while (root.PreviousContactId is { } previous && all.TryGetValue(previous, out var earlier) && climbed.Add(earlier.Id!))
            {
                root = earlier;
            }

            var next = all.Values.Where(c => c.PreviousContactId is not null).ToLookup(c => c.PreviousContactId!, StringComparer.Ordinal);
            var tree = new List<ContactShape> { root };
            var inTree = new HashSet<string>(StringComparer.Ordinal) { root.Id! };
            for (var i = 0; i < tree.Count; i++)
            {
                tree.AddRange(next[tree[i].Id!].Where(c => inTree.Add(c.Id!)));
            }

            var keyed = tree.Select(c => (Key: c.InitiationTimestamp!.Value.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + c.Id, Contact: c))
                .OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
            return Paging.Slice(session, new ResourceScope(caller.AccountId, caller.Region, instance.Id), Paging.Listing("associated-contacts", [request.ContactId]),
                keyed, k => k.Key, request.NextToken, PageSize(context, request.MaxResults));
        }));
        return ValueTask.FromResult(new ListAssociatedContactsResponse
        {
            ContactSummaryList = page.Items.Select(k => new AssociatedContactSummary
            {
                ContactId = k.Contact.Id,
                ContactArn = k.Contact.Arn,
                InitiationTimestamp = k.Contact.InitiationTimestamp,
                DisconnectTimestamp = k.Contact.DisconnectTimestamp,
                InitialContactId = k.Contact.InitialContactId,
                PreviousContactId = k.Contact.PreviousContactId,
                RelatedContactId = k.Contact.RelatedContactId,
                InitiationMethod = k.Contact.InitiationMethod,
                Channel = k.Contact.Channel,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    /// <summary>Every contact of the instance as DescribeContact shows it, with its Region and the request's details.</summary>
    private IEnumerable<(ContactShape Shape, string Region, ContactInfo? Details)> SearchableContacts(InstanceRouting routing)
    {
        foreach (var contact in routing.Engine.Contacts)
        {
            if (contact.Id is not null)
            {
                yield return (WithEdits(routing, ContactOut(contact, routing.Flows?.ContactOf(contact))), contact.Region, contact.Tag as ContactInfo);
            }
        }

        foreach (var waiting in routing.Flows?.InFlow ?? [])
        {
            if (waiting.Id is not null && routing.Engine.FindContact(waiting.Id) is null)
            {
                yield return (WithEdits(routing, InFlowContactOut(waiting)), waiting.Region, waiting.Entry?.Tag?.Invoke(waiting) as ContactInfo);
            }
        }
    }

    /// <summary>[choice] The handling agent's hierarchy is the agent's hierarchy group now (AWS keeps the one at the time of the contact).</summary>
    private static SearchedContact Searched(ContactShape shape, string region, ContactInfo? details, RoutingRecords records)
    {
        var agentId = shape.AgentInfo?.Id;
        var group = agentId is null || records.User(agentId)?.HierarchyGroupId is not { } groupId ? null : records.Group(groupId);
        var times = new Dictionary<ContactTimestamp, DateTimeOffset>();
        void Add(ContactTimestamp type, DateTimeOffset? at)
        {
            if (at is { } value)
            {
                times[type] = value;
            }
        }

        Add(ContactTimestamp.Initiation, shape.InitiationTimestamp);
        Add(ContactTimestamp.Scheduled, shape.ScheduledTimestamp);
        Add(ContactTimestamp.ConnectedToAgent, shape.AgentInfo?.ConnectedToAgentTimestamp);
        Add(ContactTimestamp.Disconnect, shape.DisconnectTimestamp);
        Add(ContactTimestamp.Enqueue, shape.QueueInfo?.EnqueueTimestamp);
        return new SearchedContact(shape.Id!, shape.Channel!, shape.InitiationMethod!, region)
        {
            Name = shape.Name,
            QueueId = shape.QueueInfo?.Id,
            AgentId = agentId,
            AgentHierarchy = group is null ? [] : [.. group.Ancestors.Select(a => a.Id), group.Id],
            Times = times,
            Attributes = shape.Attributes,
            Tags = shape.Tags,
            SegmentAttributes = details?.SegmentAttributes?.Where(a => a.Value.ValueString is not null).ToDictionary(a => a.Key, a => a.Value.ValueString!, StringComparer.Ordinal),
            StepAgentIds = shape.RoutingCriteria?.Steps?.Select(step => (IReadOnlyCollection<string>)PreferredAgents(step.Expression).ToHashSet(StringComparer.Ordinal)).ToList(),
        };
    }

    /// <summary>The agents a routing step's expression prefers (its MatchCriteria conditions, in ANDs and ORs).</summary>
    private static IEnumerable<string> PreferredAgents(Expression? expression) => expression is null ? [] :
        (expression.AttributeCondition?.MatchCriteria?.AgentsCriteria?.AgentIds ?? [])
            .Concat((expression.AndExpression ?? []).Concat(expression.OrExpression ?? []).SelectMany(PreferredAgents));

    private static ContactSearchSummary SearchSummaryOut(ContactShape shape, ContactInfo? details) => new()
    {
        Arn = shape.Arn,
        Id = shape.Id,
        InitialContactId = shape.InitialContactId,
        PreviousContactId = shape.PreviousContactId,
        InitiationMethod = shape.InitiationMethod,
        Channel = shape.Channel,
        QueueInfo = shape.QueueInfo is { } queue ? new ContactSearchSummaryQueueInfo { Id = queue.Id, EnqueueTimestamp = queue.EnqueueTimestamp } : null,
        AgentInfo = shape.AgentInfo is { } agent ? new ContactSearchSummaryAgentInfo { Id = agent.Id, ConnectedToAgentTimestamp = agent.ConnectedToAgentTimestamp } : null,
        InitiationTimestamp = shape.InitiationTimestamp,
        DisconnectTimestamp = shape.DisconnectTimestamp,
        ScheduledTimestamp = shape.ScheduledTimestamp,
        SegmentAttributes = details?.SegmentAttributes is { Count: > 0 } segments
            ? segments.ToDictionary(a => a.Key, a => new ContactSearchSummarySegmentAttributeValue { ValueString = a.Value.ValueString, ValueMap = a.Value.ValueMap }, StringComparer.Ordinal)
            : null,
        Name = shape.Name,
        RoutingCriteria = shape.RoutingCriteria,
        Tags = shape.Tags,
        GlobalResiliencyMetadata = shape.GlobalResiliencyMetadata,
    };

    private static ContactTimeRange RangeIn(SearchContactsTimeRange range) =>
        new(ContactSearch.TimestampOf(range.Type!), range.StartTime!.Value, range.EndTime!.Value);

    private static ContactSearchCriteria ContactCriteriaIn(SearchCriteria c) => new()
    {
        Name = c.Name is { } name ? new Matching<string>(name.SearchText ?? [], ContactSearch.MatchOf(name.MatchType)) : null,
        AgentIds = c.AgentIds,
        AgentHierarchyGroups = c.AgentHierarchyGroups is { } h ? [h.L1Ids, h.L2Ids, h.L3Ids, h.L4Ids, h.L5Ids] : null,
        Channels = c.Channels,
        TranscriptSearched = c.ContactAnalysis?.Transcript is not null,
        InitiationMethods = c.InitiationMethods,
        QueueIds = c.QueueIds,
        RoutingSteps = c.RoutingCriteria?.Steps?.Where(s => s.AgentCriteria is not null)
            .Select(s => new Matching<string>(s.AgentCriteria!.AgentIds ?? [], ContactSearch.MatchOf(s.AgentCriteria.MatchType))).ToList(),
        AdditionalTimeRange = c.AdditionalTimeRange is { } extra
            ? new Matching<AdditionalTimeCriterion>(
                (extra.Criteria ?? []).Select(t => new AdditionalTimeCriterion(
                    t.TimeRange is { } r ? RangeIn(r) : null,
                    t.TimestampCondition is { } n ? ContactSearch.TimestampOf(n.Type!) : null)).ToList(),
                ContactSearch.MatchOf(extra.MatchType))
            : null,
        ContactAttributes = c.SearchableContactAttributes is { } a
            ? new Matching<AttributeCriterion>((a.Criteria ?? []).Select(x => new AttributeCriterion(x.Key!, x.Values ?? [])).ToList(), ContactSearch.MatchOf(a.MatchType))
            : null,
        SegmentAttributes = c.SearchableSegmentAttributes is { } g
            ? new Matching<AttributeCriterion>((g.Criteria ?? []).Select(x => new AttributeCriterion(x.Key!, x.Values ?? [])).ToList(), ContactSearch.MatchOf(g.MatchType))
            : null,
        ActiveRegions = c.ActiveRegions,
        ContactTags = TagFilterIn(c.ContactTags),
    };

    /// <summary>A page token is bound to the whole search but its page size and token (the request without them, as JSON).</summary>
    private static string SearchListing(SearchContactsRequest request)
    {
        var bound = new SearchContactsRequest { InstanceId = request.InstanceId, TimeRange = request.TimeRange, SearchCriteria = request.SearchCriteria, Sort = request.Sort };
        return Paging.Listing("search-contacts", [JsonSerializer.Serialize(bound, ConnectJsonContext.Wire.SearchContactsRequest)]);
    }
}
