using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Prompts;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>
/// The operations answered from declarations instead of hand-written overrides. docs/compatibility.md counts them as
/// implemented (<see cref="Names"/>); a test fails when a declaration names an operation that is also overridden or
/// that the model does not have.
/// </summary>
internal static class DeclaredOperations
{
    public static readonly IReadOnlyList<IResourceApi> Resources =
    [
        // The routine operations of the first resource families, moved here from hand-written handlers; their
        // real rules are hooks of their declarations in Core (ResourceTypes).
        new ResourceApi<HoursOfOperation>(ResourceTypes.HoursOfOperation) { List = "ListHoursOfOperations", Delete = "DeleteHoursOfOperation" },
        new ResourceApi<Queue>(ResourceTypes.Queue)
        {
            List = "ListQueues",
            Updates = ["UpdateQueueName", "UpdateQueueStatus"],
            NameOrDescription = ["UpdateQueueName"],
            Delete = "DeleteQueue",
        },
        new ResourceApi<RoutingProfile>(ResourceTypes.RoutingProfile)
        {
            List = "ListRoutingProfiles",
            Updates = ["UpdateRoutingProfileAgentAvailabilityTimer"],
            Delete = "DeleteRoutingProfile",
        },
        new ResourceApi<User>(ResourceTypes.User) { List = "ListUsers", Delete = "DeleteUser" },

        new ResourceApi<Prompt>(PromptRules.Type)
        {
            Create = "CreatePrompt",
            Describe = "DescribePrompt",
            List = "ListPrompts",
            Search = "SearchPrompts",
            Updates = ["UpdatePrompt"],
            Delete = "DeletePrompt",
        },

        // Contact flows: the operations that carry content or versions are written by hand (Handlers/ContactFlowHandlers.cs).
        new ResourceApi<ContactFlow>(ContactFlowRules.Type)
        {
            List = "ListContactFlows",
            Search = "SearchContactFlows",
            Updates = ["UpdateContactFlowName", "UpdateContactFlowMetadata"],
            Delete = "DeleteContactFlow",
        },

        // Flow modules (issue 14, modules part): the rest is written by hand (Handlers/ContactFlowModuleHandlers.cs).
        new ResourceApi<Core.FlowModules.ContactFlowModule>(Core.FlowModules.ContactFlowModuleRules.Type)
        {
            Search = "SearchContactFlowModules",
            Delete = "DeleteContactFlowModule",
        },

        // Quick connects: docs/development.md walks through this declaration.
        new ResourceApi<QuickConnect>(QuickConnectRules.Type)
        {
            Create = "CreateQuickConnect",
            Describe = "DescribeQuickConnect",
            List = "ListQuickConnects",
            Search = "SearchQuickConnects",
            Updates = ["UpdateQuickConnectName", "UpdateQuickConnectConfig"],
            NameOrDescription = ["UpdateQuickConnectName"],
            Delete = "DeleteQuickConnect",
        },

        // Email addresses (issue 15): create, describe and aliases are written by hand (Handlers/EmailAddressHandlers.cs).
        new ResourceApi<Core.EmailAddresses.ContactEmailAddress>(Core.EmailAddresses.EmailAddressRules.Type)
        {
            Search = "SearchEmailAddresses",
            Updates = ["UpdateEmailAddressMetadata"],
            Delete = "DeleteEmailAddress",
        },

        // User hierarchy groups (hierarchy-users): create and rename are written by hand (Handlers/HierarchyHandlers.cs).
        new ResourceApi<Core.Hierarchy.HierarchyGroup>(Core.Hierarchy.HierarchyService.Type)
        {
            Describe = "DescribeUserHierarchyGroup",
            List = "ListUserHierarchyGroups",
            Search = "SearchUserHierarchyGroups",
            Delete = "DeleteUserHierarchyGroup",
        },

        // Security profiles and agent statuses (issue 15): the lists of a profile's permissions, applications and flow
        // modules and UpdateAgentStatus (ResetOrderNumber) are written by hand (Handlers/SecurityProfileHandlers.cs).
        new ResourceApi<SecurityProfile>(ResourceTypes.SecurityProfile)
        {
            Create = "CreateSecurityProfile",
            Describe = "DescribeSecurityProfile",
            List = "ListSecurityProfiles",
            Search = "SearchSecurityProfiles",
            Updates = ["UpdateSecurityProfile"],
            Delete = "DeleteSecurityProfile",
        },
        new ResourceApi<AgentStatus>(ResourceTypes.AgentStatus)
        {
            Create = "CreateAgentStatus",
            Describe = "DescribeAgentStatus",
            List = "ListAgentStatuses",
            Search = "SearchAgentStatuses",
            FilterProperties = new Dictionary<string, string> { ["AgentStatusTypes"] = nameof(AgentStatus.Type) },
        },

        // Task templates (templates-views, issue 15): create, get, list and update are written by hand (Handlers/TaskTemplateHandlers.cs).
        new ResourceApi<Core.TaskTemplates.TaskTemplate>(Core.TaskTemplates.TaskTemplateRules.Type) { Delete = "DeleteTaskTemplate" },
        // Rules and evaluation forms (issue 15, rules-evals): create, update and list of rules and the versioned
        // operations of evaluation forms are RuleApi and EvaluationFormApi (docs/rules-evaluations.md).
        new RuleApi(),
        new ResourceApi<Core.Rules.Rule>(Core.Rules.RuleService.Type) { Describe = "DescribeRule", Search = "SearchRules", Delete = "DeleteRule" },
        new EvaluationFormApi(),
        new ResourceApi<Core.Evaluations.EvaluationForm>(Core.Evaluations.EvaluationFormService.Type) { List = "ListEvaluationForms" },
        // Workspaces (issue 15): create, the theme, pages, media and associations are written by hand (Handlers/WorkspaceHandlers.cs).
        new ResourceApi<Core.Workspaces.Workspace>(Core.Workspaces.WorkspaceRules.Type)
        {
            Describe = "DescribeWorkspace",
            List = "ListWorkspaces",
            Search = "SearchWorkspaces",
            Updates = ["UpdateWorkspaceMetadata", "UpdateWorkspaceVisibility"],
            Delete = "DeleteWorkspace",
        },

        // Authentication profiles (issue 15, config-rest): the default profile every instance is created with; AWS has no
        // operation that creates or deletes one.
        new ResourceApi<Core.AuthenticationProfiles.AuthenticationProfile>(Core.AuthenticationProfiles.AuthenticationProfileRules.Type)
        {
            Describe = "DescribeAuthenticationProfile",
            List = "ListAuthenticationProfiles",
            Updates = ["UpdateAuthenticationProfile"],
        },
        // Data tables (issue 15, datatables): everything but the table list and search is written by hand (Handlers/DataTableHandlers.cs).
        new ResourceApi<Core.DataTables.DataTable>(Core.DataTables.DataTableService.Type) { List = "ListDataTables", Search = "SearchDataTables" },
        // Test cases (resource-families): create, describe (which version) and update are written by hand (Handlers/TestCaseHandlers.cs).
        new ResourceApi<Core.TestCases.TestCase>(Core.TestCases.TestCaseRules.Type)
        {
            List = "ListTestCases",
            Search = "SearchTestCases",
            Delete = "DeleteTestCase",
        },
        // Notifications (resource-families): the create and each user's notifications are written by hand (Handlers/NotificationHandlers.cs).
        new ResourceApi<Core.Notifications.Notification>(Core.Notifications.NotificationRules.Type)
        {
            Describe = "DescribeNotification",
            List = "ListNotifications",
            Search = "SearchNotifications",
            Updates = ["UpdateNotificationContent"],
            Delete = "DeleteNotification",
        },
    ];

