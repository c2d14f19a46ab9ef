using ConnectLocal.Core.FlowModules;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Prompts;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Flows;

/// <summary>
/// Every reference to a flow held elsewhere (a contact started with a flow, a queue's outbound whisper flow, a quick
/// connect's transfer flow, a phone number's or another resource's flow association) names a flow of the instance
/// that has the type the reference needs and can run: PUBLISHED and ACTIVE. And a flow or prompt that is referred to
/// cannot be deleted out from under its users (docs/flows.md, "References to flows").
/// </summary>
public static class FlowReferences
{
    public const string ContactFlowType = "CONTACT_FLOW";
    public const string OutboundWhisper = "OUTBOUND_WHISPER";
    public const string QueueTransfer = "QUEUE_TRANSFER";
    public const string AgentTransfer = "AGENT_TRANSFER";

    /// <summary>
    /// The flow named by id or ARN in the instance, of one of <paramref name="types"/>, PUBLISHED and ACTIVE.
    /// No types: any type. Unknown: <paramref name="notFound"/> (ResourceNotFoundException). [choice] Another type is an invalid
    /// parameter (the parameter names the wrong kind of flow); a SAVED or ARCHIVED flow is <paramref name="unusable"/>
    /// (InvalidRequestException where the operation models it, otherwise InvalidParameterException).
    /// </summary>
    public static ContactFlow RequireUsable(
        IStoreSession session, Caller caller, string instanceId, string idOrArn, Func<DomainException> notFound, DomainErrorKind unusable, params string[] types)
    {
        var flow = ContactFlowRules.Type.Find(session, caller, instanceId, idOrArn) ?? throw notFound();
        if (types.Length > 0 && !types.Contains(flow.Type))
        {
            throw Errors.InvalidParameter(ErrorTexts.FlowOfWrongType(idOrArn, flow.Type, string.Join(", ", types)));
        }

        if (flow.Status != ContactFlowRules.Published || flow.ContactFlowState != ContactFlowRules.Active)
        {
            var message = ErrorTexts.FlowNotUsable(idOrArn, flow.Status, flow.ContactFlowState);
            throw unusable == DomainErrorKind.InvalidRequest ? Errors.InvalidRequest(message) : Errors.InvalidParameter(message);
        }

        return flow;
    }

    /// <summary>The flow a new contact enters (StartChatContact, StartTaskContact, StartOutboundVoiceContact): an inbound flow.</summary>
    public static ContactFlow RequireForContact(IConnectStore store, Caller caller, string instanceIdOrArn, string flowIdOrArn) =>
        store.Read(session =>
        {
            var instance = Instances.InstanceService.Require(session, caller, instanceIdOrArn);
            // What AWS answers for an unknown ContactFlowId (observed: StartChatContact, docs/flows.md).
            return RequireUsable(session, caller, instance.Id, flowIdOrArn,
                () => new DomainException(DomainErrorKind.NotFound, ErrorTexts.ContactFlowOfContactNotFound), DomainErrorKind.InvalidRequest, ContactFlowType);
        });

    /// <summary>A reference to a flow held by a resource of the instance (queue, quick connect): not found is "Contact flow not found".</summary>
    public static ContactFlow Require(ResourceContext context, string flowIdOrArn, params string[] types) =>
        RequireUsable(context.Session, context.Caller, context.Instance.Id, flowIdOrArn, () => Errors.NotFound(ContactFlowRules.Type.Noun), DomainErrorKind.InvalidRequest, types);

    /// <summary>
    /// DeleteContactFlow: refused while a queue, a quick connect, a phone number, a flow association or another flow's
    /// content refers to the flow. The operation models no ResourceInUseException: [choice] InvalidRequestException
    /// naming the first user found.
    /// </summary>
    internal static void CheckFlowDeletable(ResourceContext context, ContactFlow flow)
    {
        if (FirstUserOf(context, flow) is { } user)
        {
            throw Errors.InvalidRequest(ErrorTexts.InUseBy(ContactFlowRules.Type.Noun, user.Kind, user.Name));
        }
    }

