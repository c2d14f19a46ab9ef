using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConnectLocal.Core.Flows;

namespace ConnectLocal.Core.FlowModules;

/// <summary>
/// A contact flow module: a reusable piece of flow language kept in an instance (ARN …/instance/{id}/flow-module/{id}).
/// Content is kept as the exact string the client sent. State and Status are stored as the real service answers them,
/// in lower case ("active"/"archived", "published"/"saved"), though the model's enums spell them in upper case
/// ([choice], docs/flows.md "Flow modules": tools compare the strings AWS answers with exactly).
/// Versions freeze the content, numbered from 1; aliases name a version.
/// </summary>
public sealed record ContactFlowModule : InstanceResource, IResource<ContactFlowModule>, ITaggable<ContactFlowModule>
{
    public static string Kind => "flow-module";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Content { get; init; }

    /// <summary>"active" or "archived" (UpdateContactFlowModuleMetadata's State, lower-cased).</summary>
    public string State { get; init => field = value ?? field; } = ContactFlowModuleRules.Active;

    /// <summary>[choice] Always "published": CreateContactFlowModule has no Status member, so every module is checked.</summary>
    public string Status { get; init => field = value ?? field; } = ContactFlowModuleRules.Published;

    /// <summary>The Settings string of the model (kept as sent, not interpreted).</summary>
    public string? Settings { get; init; }

    public bool? ExternalInvocationEnabled { get; init; }

    public string FlowModuleContentSha256 => Sha256(Content);

    public IReadOnlyList<FlowModuleVersion> Versions { get; init => field = value ?? field; } = [];

    public IReadOnlyList<FlowModuleAlias> Aliases { get; init => field = value ?? field; } = [];

    public ContactFlowModule WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };

    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

/// <summary>A version of a module: its number, description and the content (and settings) it froze.</summary>
public sealed record FlowModuleVersion(long Version, string? VersionDescription, string Content, string? Settings);

/// <summary>An alias of a module: a name for one of its versions.</summary>
public sealed record FlowModuleAlias(string AliasId, string Name, string? Description, long Version, DateTimeOffset LastModifiedTime, string LastModifiedRegion);

/// <summary>The rules of flow modules beyond the routine ones (names, quota, tags come from <see cref="Type"/>).</summary>
public static class ContactFlowModuleRules
{
    public const string Active = "active";
    public const string Published = "published";
    public const string Noun = "Contact flow module";

    public static readonly ResourceType<ContactFlowModule> Type = new()
    {
        Mirrored = true, // Global Resiliency (docs/global-resiliency.md)
        ArnSegment = "flow-module",
        Noun = Noun,
        Quota = s => s.ContactFlowModulesPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        BoundedContains = true,
        SearchFields =
        [
            SearchField<ContactFlowModule>.Text("name", m => m.Name),
            SearchField<ContactFlowModule>.Text("description", m => m.Description),
            SearchField<ContactFlowModule>.Id("resourceID", m => m.Id),
        ],
        // The conditions carry the model's upper-case enum values; the stored values are lower-case.
        Conditions =
        [
            SearchField<ContactFlowModule>.Id("StateCondition", m => m.State.ToUpperInvariant()),
            SearchField<ContactFlowModule>.Id("StatusCondition", m => m.Status.ToUpperInvariant()),
        ],
    };

    /// <summary>
    /// Refuses content that breaks the flow language, with every problem, using the flows' validator.
    /// A module is checked as flow type <see cref="FlowActionTypes.Module"/>: the action types of an inbound flow, and
    /// EndFlowModuleExecution ([choice] where AWS documents no module restriction for an action, docs/flows.md).
    /// <paramref name="read"/> reads the content (the edge knows JSON).
    /// </summary>
    public static void Validate(ResourceContext context, string content, Func<string, FlowDocument> read)
    {
        var problems = FlowValidator.Problems(read(content), FlowActionTypes.Module, (kind, idOrArn) => ContactFlowRules.Exists(context, kind, idOrArn));
        if (problems.Count > 0)
        {
            throw Errors.InvalidFlow(problems.Select(p => p.ToString()));
        }
    }

