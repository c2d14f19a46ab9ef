using ConnectLocal.Core.SecurityProfiles;

namespace ConnectLocal.Core.Resources;

/// <summary>
/// Common to every resource that lives inside an instance. The identity and the modification stamp are set by
/// whoever stores the resource (ResourceOperations for declared types, DefaultResources for an instance's defaults).
/// </summary>
public abstract record InstanceResource
{
    public string Id { get; init => field = value ?? field; } = string.Empty;

    public string InstanceId { get; init => field = value ?? field; } = string.Empty;

    public string Arn { get; init => field = value ?? field; } = string.Empty;

    public IReadOnlyDictionary<string, string> Tags { get; init => field = value ?? field; } = new Dictionary<string, string>();

    public DateTimeOffset LastModifiedTime { get; init; }

    public string LastModifiedRegion { get; init => field = value ?? field; } = string.Empty;
}

public sealed record HoursOfOperationSlot(string Day, int StartHours, int StartMinutes, int EndHours, int EndMinutes);

public sealed record HoursOfOperation : InstanceResource, IResource<HoursOfOperation>, ITaggable<HoursOfOperation>
{
    public static string Kind => "hours-of-operation";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string TimeZone { get; init; }

    public IReadOnlyList<HoursOfOperationSlot> Config { get; init => field = value ?? field; } = [];

    /// <summary>Ids of the parent hours of operation whose overrides this one inherits (ParentHoursOfOperationConfigs).</summary>
    public IReadOnlyList<string> ParentIds { get; init => field = value ?? field; } = [];

    public HoursOfOperation WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

public sealed record OutboundCallerSettings(string? CallerIdName, string? CallerIdNumberId, string? OutboundFlowId);

public sealed record Queue : InstanceResource, IResource<Queue>, ITaggable<Queue>
{
    public static string Kind => "queue";

    public const string Standard = "STANDARD";
    public const string Agent = "AGENT";

    /// <summary>Agent queues have no name; standard queue names are unique per instance.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    public required string QueueType { get; init; }

    public string? HoursOfOperationId { get; init; }

    public int? MaxContacts { get; init; }

    public required string Status { get; init; }

    public OutboundCallerSettings? OutboundCallerConfig { get; init; }

    public string? OutboundEmailAddressId { get; init; }

    /// <summary>The email addresses agents may send from besides the outbound one (AssociateQueueEmailAddresses).</summary>
    public IReadOnlyList<string> EmailAddressIds { get; init => field = value ?? field; } = [];

    /// <summary>The quick connects agents see when transferring contacts from this queue (AssociateQueueQuickConnects).</summary>
    public IReadOnlyList<string> QuickConnectIds { get; init => field = value ?? field; } = [];

    public Queue WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>One channel a routing profile enables: how many contacts at once, and what else may be offered meanwhile.</summary>
public sealed record ChannelConcurrency(string Channel, int Concurrency, string? CrossChannelBehavior);

/// <summary>A queue a routing profile serves on one channel, at a priority (1 first) after a delay in seconds.</summary>
public sealed record RoutingProfileQueue(string QueueId, string Channel, int Priority, int Delay);

/// <summary>A queue on one channel from which agents pick or assign contacts by hand (manual assignment).</summary>
public sealed record ManualAssignmentQueue(string QueueId, string Channel);

public sealed record RoutingProfile : InstanceResource, IResource<RoutingProfile>, ITaggable<RoutingProfile>
{
    public static string Kind => "routing-profile";

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string DefaultOutboundQueueId { get; init; }

    public IReadOnlyList<ChannelConcurrency> MediaConcurrencies { get; init => field = value ?? field; } = [];

    public IReadOnlyList<RoutingProfileQueue> Queues { get; init => field = value ?? field; } = [];

    /// <summary>Queues agents pick contacts from by hand (ManualAssignmentQueueConfigs); never routed from.</summary>
    public IReadOnlyList<ManualAssignmentQueue> ManualAssignmentQueues { get; init => field = value ?? field; } = [];

    public IReadOnlyList<string> AssociatedManualAssignmentQueueIds => ManualAssignmentQueues.Select(q => q.QueueId).Distinct(StringComparer.Ordinal).ToList();

    public string? AgentAvailabilityTimer { get; init; }

    public bool IsDefault { get; init; }

    /// <summary>Kept in step by every user change in the same transaction (NumberOfAssociatedUsers).</summary>
    public int UserCount { get; init; }

