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
/// cannot be deleted (ResourceInUseException naming the user); hierarchy restrictions name only User.
/// [choice] Permission names are stored as sent (without repeats, in the order first sent), not checked against
/// AWS's list, which grows with every feature; AllowedAccessControlHierarchyGroupId is stored unchecked (user
/// hierarchy groups are another family).
/// </summary>
public static class SecurityProfileRules
{
    public static readonly ResourceType<SecurityProfile> Type = new()
    {
        ArnSegment = "security-profile",
        Noun = "Security profile",
        Defaults = DefaultResources.SecurityProfileDefaults,
        SearchFields =
        [
            SearchField<SecurityProfile>.Text("name", p => p.Name),
            SearchField<SecurityProfile>.Text("description", p => p.Description),
            SearchField<SecurityProfile>.Id("resourceID", p => p.Id),
        ],
        Check = Check,
        BeforeDelete = CheckUnused,
    };

    /// <summary>The only resource AWS documents for HierarchyRestrictedResources.</summary>
    public static readonly string[] HierarchyRestrictable = ["User"];

    private static void Check(ResourceContext context, SecurityProfile profile)
    {
        foreach (var name in profile.HierarchyRestrictedResources ?? [])
        {
            if (!HierarchyRestrictable.Contains(name, StringComparer.Ordinal))
            {
                throw Errors.InvalidParameter(ErrorTexts.HierarchyRestrictedResourceUnknown(name));
            }
        }
    }

    /// <summary>Permissions without repeats, in the order first given.</summary>
    public static List<string> Distinct(IEnumerable<string>? permissions) => (permissions ?? []).Distinct(StringComparer.Ordinal).ToList();

    private static void CheckUnused(ResourceContext context, SecurityProfile profile)
    {
        var user = context.Session.All<User>(context.Scope).FirstOrDefault(u => u.SecurityProfileIds.Contains(profile.Id, StringComparer.Ordinal));
        if (user is not null)
        {
            throw Errors.InUse(ErrorTexts.SecurityProfileInUse, "USER", user.Id);
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