    /// <summary>UpdateMetadata: name, description and the state (given in the model's casing, stored lower-case).</summary>
    public static ContactFlowModule Metadata(ContactFlowModule current, string? name, string? description, string? state) =>
        current with
        {
            Name = name ?? current.Name,
            Description = description ?? current.Description,
            State = state?.ToLowerInvariant() ?? current.State,
        };

    /// <summary>
    /// CreateContactFlowModuleVersion: freezes the current content as the next version. A FlowModuleContentSha256 that is
    /// not the current content's means the caller saw another content ([choice] InvalidRequestException).
    /// </summary>
    public static FlowModuleVersion CreateVersion(ResourceOperations<ContactFlowModule> modules, Caller caller, string instanceIdOrArn, string idOrArn, string? description, string? sha256)
    {
        FlowModuleVersion? made = null;
        modules.Update(caller, instanceIdOrArn, Unqualified(idOrArn), (_, current) =>
        {
            if (sha256 is not null && !string.Equals(sha256, current.FlowModuleContentSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Errors.InvalidRequest(ErrorTexts.FlowModuleChangedSince);
            }

            var latest = current.Versions.Count == 0 ? 0 : current.Versions[^1].Version;
            made = new FlowModuleVersion(latest + 1, description, current.Content, current.Settings);
            return current with { Versions = [.. current.Versions, made] };
        });
        return made!;
    }

    /// <summary>
    /// DeleteContactFlowModuleVersion. An unknown version is ResourceNotFoundException; a version an alias names is
    /// refused ([choice] InvalidRequestException: the operation models no ResourceInUseException).
    /// </summary>
    public static void DeleteVersion(ResourceOperations<ContactFlowModule> modules, Caller caller, string instanceIdOrArn, string idOrArn, long version) =>
        modules.Update(caller, instanceIdOrArn, Unqualified(idOrArn), (_, current) =>
        {
            if (current.Versions.All(v => v.Version != version))
            {
                throw Errors.NotFound(ErrorTexts.FlowModuleVersionNoun);
            }

            if (current.Aliases.FirstOrDefault(a => a.Version == version) is { } alias)
            {
                throw Errors.InvalidRequest(ErrorTexts.FlowModuleVersionAliased(version, alias.Name));
            }

            return current with { Versions = current.Versions.Where(v => v.Version != version).ToList() };
        });

    /// <summary>
    /// CreateContactFlowModuleAlias: a name unique among the module's aliases (DuplicateResourceException) for a version
    /// that exists (ResourceNotFoundException otherwise).
    /// </summary>
    public static FlowModuleAlias CreateAlias(ResourceOperations<ContactFlowModule> modules, Caller caller, string instanceIdOrArn, string idOrArn, string name, string? description, long version)
    {
        var alias = new FlowModuleAlias(Instances.DefaultResources.NewId(), name, description, version, caller.Now, caller.Region);
        modules.Update(caller, instanceIdOrArn, Unqualified(idOrArn), (_, current) =>
        {
            RequireVersion(current, version);
            RequireFreeAliasName(current, name, except: null);
            return current with { Aliases = [.. current.Aliases, alias] };
        });
        return alias;
    }

    /// <summary>UpdateContactFlowModuleAlias: a new name (still unique), description or version (which must exist).</summary>
    public static void UpdateAlias(ResourceOperations<ContactFlowModule> modules, Caller caller, string instanceIdOrArn, string idOrArn, string aliasId, string? name, string? description, long? version) =>
        modules.Update(caller, instanceIdOrArn, Unqualified(idOrArn), (_, current) =>
        {
            var alias = RequireAlias(current, aliasId);
            if (version is { } v)
            {
                RequireVersion(current, v);
            }

            if (name is not null)
            {
                RequireFreeAliasName(current, name, except: alias.AliasId);
            }

            var updated = alias with
            {
                Name = name ?? alias.Name,
                Description = description ?? alias.Description,
                Version = version ?? alias.Version,
                LastModifiedTime = caller.Now,
                LastModifiedRegion = caller.Region,
            };
            return current with { Aliases = current.Aliases.Select(a => a.AliasId == alias.AliasId ? updated : a).ToList() };
        });

    public static void DeleteAlias(ResourceOperations<ContactFlowModule> modules, Caller caller, string instanceIdOrArn, string idOrArn, string aliasId) =>
        modules.Update(caller, instanceIdOrArn, Unqualified(idOrArn), (_, current) =>
        {
            var alias = RequireAlias(current, aliasId);
            return current with { Aliases = current.Aliases.Where(a => a.AliasId != alias.AliasId).ToList() };
        });

    /// <summary>An alias by its id, or (a [choice]) by its name.</summary>
    public static FlowModuleAlias RequireAlias(ContactFlowModule module, string aliasId) =>
        module.Aliases.FirstOrDefault(a => a.AliasId == aliasId)
        ?? module.Aliases.FirstOrDefault(a => a.Name == aliasId)
        ?? throw Errors.NotFound(ErrorTexts.FlowModuleAliasNoun);

    /// <summary>A page of a module's versions (oldest first) or aliases (in creation order).</summary>
    public static Page<TItem> Slice<TItem>(IConnectStore store, Caller caller, string instanceIdOrArn, string idOrArn, string operation, Func<ContactFlowModule, IReadOnlyList<TItem>> items, Func<TItem, string> key, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = Instances.InstanceService.Require(session, caller, instanceIdOrArn);
            var module = Type.Require(session, caller, instance.Id, Unqualified(idOrArn));
            var listing = Paging.Listing(operation, [module.Id]);
            return Paging.Slice(session, new ResourceScope(caller.AccountId, caller.Region, instance.Id), listing, items(module), key, nextToken, pageSize);
        });