    /// <summary>The declared operations' names.</summary>
    public static IReadOnlySet<string> Names { get; } =
        Resources.SelectMany(r => r.Handlers(NoStore.Instance, new ConnectSettings())).Select(h => h.Operation).ToHashSet(StringComparer.Ordinal);

    /// <summary>The declared handlers by operation index (null where an operation has none).</summary>
    public static DeclaredHandler?[] Table(IConnectStore store, ConnectSettings settings)
    {
        var table = new DeclaredHandler?[OperationTable.All.Count];
        foreach (var (name, handler) in Resources.SelectMany(r => r.Handlers(store, settings)))
        {
            var operation = OperationTable.All.FirstOrDefault(o => o.Name == name)
                ?? throw new InvalidOperationException($"Declared operation {name} is not in the model");
            table[operation.Index] = table[operation.Index] is null
                ? handler
                : throw new InvalidOperationException($"Operation {name} is declared twice");
        }

        return table;
    }

    // Names are read without a store: declarations only bind handlers, they never touch the store until called.
    private sealed class NoStore : IConnectStore
    {
        public static readonly NoStore Instance = new();

        public T Read<T>(Func<IStoreSession, T> work) => throw new InvalidOperationException("not a store");

        public T Write<T>(Func<IStoreSession, T> work) => throw new InvalidOperationException("not a store");
    }
}
