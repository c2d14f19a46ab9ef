using ConnectLocal.Core.Queues;
using ConnectLocal.Core.Prompts;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.RoutingProfiles;
using ConnectLocal.Core.Users;

namespace ConnectLocal.Core.Registry;

/// <summary>
/// Every instance-scoped resource type, declared once. Tagging by ARN, the generic operations
/// (<see cref="ResourceOperations{T}"/>) and the identifier rules of every handler read these declarations.
/// Adding a type: docs/development.md, "Adding a resource family".
/// </summary>
public static class ResourceTypes
{
    // Mirrored = true: Global Resiliency copies the type to the replica and keeps it in step (docs/global-resiliency.md).

    public static readonly ResourceType<HoursOfOperation> HoursOfOperation = new()
    {
        Mirrored = true,
        ArnSegment = "operating-hours",
        Noun = "Hours of operation",
        Plural = "hours of operation",
        Quota = s => s.HoursOfOperationPerInstance,
        BeforeDelete = (context, hours) =>
        {
            HoursOfOperationService.CheckUnused(context, hours);
            HoursOverrides.HoursOverrideService.ForgetOverrides(context, hours);
        },
        Defaults = DefaultResources.Hours,
        // SearchHoursOfOperations (users-search): the fields HoursOfOperationSearchCriteria.StringCondition documents.
        SearchFields =
        [
            SearchField<HoursOfOperation>.Text("name", h => h.Name),
            SearchField<HoursOfOperation>.Text("description", h => h.Description),
            SearchField<HoursOfOperation>.Text("timezone", h => h.TimeZone),
            SearchField<HoursOfOperation>.Id("resourceID", h => h.Id),
        ],
    };

    /// <summary>A user's agent queue is also named …/queue/agent/{userId} (its id is the user's id).</summary>
    public static readonly ResourceType<Queue> Queue = new()
    {
        Mirrored = true,
        ArnSegment = "queue",
        Noun = "Queue",
        ExtraArnForm = rest => rest is ["agent", var userId] ? userId : null,
        BeforeUpdate = QueueService.CheckUpdatable,
        BeforeDelete = QueueService.CheckDeletable,
        Defaults = DefaultResources.Queues,
        // SearchQueues (users-search): QueueSearchCriteria's StringCondition fields and its QueueTypeCondition.
        BoundedContains = true,
        SearchFields =
        [
            SearchField<Queue>.Text("name", q => q.Name),
            SearchField<Queue>.Text("description", q => q.Description),
            SearchField<Queue>.Id("resourceID", q => q.Id),
        ],
        Conditions = [SearchField<Queue>.Id("QueueTypeCondition", q => q.QueueType)],
    };

    public static readonly ResourceType<RoutingProfile> RoutingProfile = new()
    {
        Mirrored = true,
        ArnSegment = "routing-profile",
        Noun = "Routing profile",
        Quota = s => s.RoutingProfilesPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        BeforeDelete = RoutingProfileService.CheckDeletable,
        Defaults = DefaultResources.RoutingProfiles,
        BoundedContains = true,
        SearchFields =
        [
            new("associatedQueueIds", p => p.AssociatedQueueIds, IsId: true),
            SearchField<RoutingProfile>.Text("name", p => p.Name),
            SearchField<RoutingProfile>.Text("description", p => p.Description),
            SearchField<RoutingProfile>.Id("resourceID", p => p.Id),
        ],
    };

    public static readonly ResourceType<User> User = new()
    {
        Mirrored = true,
        ArnSegment = "agent",
        Noun = "User",
        BeforeDelete = UserService.ForgetUser,
        // SearchUsers (users-search): the fields UserSearchCriteria.StringCondition documents; the rest of its
        // criteria (hierarchy group and proficiency conditions) is Users/UserSearch.cs.
        SearchFields =
        [
            SearchField<User>.Text("Username", u => u.Username),
            SearchField<User>.Text("FirstName", u => u.IdentityInfo?.FirstName),
            SearchField<User>.Text("LastName", u => u.IdentityInfo?.LastName),
            SearchField<User>.Id("RoutingProfileId", u => u.RoutingProfileId),
            new("SecurityProfileId", u => u.SecurityProfileIds, IsId: true),
            SearchField<User>.Id("resourceId", u => u.Id),
        ],
    };

    // Security profiles and agent statuses (issue 15): their rules are in SecurityProfiles/ and Users/AgentStatusService.
    public static readonly ResourceType<SecurityProfile> SecurityProfile = SecurityProfiles.SecurityProfileRules.Type;

    public static readonly ResourceType<AgentStatus> AgentStatus = new()
    {
        Mirrored = true,
        ArnSegment = "agent-state",
        Noun = "Agent status",
        Plural = "agent statuses",
        Quota = s => s.AgentStatusesPerInstance,
        QuotaError = DomainErrorKind.LimitExceeded,
        Defaults = DefaultResources.AgentStatuses,
        BeforeUpdate = AgentStatusService.CheckUpdatable,
        SearchFields =
        [
            SearchField<AgentStatus>.Text("name", s => s.Name),
            SearchField<AgentStatus>.Text("description", s => s.Description),
            SearchField<AgentStatus>.Id("state", s => s.State),
            SearchField<AgentStatus>.Id("type", s => s.Type),
            SearchField<AgentStatus>.Id("displayOrder", s => s.DisplayOrder?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            SearchField<AgentStatus>.Id("resourceID", s => s.Id),
        ],
    };

    // Integrations (docs/integrations.md): declared for tagging by ARN; their operations are hand-written.
    public static readonly ResourceType<Integrations.IntegrationAssociation> IntegrationAssociation = new()
    {
        ArnSegment = Integrations.IntegrationService.IntegrationAssociationSegment,
        Noun = "Integration association",
        UniqueNames = false,
    };

    public static readonly ResourceType<Integrations.UseCase> UseCase = new()
    {
        ArnSegment = Integrations.IntegrationService.UseCaseSegment,
        Noun = "Use case",
        UniqueNames = false,
    };

    public static IReadOnlyList<ResourceType> All { get; } =
        [HoursOfOperation, Queue, RoutingProfile, User, SecurityProfile, AgentStatus, QuickConnectRules.Type, PromptRules.Type, Flows.ContactFlowRules.Type,
         // Flow modules (issue 14, modules part); email addresses (issue 15).
         FlowModules.ContactFlowModuleRules.Type, EmailAddresses.EmailAddressRules.Type,
         /* integrations */ IntegrationAssociation, UseCase,
         // User hierarchy (issue 15).
         Hierarchy.HierarchyService.Type,
         // Vocabularies (issue 15, iac branch).
         Vocabularies.VocabularyService.Type,
         // Task templates and views (templates-views, issue 15).
         TaskTemplates.TaskTemplateRules.Type, Views.ViewRules.Type,
         // Rules and evaluation forms (issue 15).
         Rules.RuleService.Type, Evaluations.EvaluationFormService.Type,
         // Workspaces (issue 15, workspaces).
         Workspaces.WorkspaceRules.Type,
         // Authentication profiles (issue 15, config-rest): each instance's default one.
         AuthenticationProfiles.AuthenticationProfileRules.Type,
         // Data tables (issue 15, datatables).
         DataTables.DataTableService.Type,
         // Test cases (resource-families).
         TestCases.TestCaseRules.Type, Notifications.NotificationRules.Type];

    /// <summary>The type whose ARNs carry <paramref name="arnSegment"/> after the instance, or null.</summary>
    public static ResourceType? ByArnSegment(string arnSegment) => All.FirstOrDefault(t => t.ArnSegment == arnSegment);
}