    /// <summary>The key that orders versions in a page.</summary>
    public static string VersionKey(FlowModuleVersion v) => v.Version.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// DescribeContactFlowModule's identifier: a module's id or ARN, optionally followed by :{version} or :{alias name};
    /// the module and the version named (null: the current content). An unknown version or alias is not found.
    /// </summary>
    public static (ContactFlowModule Module, FlowModuleVersion? Version) Describe(IConnectStore store, Caller caller, string instanceIdOrArn, string idOrArn) =>
        store.Read(session =>
        {
            var instance = Instances.InstanceService.Require(session, caller, instanceIdOrArn);
            var (bare, qualifier) = Split(idOrArn);
            var module = Type.Require(session, caller, instance.Id, bare);
            if (qualifier is null)
            {
                return (module, (FlowModuleVersion?)null);
            }

            var number = long.TryParse(qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : module.Aliases.FirstOrDefault(a => a.Name == qualifier)?.Version ?? throw Errors.NotFound(Noun);
            return (module, module.Versions.FirstOrDefault(v => v.Version == number) ?? throw Errors.NotFound(Noun));
        });

    /// <summary>The module's id or ARN without a :{version} or :{alias} qualifier.</summary>
    public static string Unqualified(string idOrArn) => Split(idOrArn).Bare;

    private static (string Bare, string? Qualifier) Split(string idOrArn)
    {
        // An ARN has six colon-separated parts (arn:aws:connect:region:account:instance/…/flow-module/{id}); a seventh
        // part, or a colon after a plain id, is the qualifier.
        var parts = idOrArn.Split(':');
        var plainParts = idOrArn.StartsWith("arn:", StringComparison.Ordinal) ? 6 : 1;
        return parts.Length > plainParts
            ? (string.Join(':', parts[..plainParts]), string.Join(':', parts[plainParts..]))
            : (idOrArn, null);
    }

    private static void RequireVersion(ContactFlowModule module, long version)
    {
        if (module.Versions.All(v => v.Version != version))
        {
            throw Errors.NotFound(ErrorTexts.FlowModuleVersionNoun);
        }
    }

    private static void RequireFreeAliasName(ContactFlowModule module, string name, string? except)
    {
        if (module.Aliases.Any(a => a.Name == name && a.AliasId != except))
        {
            throw Errors.Duplicate(ErrorTexts.FlowModuleAliasNoun, name);
        }
    }
}
