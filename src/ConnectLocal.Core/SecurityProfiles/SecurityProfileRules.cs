using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.SecurityProfiles;

// Member names follow the model's (Application, FlowModule, GranularAccessControlConfiguration, …).
public sealed record SecurityProfileApplication(string? Namespace, IReadOnlyList<string>? ApplicationPermissions, string? Type);

public sealed record SecurityProfileFlowModule(string? Type, string? FlowModuleId);

public sealed record PrimaryAttributeValue(string? AccessType, string? AttributeName, IReadOnlyList<string>? Values);

public sealed record PrimaryAttributeAccess(IReadOnlyList<PrimaryAttributeValue>? PrimaryAttributeValues);

public sealed record DataTableAccess(PrimaryAttributeAccess? PrimaryAttributeAccessControlConfiguration);

public sealed record GranularAccessControl(DataTableAccess? DataTableAccessControlConfiguration);

/// <summary>
/// The rules of security profiles beyond the routine ones: names unique per instance; a profile assigned to a user
/// cannot be deleted (ResourceInUseException naming the user by ARN); hierarchy restrictions name only User (the model's
/// prose); a third-party application is granted only ACCESS (the model's prose: MCP servers take tool identifiers).
/// Search criteria name only the name (the model's prose: the one supported FieldName).
/// [choice] Permission names are stored as sent (in the order sent), not checked against AWS's list, which grows with
/// every feature; TagRestrictedResources and AllowedAccessControlTags are stored as sent (AWS's prose points to the
/// taggable resources without listing them); AllowedAccessControlHierarchyGroupId must name a hierarchy group of the
/// instance (ResourceNotFoundException) and is stored as sent.
/// Quota: SecurityProfilesPerInstance → LimitExceededException (what CreateSecurityProfile models).
/// LIMITATIONS: the default profiles may be updated and deleted like any
/// other; deleting a hierarchy group leaves profiles that name it as they are.
/// </summary>
public static class SecurityProfileRules
{
    public static readonly ResourceType<SecurityProfile> Type = new()
    {
        Mirrored = true, // Global Resiliency (docs/global-resiliency.md)
        ArnSegment = "security-profile",
        Noun = "Security profile",
        Quota = s => s.SecurityProfilesPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        Defaults = SecurityProfilePermissions.Defaults,
        BoundedContains = true,
        SearchFields = [SearchField<SecurityProfile>.Text("name", p => p.Name)],
        Check = Check,
        BeforeDelete = CheckUnused,
    };

    /// <summary>The only resource AWS documents for HierarchyRestrictedResources.</summary>
    public static readonly string[] HierarchyRestrictable = ["User"];

    /// <summary>The one permission a THIRD_PARTY_APPLICATION may be granted.</summary>
    public const string ThirdPartyApplication = "THIRD_PARTY_APPLICATION";

    public const string ApplicationAccess = "ACCESS";

    private static void Check(ResourceContext context, SecurityProfile profile)
    {
        foreach (var name in profile.HierarchyRestrictedResources ?? [])
        {
            if (!HierarchyRestrictable.Contains(name, StringComparer.Ordinal))
            {
                throw Errors.InvalidParameter(ErrorTexts.HierarchyRestrictedResourceUnknown(name));
            }
        }

        // The hierarchy group that restricts access must be one of the instance's (by id or ARN; stored as sent).
        if (profile.AllowedAccessControlHierarchyGroupId is { } group)
        {
            Hierarchy.HierarchyService.Type.Require(context.Session, context.Caller, context.Instance.Id, group);
        }

        foreach (var application in profile.Applications ?? [])
        {
            // [choice] An application without a Type is taken as a third-party one (the type the API first had).
            if ((application.Type ?? ThirdPartyApplication) == ThirdPartyApplication
                && (application.ApplicationPermissions ?? []).Any(p => p != ApplicationAccess))
            {
                throw Errors.InvalidParameter(ErrorTexts.ThirdPartyApplicationPermission(application.Namespace ?? string.Empty));
            }
        }

        // [choice] One entry per application namespace and per flow module: a second one would contradict the first.
        if ((profile.Applications ?? []).GroupBy(a => a.Namespace, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw Errors.InvalidParameter(ErrorTexts.SecurityProfileApplicationRepeated(repeated.Key ?? string.Empty));
        }

        if ((profile.AllowedFlowModules ?? []).GroupBy(m => m.FlowModuleId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } module)
        {
            throw Errors.InvalidParameter(ErrorTexts.SecurityProfileFlowModuleRepeated(module.Key ?? string.Empty));
        }
    }

    private static void CheckUnused(ResourceContext context, SecurityProfile profile)
    {
        var user = context.Session.All<User>(context.Scope).FirstOrDefault(u => u.SecurityProfileIds.Contains(profile.Id, StringComparer.Ordinal));
        if (user is not null)
        {
            // [choice] ResourceId is the user's ARN, as for the other in-use errors (hours of operation, hierarchy groups).
            throw Errors.InUse(ErrorTexts.SecurityProfileInUse, "USER", user.Arn);
        }
    }

    /// <summary>
    /// One page of a profile's list member (its permissions, applications or flow modules) in stored order, with the
    /// profile (whose LastModifiedTime/Region the answer carries).
    /// </summary>
    public static (Page<TItem> Page, SecurityProfile Profile) ListOf<TItem>(
        IConnectStore store, Caller caller, string instanceIdOrArn, string idOrArn, string listing, Func<SecurityProfile, IReadOnlyList<TItem>?> items,
        string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var profile = Type.Require(session, caller, instance.Id, idOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var ordered = (items(profile) ?? []).Select((item, i) => (Key: i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Item: item)).ToList();
        var page = Paging.Slice(session, scope, Paging.Listing(listing, [profile.Id]), ordered, p => p.Key, nextToken, pageSize);
        return (new Page<TItem>(page.Items.Select(p => p.Item).ToList(), page.NextToken), profile);
    });
}
