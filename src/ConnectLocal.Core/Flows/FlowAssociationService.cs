using System.Security.Cryptography;
using System.Text;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Flows;

/// <summary>
/// A flow associated with a resource of another service named by ARN (AssociateFlow): an End User Messaging SMS or
/// WhatsApp number, an inbound or outbound email address, an analytics connector. Kept in the instance's scope, so
/// deleting the instance removes it. The id is derived from the resource type and ARN: one flow per resource.
/// </summary>
public sealed record FlowAssociation : IResource<FlowAssociation>
{
    public static string Kind => "flow-association";

    public required string Id { get; init; }

    public required string ResourceId { get; init; }

    public required string ResourceType { get; init; }

    /// <summary>The flow's id (its ARN is formed when the association is read).</summary>
    public required string FlowId { get; init; }

    public string? Name => null;

    public static string IdOf(string resourceType, string resourceArn) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resourceType + "\n" + resourceArn)))[..32];
}

/// <summary>One association as the flow-association operations show it: the resource's ARN, the flow's ARN, the type.</summary>
public sealed record FlowAssociationView(string ResourceId, string FlowArn, string ResourceType);

/// <summary>
/// AssociatePhoneNumberContactFlow and AssociateFlow with their reads. A voice number claimed to the instance enters
/// the inbound flow associated with it (stored on the number: ListFlowAssociations shows it as VOICE_PHONE_NUMBER).
/// LIMITATIONS: the resources of other services (End User Messaging numbers, analytics connectors) are not checked
/// beyond their ARN's account and Region (an email address named by its Connect ARN must exist in the instance); only a
/// phone number's flow is run (a call through the control API enters it: Flows/Interpreter).
/// </summary>
public sealed class FlowAssociationService(IConnectStore store)
{
    public const string VoicePhoneNumber = "VOICE_PHONE_NUMBER";

    /// <summary>
    /// The number must be claimed to the instance (directly, or to a traffic distribution group of it) and the flow
    /// an inbound flow (CONTACT_FLOW) that is PUBLISHED and ACTIVE. [choice] A number of another instance is not
    /// found for this one (ResourceNotFoundException); the operation models no InvalidRequestException, so a wrong or
    /// unusable flow is InvalidParameterException. Associating again replaces the flow.
    /// </summary>
    public ClaimedPhoneNumber AssociatePhoneNumber(Caller caller, string phoneNumberIdOrArn, string instanceIdOrArn, string flowIdOrArn) => store.Write(session =>
    {
        var (number, instance) = NumberOfInstance(session, caller, phoneNumberIdOrArn, instanceIdOrArn);
        var flow = FlowReferences.RequireUsable(session, caller, instance.Id, flowIdOrArn, () => Errors.NotFound(ContactFlowRules.Type.Noun),
            DomainErrorKind.InvalidParameter, FlowReferences.ContactFlowType);
        var updated = number with { ContactFlowId = flow.Id };
        session.Put(PhoneNumberService.NumbersScope(caller.AccountId), updated);
        return updated;
    });

    /// <summary>[choice] Disassociating a number that has no flow succeeds (nothing to remove).</summary>
    public void DisassociatePhoneNumber(Caller caller, string phoneNumberIdOrArn, string instanceIdOrArn) => store.Write(session =>
    {
        var (number, _) = NumberOfInstance(session, caller, phoneNumberIdOrArn, instanceIdOrArn);
        session.Put(PhoneNumberService.NumbersScope(caller.AccountId), number with { ContactFlowId = null });
        return true;
    });

