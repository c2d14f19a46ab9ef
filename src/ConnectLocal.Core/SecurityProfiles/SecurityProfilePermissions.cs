using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.SecurityProfiles;

/// <summary>
/// The permissions of the default security profiles, by the API names ListSecurityProfilePermissions answers (the
/// Administrator Guide's "List of security profile permissions" names them; these are the names of the features
/// ConnectLocal implements or records).
/// Admin holds every one of them; Agent the contact control panel and outbound calls; CallCenterManager the users,
/// routing and metrics permissions; QualityAnalyst metrics, contact search, recordings and monitoring.
/// [choice] AWS's guide describes what each default profile is for, not every permission it holds; the sets below
/// follow those descriptions over the permissions listed here.
/// </summary>
public static class SecurityProfilePermissions
{
    public const string Admin = "Admin";
    public const string Agent = "Agent";
    public const string CallCenterManager = "CallCenterManager";
    public const string QualityAnalyst = "QualityAnalyst";

    private static readonly string[] ContactControlPanel = ["BasicAgentAccess", "OutboundCallAccess"];

    private static readonly string[] Analytics =
        ["AccessMetrics", "RealtimeContactLens.View", "ContactSearch.View", "ListenCallRecordings", "ManagerListenIn", "ManagerBargeIn"];

    private static readonly string[] Routing =
    [
        .. Crud("RoutingPolicies", "Create", "Edit", "View"),
        .. Crud("TransferDestinations", "Create", "Delete", "Edit", "View"),
        .. Crud("HoursOfOperation", "Create", "Delete", "Edit", "View"),
        .. Crud("Queues", "Create", "Edit", "EnableAndDisable", "View"),
        .. Crud("TaskTemplates", "Create", "Delete", "Edit", "View"),
    ];

    private static readonly string[] UsersAndPermissions =
    [
        .. Crud("Users", "Create", "Delete", "Edit", "EditPermission", "View"),
        .. Crud("SecurityProfiles", "Create", "Delete", "Edit", "View"),
        .. Crud("AgentGrouping", "Create", "Delete", "Edit", "View"),
        .. Crud("AgentStates", "Create", "Edit", "View"),
    ];

    private static readonly string[] ChannelsAndFlows =
    [
        .. Crud("PhoneNumbers", "Claim", "Edit", "Release", "View"),
        .. Crud("ContactFlows", "Create", "Delete", "Edit", "Publish", "View"),
        .. Crud("ContactFlowModules", "Create", "Delete", "Edit", "Publish", "View"),
        .. Crud("Prompts", "Create", "Delete", "Edit", "View"),
        .. Crud("Rules", "Create", "Delete", "Edit", "View"),
    ];

    /// <summary>Every permission the default Admin profile holds.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ContactControlPanel, .. Analytics, .. Routing, .. UsersAndPermissions, .. ChannelsAndFlows];

    /// <summary>The permissions of each default profile, by its name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> OfDefault { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Admin] = All,
        [Agent] = ContactControlPanel,
        [CallCenterManager] =
        [
            .. ContactControlPanel, .. Analytics, .. Routing,
            .. UsersAndPermissions.Where(p => !p.StartsWith("SecurityProfiles.", StringComparison.Ordinal) && p != "Users.EditPermission"),
            "ContactFlows.View", "ContactFlowModules.View", "Prompts.View", "PhoneNumbers.View",
        ],
        [QualityAnalyst] = ["AccessMetrics", "ContactSearch.View", "ListenCallRecordings", "ManagerListenIn", "RealtimeContactLens.View"],
    };

    internal static IEnumerable<SecurityProfile> Defaults(DefaultsContext _) =>
        DefaultResources.SecurityProfiles.Select(name => new SecurityProfile
        {
            SecurityProfileName = name,
            Description = $"Default {name} security profile",
            Permissions = OfDefault[name],
        });

    private static IEnumerable<string> Crud(string resource, params string[] actions) => actions.Select(a => $"{resource}.{a}");
}
