using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConnectLocal.Core.Prompts;

namespace ConnectLocal.Core.Flows;

/// <summary>
/// A contact flow. Member names follow the model's: a create sends Type, Status and Content; DescribeContactFlow's
/// ContactFlow shows Type, State and Status; ContactFlowSummary shows ContactFlowType, ContactFlowState and
/// ContactFlowStatus; UpdateContactFlowMetadata sends ContactFlowState. So the state is stored under the name the
/// update sends, and the other spellings are read-only views.
/// Content is kept as the exact string the client sent (tools compare it with what they sent).
/// Versions (CreateContactFlowVersion) are snapshots of the content kept in the flow, numbered from 1.
/// Contacts run PUBLISHED flows (Flows/Interpreter). LIMITATIONS: no $SAVED alias (references to flows: FlowReferences).
/// </summary>
public sealed record ContactFlow : InstanceResource, IResource<ContactFlow>, ITaggable<ContactFlow>
{
    public static string Kind => "contact-flow";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Type { get; init; }

    public required string Content { get; init; }

    /// <summary>PUBLISHED (the default of CreateContactFlow) or SAVED.</summary>
    public string Status { get; init => field = value ?? field; } = ContactFlowRules.Published;

    public string ContactFlowState { get; init => field = value ?? field; } = ContactFlowRules.Active;

    public string State => ContactFlowState;

    public string ContactFlowType => Type;

    public string ContactFlowStatus => Status;

    /// <summary>The SHA-256 of the content (hex), as FlowContentSha256 shows it.</summary>
    public string FlowContentSha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content)));

    /// <summary>The versions made so far, oldest first.</summary>
    public IReadOnlyList<FlowVersion> Versions { get; init => field = value ?? field; } = [];

    /// <summary>The highest version number given out so far (DeleteContactFlowVersion keeps it; 0: read Versions).</summary>
    public long VersionsMade { get; init; }

    public ContactFlow WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>A published version of a flow: its number, description and the content it froze.</summary>
public sealed record FlowVersion(long Version, string? VersionDescription, string Content);

/// <summary>
/// The rules of contact flows beyond the routine ones: content of a PUBLISHED flow is valid flow language whose
/// references exist in the instance (the model: "The PUBLISHED status will initiate validation on the content";
/// SAVED content is stored unchecked).
/// </summary>
public static class ContactFlowRules
{
    public const string Published = "PUBLISHED";
    public const string Saved = "SAVED";
    public const string Active = "ACTIVE";

    public static readonly ResourceType<ContactFlow> Type = new()
    {
        Mirrored = true, // Global Resiliency (docs/global-resiliency.md)
        ArnSegment = "contact-flow",
        Noun = "Contact flow",
        Quota = s => s.ContactFlowsPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        BoundedContains = true,
        SearchFields =
        [
            SearchField<ContactFlow>.Text("name", f => f.Name),
            SearchField<ContactFlow>.Text("description", f => f.Description),
            SearchField<ContactFlow>.Id("resourceID", f => f.Id),
        ],
        Conditions =
        [
            SearchField<ContactFlow>.Id("TypeCondition", f => f.Type),
            SearchField<ContactFlow>.Id("StateCondition", f => f.ContactFlowState),
            SearchField<ContactFlow>.Id("StatusCondition", f => f.Status),
        ],
        Defaults = DefaultFlows.Of,
        BeforeDelete = FlowReferences.CheckFlowDeletable,
    };

    /// <summary>
    /// Refuses a PUBLISHED flow whose content breaks the flow language, with every problem. <paramref name="read"/>
    /// reads the content (the edge knows JSON); it throws <see cref="Errors.InvalidFlow"/> for content it cannot read.
    /// </summary>
    public static void Validate(ResourceContext context, ContactFlow flow, Func<string, FlowDocument> read)
    {
        CheckContentLength(flow.Content);
        if (flow.Status == Saved)
        {
            return;
        }

        var problems = FlowValidator.Problems(read(flow.Content), flow.Type, (kind, idOrArn) => Exists(context, kind, idOrArn));
        if (problems.Count > 0)
        {
            throw Errors.InvalidFlow(problems.Select(p => p.ToString()));
        }
    }

    /// <summary>The model's prose on Content (no trait says it): 1 to 256,000 characters, in every status.</summary>
    public const int MaxContentLength = 256_000;

    /// <summary>
    /// [choice] A content outside 1..256,000 characters (Unicode code points, as the model's length traits count) is
    /// InvalidParameterException, whatever the flow's status: the length is a parameter rule, not a flow-language one.
    /// </summary>
    private static void CheckContentLength(string content)
    {
        var length = content.EnumerateRunes().Count();
        if (length < 1 || length > MaxContentLength)
        {
            throw Errors.InvalidParameter(ErrorTexts.FlowContentLength(MaxContentLength));
        }
    }

