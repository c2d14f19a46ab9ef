using ConnectLocal.Core.Contacts;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Routing;
using ContactShape = ConnectLocal.Model.Shapes.Contact;
using ContactState = ConnectLocal.Core.Routing.ContactState;

namespace ConnectLocal.Server.Handlers;

// Changing a contact after it began (docs/routing.md, "Changing a contact"): its attributes (GetContactAttributes,
// UpdateContactAttributes), tags (TagContact, UntagContact), name, description and references (UpdateContact,
// ListContactReferences), a scheduled task's start (UpdateContactSchedule), and pauses (PauseContact, ResumeContact). A contact is one of the caller's instance that the routing engine holds (in progress, or
// ended and still within its retention) or one still in its inbound flow; any other is ResourceNotFoundException.
// What changed is kept beside the engine's contact (InstanceRouting.Edits) and forgotten with it.
public sealed partial class ConnectApi
{
    private static readonly object Changed = new();

    /// <summary>A contact of the caller's instance: the engine's, or one still in its inbound flow (paused by a Wait).</summary>
    private readonly record struct LiveContact(InstanceRouting Routing, RoutedContact? Routed, FlowContact? InFlow)
    {
        public string Id => Routed?.Id ?? InFlow!.Id!;

        public RoutingChannel Channel => Routed?.Channel ?? InFlow!.Channel;

        /// <summary>The contact as its flows see it (null: it entered without a flow).</summary>
        public FlowContact? Flow => InFlow ?? (Routed is { } routed ? Routing.Flows?.ContactOf(routed) : null);

        public ContactInfo? Details => Routed is { } routed ? routed.Tag as ContactInfo : InFlow!.Entry?.Tag?.Invoke(InFlow) as ContactInfo;

        public ContactEdits? EditsIfAny => Routing.Edits.GetValueOrDefault(Id);

        public ContactEdits Edits => EditsIfAny ?? (Routing.Edits[Id] = new ContactEdits());

        /// <summary>The attributes as DescribeContact shows them: its flows' (they start as the request's), else the request's.</summary>
        public IReadOnlyDictionary<string, string> Attributes =>
            Flow is { Attributes.Count: > 0 } flow ? flow.Attributes : Details?.Attributes ?? new Dictionary<string, string>();

        public IReadOnlyDictionary<string, ContactReference> References =>
            EditsIfAny?.References ?? Details?.References ?? new Dictionary<string, ContactReference>();
    }

    /// <summary>Runs <paramref name="work"/> on the contact; ResourceNotFoundException when the caller's instance has no such contact.</summary>
    private T OnContact<T>(OperationContext context, string instanceIdOrArn, string contactId, Func<LiveContact, T> work)
        where T : class
    {
        var caller = CallerOf(context);
        var instanceId = Store.Read(session => InstanceService.Require(session, caller, instanceIdOrArn)).Id;
        return Routing.UseContact(contactId,
                (routing, contact) => routing.InstanceId == instanceId ? work(new LiveContact(routing, contact, null)) : null,
                (routing, waiting) => routing.InstanceId == instanceId ? work(new LiveContact(routing, null, waiting)) : null)
            ?? throw Errors.NotFound("Contact");
    }

    /// <summary>The contact's attributes as its flows left them (an ended contact's too, within its retention); {} when it has none.</summary>
    public override ValueTask<GetContactAttributesResponse> GetContactAttributes(OperationContext context, GetContactAttributesRequest request)
    {
        var attributes = OnContact(context, request.InstanceId!, request.InitialContactId!,
            c => new Dictionary<string, string>(c.Attributes, StringComparer.Ordinal));
        return ValueTask.FromResult(new GetContactAttributesResponse { Attributes = attributes });
    }

