namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>A share of telephony or agent traffic that goes to one Region (a multiple of 10 percent).</summary>
public sealed record RegionShare(string Region, int Percentage);

/// <summary>Whether agents may sign in in one Region.</summary>
public sealed record RegionSignIn(string Region, bool Enabled);

/// <summary>
/// A traffic distribution group: a top-level resource of the Region where it was created (always the instance's
/// source Region), linking the instance with its replica. Addressed by id or ARN there, and only by ARN from the
/// replica Region (behaviour doc §5).
/// </summary>
public sealed record TrafficDistributionGroup : IResource<TrafficDistributionGroup>, ITaggable<TrafficDistributionGroup>
{
    public const string ArnSegment = "traffic-distribution-group";

    public const string CreationInProgress = "CREATION_IN_PROGRESS";
    public const string Active = "ACTIVE";
    public const string PendingDeletion = "PENDING_DELETION";
    public const string UpdateInProgress = "UPDATE_IN_PROGRESS";

    public static string Kind => "traffic-distribution-group";

    public required string Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>Where the group was created and is stored: the instance's source Region.</summary>
    public required string Region { get; init; }

    /// <summary>The instance's replica Region, the group's other linked Region.</summary>
    public required string ReplicaRegion { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>[choice] names need not be unique (AWS documents no rule), so the store keeps no name index.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Status { get; init; }

    public bool IsDefault { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public IReadOnlyList<RegionShare> Telephony { get; init => field = value ?? field; } = [];

    public IReadOnlyList<RegionShare> Agents { get; init => field = value ?? field; } = [];

    public IReadOnlyList<RegionSignIn> SignIn { get; init => field = value ?? field; } = [];

    /// <summary>Users of the instance associated with the group (AssociateTrafficDistributionGroupUser), in id order.</summary>
    public IReadOnlyList<string> UserIds { get; init => field = value ?? field; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init => field = value ?? field; } = new Dictionary<string, string>();

    string? IResource<TrafficDistributionGroup>.Name => null;

    public string Arn => Arns.TopLevel(Region, AccountId, ArnSegment, Id);

    public string InstanceArn => Arns.Instance(Region, AccountId, InstanceId);

    public IReadOnlyList<string> Regions => [Region, ReplicaRegion];

    public bool IsLinkedTo(string region) => region == Region || region == ReplicaRegion;

    public TrafficDistributionGroup WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>
/// A phone number claimed to an instance or a traffic distribution group. Numbers are kept in one scope per
/// account (not per Region) so that a number claimed in one Region is not offered again in another.
/// </summary>
public sealed record ClaimedPhoneNumber : IResource<ClaimedPhoneNumber>, ITaggable<ClaimedPhoneNumber>
{
    public const string ArnSegment = "phone-number";
    public const string Claimed = "CLAIMED";

    public static string Kind => "phone-number";

    public required string Id { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The Region where the number was claimed (its ARN's Region).</summary>
    public required string Region { get; init; }

    /// <summary>E.164, e.g. +12065550100; unique per account.</summary>
    public required string PhoneNumber { get; init; }

    public required string CountryCode { get; init; }

    public required string Type { get; init; }

    public string? Description { get; init; }

    /// <summary>The ARN of the instance or traffic distribution group inbound calls on the number go to.</summary>
    public required string TargetArn { get; init; }

    /// <summary>Set when the target is an instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Set when the target is a traffic distribution group.</summary>
    public string? TrafficDistributionGroupId { get; init; }

    public required string Status { get; init; }

    /// <summary>The id of the inbound flow a call to the number enters (AssociatePhoneNumberContactFlow); null: none.</summary>
    public string? ContactFlowId { get; init; }

    public required DateTimeOffset ClaimedTime { get; init; }

    /// <summary>The End User Messaging number's ARN when the number was imported (ImportPhoneNumber); null when claimed.</summary>
    public string? SourcePhoneNumberArn { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init => field = value ?? field; } = new Dictionary<string, string>();

    public string? Name => PhoneNumber;

    public string Arn => Arns.TopLevel(Region, AccountId, ArnSegment, Id);

    public ClaimedPhoneNumber WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>
/// A released phone number in its cooldown (ReleasePhoneNumber): neither searchable nor claimable until the
/// <c>number-cooldown</c> transition removes this record. Kept in the account's numbers scope, named by the number.
/// </summary>
public sealed record CoolingPhoneNumber : IResource<CoolingPhoneNumber>
{
    public static string Kind => "phone-number-cooldown";

    /// <summary>The released number's id.</summary>
    public required string Id { get; init; }

    /// <summary>E.164, e.g. +12065550100.</summary>
    public required string PhoneNumber { get; init; }

    public required DateTimeOffset ReleasedTime { get; init; }

    public string? Name => PhoneNumber;
}

/// <summary>
/// A status change that is due at <see cref="DueAt"/> (TDG CREATION_IN_PROGRESS → ACTIVE and so on). Stored, so
/// that a transition due while the server was down is applied when it comes back.
/// </summary>
public sealed record PendingTransition : IResource<PendingTransition>
{
    public static string Kind => "status-transition";

    /// <summary>The due time's ticks first, so that the store's id order is due order.</summary>
    public required string Id { get; init; }

    public required string TransitionKind { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string TargetId { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public string? Name => null;
}

/// <summary>What the control endpoint set: transition kinds on hold, and delays that override the configured ones.</summary>
public sealed record TransitionControl : IResource<TransitionControl>
{
    public const string SingletonId = "transition-control";

    public static string Kind => "transition-control";

    public string Id { get; init => field = value ?? field; } = SingletonId;

    public IReadOnlyList<string> Held { get; init => field = value ?? field; } = [];

    public IReadOnlyDictionary<string, long> DelayMilliseconds { get; init => field = value ?? field; } = new Dictionary<string, long>();

    public string? Name => null;
}