    public IReadOnlyList<string> AssociatedQueueIds => Queues.Select(q => q.QueueId).Distinct(StringComparer.Ordinal).ToList();

    public RoutingProfile WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

public sealed record SecurityProfile : InstanceResource, IResource<SecurityProfile>, ITaggable<SecurityProfile>
{
    public static string Kind => "security-profile";

    /// <summary>Unique per instance; summaries call it Name (stored under that name, as before security profiles were created by API).</summary>
    public string Name { get; init => field = value ?? field; } = string.Empty;

    /// <summary>The name as CreateSecurityProfile and the SecurityProfile shape call it: the same value as <see cref="Name"/>.</summary>
    public string SecurityProfileName
    {
        get => Name;
        init => Name = value ?? Name;
    }

    public string? Description { get; init; }

    public IReadOnlyList<string> Permissions { get; init => field = value ?? field; } = [];

    // Member names follow the model's (CreateSecurityProfile, SecurityProfile): the generic handlers map them by name.
    public IReadOnlyDictionary<string, string>? AllowedAccessControlTags { get; init; }

    public IReadOnlyList<string>? TagRestrictedResources { get; init; }

    public IReadOnlyList<SecurityProfileApplication>? Applications { get; init; }

    public IReadOnlyList<string>? HierarchyRestrictedResources { get; init; }

    public string? AllowedAccessControlHierarchyGroupId { get; init; }

    public IReadOnlyList<SecurityProfileFlowModule>? AllowedFlowModules { get; init; }

    public GranularAccessControl? GranularAccessControlConfiguration { get; init; }

    /// <summary>The Q in Connect AI agents the profile is associated with (AssociateSecurityProfiles), by ARN; never shown.</summary>
    public IReadOnlyList<string> AiAgentArns { get; init => field = value ?? field; } = [];

    /// <summary>How the describe and search shapes name the instance.</summary>
    public string OrganizationResourceId => InstanceId;

    public SecurityProfile WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

public sealed record AgentStatus : InstanceResource, IResource<AgentStatus>, ITaggable<AgentStatus>
{
    public static string Kind => "agent-status";

    public const string Routable = "ROUTABLE";
    public const string Custom = "CUSTOM";
    public const string Offline = "OFFLINE";

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Created statuses are CUSTOM; the defaults Available (ROUTABLE) and Offline (OFFLINE) are the system's.</summary>
    public string Type { get; init => field = value ?? field; } = Custom;

    public int? DisplayOrder { get; init; }

    public required string State { get; init; }

    public AgentStatus WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

public sealed record UserIdentity(string? FirstName, string? LastName, string? Email, string? SecondaryEmail, string? Mobile);

public sealed record UserPhoneSettings(string PhoneType, bool AutoAccept, int AfterContactWorkTimeLimit, string? DeskPhoneNumber, bool? PersistentConnection = null);

/// <summary>A user proficiency: a predefined attribute, one of its values, and the level (1 to 5).</summary>
public sealed record UserProficiencyEntry(string AttributeName, string AttributeValue, double Level);

public sealed record User : InstanceResource, IResource<User>, ITaggable<User>
{
    public static string Kind => "user";

    /// <summary>Usernames are unique per instance.</summary>
    public required string Username { get; init; }

    public string? Name => Username;

    public UserIdentity? IdentityInfo { get; init; }

    public required UserPhoneSettings PhoneConfig { get; init; }

    public string? DirectoryUserId { get; init; }

    public IReadOnlyList<string> SecurityProfileIds { get; init => field = value ?? field; } = [];

    public required string RoutingProfileId { get; init; }

    public string? HierarchyGroupId { get; init; }

    /// <summary>The agent status set by PutUserStatus, and since when.</summary>
    public string? AgentStatusId { get; init; }

    public DateTimeOffset? AgentStatusSince { get; init; }

    /// <summary>
    /// The status PutUserStatus asked for while the agent was handling contacts: applied when its last contact ends
    /// (GetCurrentUserData's NextStatus). While it is set the agent is offered no new contact.
    /// </summary>
    public string? NextAgentStatusId { get; init; }

    /// <summary>The user's proficiencies (users-search): a predefined attribute's name, one of its values, a level 1–5.</summary>
    public IReadOnlyList<UserProficiencyEntry> Proficiencies { get; init => field = value ?? field; } = [];

    /// <summary>The per-channel settings PhoneConfig does not hold (users-search, Users/UserConfig.cs); null: none set.</summary>
    public Users.UserChannelConfig? ChannelConfig { get; init; }

    public User WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