    /// <summary>
    /// Merges the request's attributes into the contact's, for ongoing and ended contacts alike; the flows of an ongoing
    /// contact see them from their next action (ContactAttributes.Merge: the keys, and the 32,768 bytes of the merged whole).
    /// </summary>
    public override ValueTask<UpdateContactAttributesResponse> UpdateContactAttributes(OperationContext context, UpdateContactAttributesRequest request)
    {
        OnContact(context, request.InstanceId!, request.InitialContactId!, c =>
        {
            var merged = ContactAttributes.Merge(c.Attributes, request.Attributes!);
            if (c.Flow is { } flow)
            {
                foreach (var (key, value) in merged)
                {
                    flow.Attributes[key] = value;
                }
            }

            if (c.Routed is { Tag: ContactInfo details } routed)
            {
                routed.Tag = details with { Attributes = merged };
            }

            return Changed;
        });
        return ValueTask.FromResult(new UpdateContactAttributesResponse());
    }

    /// <summary>Adds user-defined tags (ContactEdits.Tag: at most 6 in all); DescribeContact shows them with the instance's system tag.</summary>
    public override ValueTask<TagContactResponse> TagContact(OperationContext context, TagContactRequest request)
    {
        OnContact(context, request.InstanceId!, request.ContactId!, c =>
        {
            c.Edits.Tag(request.Tags!);
            return Changed;
        });
        return ValueTask.FromResult(new TagContactResponse());
    }

    public override ValueTask<UntagContactResponse> UntagContact(OperationContext context, UntagContactRequest request)
    {
        OnContact(context, request.InstanceId!, request.ContactId!, c =>
        {
            c.EditsIfAny?.Untag(request.TagKeys!);
            return Changed;
        });
        return ValueTask.FromResult(new UntagContactResponse());
    }

    /// <summary>
    /// Name, Description and References of an ongoing or ended contact (ContactEdits.Update). QueueInfo, UserInfo,
    /// CustomerEndpoint and SystemEndpoint "can only be updated for external audio contacts", and ConnectLocal has none:
    /// [choice] InvalidRequestException. [choice] SegmentAttributes are checked as StartTaskContact checks them and
    /// then InvalidRequestException: contacts here keep no segment attributes (LIMITATIONS, docs/routing.md).
    /// </summary>
    public override ValueTask<UpdateContactResponse> UpdateContact(OperationContext context, UpdateContactRequest request)
    {
        if (request is { Name: null, Description: null, References: null, SegmentAttributes: null, QueueInfo: null, UserInfo: null, CustomerEndpoint: null, SystemEndpoint: null })
        {
            throw Errors.InvalidParameter(ErrorTexts.UpdateContactNothingToUpdate);
        }

        CheckReferences(request.References);
        CheckSegmentAttributes(request.SegmentAttributes);
        OnContact(context, request.InstanceId!, request.ContactId!, c =>
        {
            var externalOnly = request.QueueInfo is not null ? "QueueInfo"
                : request.UserInfo is not null ? "UserInfo"
                : request.CustomerEndpoint is not null ? "CustomerEndpoint"
                : request.SystemEndpoint is not null ? "SystemEndpoint"
                : null;
            if (externalOnly is not null)
            {
                throw Errors.InvalidRequest(ErrorTexts.UpdateContactExternalAudioOnly(externalOnly));
            }

            if (request.SegmentAttributes is not null)
            {
                throw Errors.InvalidRequest(ErrorTexts.UpdateContactSegmentAttributesNotKept);
            }

            c.Edits.Update(request.Name, request.Description,
                request.References?.ToDictionary(r => r.Key, r => new ContactReference(r.Value.Value, r.Value.Type!), StringComparer.Ordinal),
                c.Details?.References);
            return Changed;
        });
        return ValueTask.FromResult(new UpdateContactResponse());
    }