    /// <summary>
    /// AssociateFlow: [choice] the resource's ARN must be of the caller's account and Region (otherwise
    /// ResourceNotFoundException: it cannot be one of theirs); the flow has a type the resource type takes
    /// (FlowReferences.TypesFor), PUBLISHED and ACTIVE. Associating again replaces the flow.
    /// </summary>
    public void Associate(Caller caller, string instanceIdOrArn, string resourceArn, string flowIdOrArn, string resourceType) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        RequireOwnArn(caller, resourceArn);
        RequireEmailAddressOfInstance(session, caller, instance.Id, resourceArn, resourceType);
        var flow = FlowReferences.RequireUsable(session, caller, instance.Id, flowIdOrArn, () => Errors.NotFound(ContactFlowRules.Type.Noun),
            DomainErrorKind.InvalidRequest, FlowReferences.TypesFor(resourceType));
        session.Put(Scope(caller, instance.Id), new FlowAssociation
        {
            Id = FlowAssociation.IdOf(resourceType, resourceArn),
            ResourceId = resourceArn,
            ResourceType = resourceType,
            FlowId = flow.Id,
        });
        return true;
    });

    /// <summary>DisassociateFlow: no association for the resource is ResourceNotFoundException.</summary>
    public void Disassociate(Caller caller, string instanceIdOrArn, string resourceArn, string resourceType) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance.Id);
        var id = FlowAssociation.IdOf(resourceType, resourceArn);
        if (session.Get<FlowAssociation>(scope, id) is null)
        {
            throw Errors.NotFound(ErrorTexts.FlowAssociationNoun);
        }

        session.Delete<FlowAssociation>(scope, id);
        return true;
    });

    /// <summary>GetFlowAssociation: no association for the resource is ResourceNotFoundException.</summary>
    public FlowAssociationView Get(Caller caller, string instanceIdOrArn, string resourceArn, string resourceType) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var found = session.Get<FlowAssociation>(Scope(caller, instance.Id), FlowAssociation.IdOf(resourceType, resourceArn))
            ?? throw Errors.NotFound(ErrorTexts.FlowAssociationNoun);
        return View(caller, instance.Id, found);
    });

    /// <summary>
    /// BatchGetFlowAssociation: the associations of the resources named that have one, in the order named ([choice]
    /// a resource without one is left out; no type: every type, voice numbers included).
    /// </summary>
    public IReadOnlyList<FlowAssociationView> BatchGet(Caller caller, string instanceIdOrArn, IReadOnlyList<string> resourceArns, string? resourceType) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var all = All(session, caller, instance.Id, resourceType);
        return resourceArns.Distinct(StringComparer.Ordinal).SelectMany(arn => all.Where(a => a.ResourceId == arn)).ToList();
    });

    /// <summary>ListFlowAssociations: every association of the instance (of one type when given), ordered by resource ARN.</summary>
    public Page<FlowAssociationView> List(Caller caller, string instanceIdOrArn, string? resourceType, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var all = All(session, caller, instance.Id, resourceType);
        return Paging.Slice(session, Scope(caller, instance.Id), Paging.Listing("flow-associations", [resourceType]), all, a => a.ResourceType + " " + a.ResourceId, nextToken, pageSize);
    });

    private static List<FlowAssociationView> All(IStoreSession session, Caller caller, string instanceId, string? resourceType)
    {
        var stored = session.All<FlowAssociation>(Scope(caller, instanceId)).Select(a => View(caller, instanceId, a));
        var voice = session.All<ClaimedPhoneNumber>(PhoneNumberService.NumbersScope(caller.AccountId))
            .Where(n => n.InstanceId == instanceId && n.ContactFlowId is not null)
            .Select(n => new FlowAssociationView(n.Arn, FlowArn(caller, instanceId, n.ContactFlowId!), VoicePhoneNumber));
        return stored.Concat(voice)
            .Where(a => resourceType is null || a.ResourceType == resourceType)
            .OrderBy(a => a.ResourceType, StringComparer.Ordinal).ThenBy(a => a.ResourceId, StringComparer.Ordinal)
            .ToList();
    }

    private static FlowAssociationView View(Caller caller, string instanceId, FlowAssociation a) =>
        new(a.ResourceId, FlowArn(caller, instanceId, a.FlowId), a.ResourceType);

    private static string FlowArn(Caller caller, string instanceId, string flowId) =>
        ContactFlowRules.Type.ArnOf(caller, instanceId, flowId);

    private static ResourceScope Scope(Caller caller, string instanceId) => new(caller.AccountId, caller.Region, instanceId);

    private static void RequireOwnArn(Caller caller, string resourceArn)
    {
        // arn:partition:service:region:account:resource, of any service (End User Messaging, Connect, …).
        var parts = resourceArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[3] != caller.Region || parts[4] != caller.AccountId || parts[5].Length == 0)
        {
            throw Errors.NotFound(ErrorTexts.FlowAssociationResourceNoun);
        }
    }

    /// <summary>
    /// [choice] An email resource (INBOUND_EMAIL, OUTBOUND_EMAIL) named by a Connect ARN must be an email address of the
    /// instance (ResourceNotFoundException `Email address not found` otherwise); other ARNs are not looked up.
    /// </summary>
    private static void RequireEmailAddressOfInstance(IStoreSession session, Caller caller, string instanceId, string resourceArn, string resourceType)
    {
        if (resourceType is "INBOUND_EMAIL" or "OUTBOUND_EMAIL" && resourceArn.Split(':', 6) is [_, _, "connect", _, _, _])
        {
            EmailAddresses.EmailAddressRules.Type.Require(session, caller, instanceId, resourceArn);
        }
    }

    /// <summary>The claimed number (id or ARN, PhoneNumberService.Require) of the instance or of a traffic distribution group of it; QueueService uses it too.</summary>
    internal static (ClaimedPhoneNumber Number, Resources.Instance Instance) NumberOfInstance(IStoreSession session, Caller caller, string phoneNumberIdOrArn, string instanceIdOrArn)
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var number = PhoneNumberService.Require(session, caller, phoneNumberIdOrArn);
        var ofInstance = number.InstanceId == instance.Id
            || (number.TrafficDistributionGroupId is not null
                && session.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(number.AccountId, number.Region), number.TrafficDistributionGroupId) is { } group
                && group.InstanceId == instance.Id);
        return ofInstance ? (number, instance) : throw Errors.NotFound(ErrorTexts.PhoneNumberNoun);
    }
}