    /// <summary>
    /// CreateContactFlowVersion: freezes the current content as the next version. A FlowContentSha256 that is not the
    /// current content's, or a ContactFlowVersion that is not the latest version's number, means the caller saw another
    /// state of the flow ([choice] InvalidRequestException: the operation models no conflict error). The operation's
    /// documentation supports versions of CAMPAIGN flows only; [choice] another type is InvalidRequestException.
    /// </summary>
    public static (ContactFlow Flow, FlowVersion Version) CreateVersion(
        ResourceOperations<ContactFlow> flows, Caller caller, string instanceIdOrArn, string idOrArn, string? description, string? sha256, long? expectedLatest)
    {
        FlowVersion? made = null;
        var flow = flows.Update(caller, instanceIdOrArn, idOrArn, (_, current) =>
        {
            if (current.Type != CampaignType)
            {
                throw Errors.InvalidRequest(ErrorTexts.FlowVersionsForCampaignsOnly(current.Type));
            }

            var latest = LatestVersion(current);
            if ((sha256 is not null && sha256 != current.FlowContentSha256) || (expectedLatest is { } expected && expected != latest))
            {
                throw Errors.InvalidRequest(ErrorTexts.FlowChangedSince);
            }

            made = new FlowVersion(latest + 1, description, current.Content);
            return current with { Versions = [.. current.Versions, made], VersionsMade = latest + 1 };
        });
        return (flow, made!);
    }

    /// <summary>The one flow type CreateContactFlowVersion makes versions of.</summary>
    public const string CampaignType = "CAMPAIGN";

    /// <summary>The number of the latest version made, deleted or not ([choice] numbers are never given out again).</summary>
    public static long LatestVersion(ContactFlow flow) => Math.Max(flow.VersionsMade, flow.Versions.Count == 0 ? 0 : flow.Versions[^1].Version);

    /// <summary>A flow's versions, a page at a time, oldest first.</summary>
    public static Page<FlowVersion> ListVersions(IConnectStore store, Caller caller, string instanceIdOrArn, string idOrArn, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = Instances.InstanceService.Require(session, caller, instanceIdOrArn);
            var flow = Type.Require(session, caller, instance.Id, idOrArn);
            var listing = Paging.Listing("ListContactFlowVersions", [flow.Id]);
            return Paging.Slice(session, new ResourceScope(caller.AccountId, caller.Region, instance.Id), listing, flow.Versions, v => v.Version.ToString("D19", CultureInfo.InvariantCulture), nextToken, pageSize);
        });

    /// <summary>
    /// DescribeContactFlow's identifier: a flow's id or ARN, optionally followed by :{version}; the flow and the version
    /// named (null: the current content). An unknown version is "Contact flow not found".
    /// </summary>
    public static (ContactFlow Flow, FlowVersion? Version) Describe(IConnectStore store, Caller caller, string instanceIdOrArn, string idOrArn) =>
        store.Read(session =>
        {
            var instance = Instances.InstanceService.Require(session, caller, instanceIdOrArn);
            var colon = idOrArn.LastIndexOf(':');
            if (colon <= 0 || !long.TryParse(idOrArn[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return (Type.Require(session, caller, instance.Id, idOrArn), (FlowVersion?)null);
            }

            var flow = Type.Require(session, caller, instance.Id, idOrArn[..colon]);
            return (flow, flow.Versions.FirstOrDefault(v => v.Version == number) ?? throw Errors.NotFound(Type.Noun));
        });

    internal static bool Exists(ResourceContext context, FlowReferenceKind kind, string idOrArn)
    {
        var (session, caller, instance) = (context.Session, context.Caller, context.Instance.Id);
        return kind switch
        {
            FlowReferenceKind.Queue => ResourceTypes.Queue.Find(session, caller, instance, idOrArn) is not null,
            FlowReferenceKind.Prompt => PromptRules.Type.Find(session, caller, instance, idOrArn) is not null,
            FlowReferenceKind.HoursOfOperation => ResourceTypes.HoursOfOperation.Find(session, caller, instance, idOrArn) is not null,
            FlowReferenceKind.User => ResourceTypes.User.Find(session, caller, instance, idOrArn) is not null,
            // A flow's ARN may carry a version or alias after a colon (…/contact-flow/{id}:{version}).
            _ => Type.Find(session, caller, instance, idOrArn.Split(':') is { Length: 7 } parts ? string.Join(':', parts[..6]) : idOrArn) is not null,
        };
    }
}