    /// <summary>
    /// The contact's references of the types asked for, by name. The model: the answer's NextToken "is always returned
    /// as null", so one page holds them all; [choice] a NextToken sent (none was ever given) is InvalidParameterException.
    /// [choice] CONTACT_ANALYSIS references have no member in ReferenceSummary and are not listed.
    /// </summary>
    public override ValueTask<ListContactReferencesResponse> ListContactReferences(OperationContext context, ListContactReferencesRequest request)
    {
        if (request.NextToken is not null)
        {
            throw Errors.InvalidParameter(ErrorTexts.InvalidPageToken);
        }

        var types = request.ReferenceTypes!.ToHashSet(StringComparer.Ordinal);
        var references = OnContact(context, request.InstanceId!, request.ContactId!, c => c.References.ToList());
        var summaries = references
            .Where(r => types.Contains(r.Value.Type))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => ReferenceSummaryOf(r.Key, r.Value))
            .OfType<ReferenceSummary>()
            .ToList();
        return ValueTask.FromResult(new ListContactReferencesResponse { ReferenceSummaryList = summaries });
    }

    /// <summary>
    /// A task still waiting for its scheduled time starts at the new time instead (RoutingEngine.Reschedule); the time
    /// follows StartTaskContact's rules (not in the past, at most 6 days ahead: InvalidParameterException). [choice] A
    /// contact that is not a task waiting for its time (queued, with an agent, ended, or still in its flow) is
    /// InvalidRequestException.
    /// </summary>
    public override ValueTask<UpdateContactScheduleResponse> UpdateContactSchedule(OperationContext context, UpdateContactScheduleRequest request)
    {
        var at = request.ScheduledTime!.Value;
        TaskStarts.CheckSchedule(at, CallerOf(context).Now);
        OnContact(context, request.InstanceId!, request.ContactId!, c =>
            c.Channel == RoutingChannel.Task && c.Routed is { } routed && c.Routing.Engine.Reschedule(routed, at.UtcTicks)
                ? Changed
                : throw Errors.InvalidRequest(ErrorTexts.ScheduleOnlyScheduledTasks));
        return ValueTask.FromResult(new UpdateContactScheduleResponse());
    }

    /// <summary>
    /// Pauses a task (RoutingEngine.Pause): waiting in a queue it leaves the queue, connected it frees its agent's slot.
    /// The model: "an ongoing task contact"; the Administrator Guide: not a scheduled one. [choice] Another channel, or a
    /// task ringing, scheduled or still in its flow, is InvalidRequestException, as is an ended one; one already paused
    /// ConflictException. [choice] A ContactFlowId is checked to be a flow of the instance and not run.
    /// </summary>
    public override ValueTask<PauseContactResponse> PauseContact(OperationContext context, PauseContactRequest request)
    {
        SetPaused(context, request.InstanceId!, request.ContactId!, request.ContactFlowId, paused: true);
        return ValueTask.FromResult(new PauseContactResponse());
    }

    /// <summary>
    /// Resumes a paused task: back in its queue in its old place, or in its agent's slot again (RoutingEngine.Resume).
    /// [choice] A task that is not paused is ConflictException.
    /// </summary>
    public override ValueTask<ResumeContactResponse> ResumeContact(OperationContext context, ResumeContactRequest request)
    {
        SetPaused(context, request.InstanceId!, request.ContactId!, request.ContactFlowId, paused: false);
        return ValueTask.FromResult(new ResumeContactResponse());
    }

    private void SetPaused(OperationContext context, string instanceIdOrArn, string contactId, string? contactFlowId, bool paused)
    {
        CheckPauseFlow(context, instanceIdOrArn, contactFlowId);
        var now = CallerOf(context).Now;
        OnContact(context, instanceIdOrArn, contactId, c =>
        {
            var routed = PausableTask(c);
            if (routed.IsPaused == paused)
            {
                throw Errors.Conflict(paused ? ErrorTexts.ContactAlreadyPaused : ErrorTexts.ContactNotPaused);
            }

            if (!paused)
            {
                c.Edits.Resume(now);
                c.Routing.Engine.Resume(routed);
                return Changed;
            }

            if (routed.State is not (ContactState.Queued or ContactState.Connected))
            {
                throw Errors.InvalidRequest(ErrorTexts.PauseNeedsQueueOrAgent);
            }

            c.Edits.Pause(now);
            c.Routing.Engine.Pause(routed);
            return Changed;
        });
    }

    /// <summary>The engine's task a pause or resume applies to: InvalidRequestException for another channel, a task still in its flow, or an ended one.</summary>
    private static RoutedContact PausableTask(LiveContact c)
    {
        if (c.Channel != RoutingChannel.Task)
        {
            throw Errors.InvalidRequest(ErrorTexts.PauseOnlyTasks);
        }

        return c.Routed switch
        {
            null => throw Errors.InvalidRequest(ErrorTexts.PauseNeedsQueueOrAgent),
            { State: ContactState.Ended or ContactState.AfterContactWork } => throw Errors.InvalidRequest(ErrorTexts.ContactNotActive),
            var routed => routed,
        };
    }

    private void CheckPauseFlow(OperationContext context, string instanceIdOrArn, string? contactFlowId)
    {
        if (contactFlowId is null)
        {
            return;
        }

        var caller = CallerOf(context);
        Store.Read(session => Core.Flows.ContactFlowRules.Type.Require(session, caller, InstanceService.Require(session, caller, instanceIdOrArn).Id, contactFlowId));
    }

    private static ReferenceSummary? ReferenceSummaryOf(string name, ContactReference reference) => reference.Type switch
    {
        "URL" => new ReferenceSummary { Url = new UrlReference { Name = name, Value = reference.Value } },
        "ATTACHMENT" => new ReferenceSummary { Attachment = new AttachmentReference { Name = name, Value = reference.Value } },
        "STRING" => new ReferenceSummary { String = new StringReference { Name = name, Value = reference.Value } },
        "NUMBER" => new ReferenceSummary { Number = new NumberReference { Name = name, Value = reference.Value } },
        "DATE" => new ReferenceSummary { Date = new DateReference { Name = name, Value = reference.Value } },
        "EMAIL" => new ReferenceSummary { Email = new EmailReference { Name = name, Value = reference.Value } },
        "EMAIL_MESSAGE" => new ReferenceSummary { EmailMessage = new EmailMessageReference { Name = name } },
        "EMAIL_MESSAGE_REDACTED" => new ReferenceSummary { EmailMessageRedacted = new EmailMessageReference { Name = name } },
        "EMAIL_MESSAGE_PLAIN_TEXT" => new ReferenceSummary { EmailMessagePlainText = new EmailMessageReference { Name = name } },
        "EMAIL_MESSAGE_PLAIN_TEXT_REDACTED" => new ReferenceSummary { EmailMessagePlainTextRedacted = new EmailMessageReference { Name = name } },
        _ => null,
    };

    /// <summary>
    /// What DescribeContact shows of the changes made through the API: the name and description UpdateContact set, the
    /// tags (the system's aws:connect:instanceId, which AWS puts on every contact, and the user's), and the pauses.
    /// </summary>
    private ContactShape WithEdits(InstanceRouting routing, ContactShape shape)
    {
        var edits = routing.Edits.GetValueOrDefault(shape.Id!);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [ContactEdits.InstanceTag] = routing.InstanceId };
        foreach (var (key, value) in edits?.Tags ?? new Dictionary<string, string>())
        {
            tags[key] = value;
        }

        shape.Tags = tags;
        if (edits is null)
        {
            return shape;
        }

        shape.Name = edits.NameSet ? edits.Name : shape.Name;
        shape.Description = edits.DescriptionSet ? edits.Description : shape.Description;
        if (edits.PauseCount > 0)
        {
            shape.LastPausedTimestamp = edits.LastPausedAt;
            shape.LastResumedTimestamp = edits.LastResumedAt;
            shape.TotalPauseCount = edits.PauseCount;
            // A contact that ended paused was paused until it ended.
            shape.TotalPauseDurationInSeconds = (int)edits.PausedFor(shape.DisconnectTimestamp ?? routing.Engine.Clock.Now).TotalSeconds;
        }

        return shape;
    }
}