    /// <summary>
    /// DeletePrompt: refused while a flow's or a flow module's content refers to the prompt ([choice]
    /// InvalidRequestException, as for flows: the operation models no ResourceInUseException).
    /// </summary>
    internal static void CheckPromptDeletable(ResourceContext context, Prompts.Prompt prompt)
    {
        if (context.Session.All<ContactFlow>(context.Scope).FirstOrDefault(f => Mentions(f, prompt.Id)) is { } flow)
        {
            throw Errors.InvalidRequest(ErrorTexts.InUseBy(PromptRules.Type.Noun, "contact flow", flow.Name));
        }

        if (context.Session.All<ContactFlowModule>(context.Scope).FirstOrDefault(m => Mentions(m, prompt.Id)) is { } module)
        {
            throw Errors.InvalidRequest(ErrorTexts.InUseBy(PromptRules.Type.Noun, "contact flow module", module.Name));
        }
    }

    private static (string Kind, string Name)? FirstUserOf(ResourceContext context, ContactFlow flow)
    {
        var (session, scope) = (context.Session, context.Scope);
        bool Names(string? reference) => reference is not null && (reference == flow.Id || reference == flow.Arn || reference.StartsWith(flow.Arn + ":", StringComparison.Ordinal));

        if (session.All<Queue>(scope).FirstOrDefault(q => Names(q.OutboundCallerConfig?.OutboundFlowId)) is { } queue)
        {
            return ("queue", queue.Name ?? queue.Id);
        }

        if (session.All<QuickConnect>(scope).FirstOrDefault(q =>
                Names(q.QuickConnectConfig.QueueConfig?.ContactFlowId) || Names(q.QuickConnectConfig.UserConfig?.ContactFlowId)
                || Names(q.QuickConnectConfig.FlowConfig?.ContactFlowId)) is { } quickConnect)
        {
            return ("quick connect", quickConnect.Name);
        }

        if (session.All<ClaimedPhoneNumber>(PhoneNumberService.NumbersScope(context.Caller.AccountId))
                .FirstOrDefault(n => n.InstanceId == context.Instance.Id && n.ContactFlowId == flow.Id) is { } number)
        {
            return ("phone number", number.PhoneNumber);
        }

        if (session.All<FlowAssociation>(scope).FirstOrDefault(a => a.FlowId == flow.Id) is { } association)
        {
            return ("resource", association.ResourceId);
        }

        if (session.All<ContactFlow>(scope).FirstOrDefault(f => f.Id != flow.Id && Mentions(f, flow.Id)) is { } other)
        {
            return ("contact flow", other.Name);
        }

        if (session.All<ContactFlowModule>(scope).FirstOrDefault(m => Mentions(m, flow.Id)) is { } module)
        {
            return ("contact flow module", module.Name);
        }

        return null;
    }

    /// <summary>
    /// [choice] A flow refers to a resource when its content (or a version's) contains the resource's id: ids are
    /// UUIDs, and every reference in flow language is an id or an ARN that ends with one.
    /// </summary>
    private static bool Mentions(ContactFlow flow, string id) =>
        flow.Content.Contains(id, StringComparison.Ordinal) || flow.Versions.Any(v => v.Content.Contains(id, StringComparison.Ordinal));

    private static bool Mentions(ContactFlowModule module, string id) =>
        module.Content.Contains(id, StringComparison.Ordinal) || module.Versions.Any(v => v.Content.Contains(id, StringComparison.Ordinal));

    /// <summary>
    /// The flow types AssociateFlow accepts for each resource type. [choice] AWS documents none: a number's or an
    /// inbound email address's flow starts the contact, so it is an inbound flow (CONTACT_FLOW); an outbound email
    /// address's flow runs as an outbound email leaves (OUTBOUND_WHISPER, or CONTACT_FLOW); an analytics connector's
    /// flow is not restricted.
    /// </summary>
    public static string[] TypesFor(string resourceType) => resourceType switch
    {
        "OUTBOUND_EMAIL" => [OutboundWhisper, ContactFlowType],
        "ANALYTICS_CONNECTOR" => [],
        _ => [ContactFlowType],
    };
}
