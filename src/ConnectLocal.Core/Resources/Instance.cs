namespace ConnectLocal.Core.Resources;

public sealed record Instance : IResource<Instance>, ITaggable<Instance>
{
    public static string Kind => "instance";

    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string IdentityManagementType { get; init; }

    public string? InstanceAlias { get; init; }

    public string? DirectoryId { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    public required string Status { get; init; }

    public required bool InboundCallsEnabled { get; init; }

    public required bool OutboundCallsEnabled { get; init; }

    /// <summary>Instance attributes (DescribeInstanceAttribute) by attribute type, as "true"/"false" or text.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init => field = value ?? field; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init => field = value ?? field; } = new Dictionary<string, string>();

    /// <summary>
    /// Set on both records of a replicated instance (the source and its replica: same id, two Regions) and kept
    /// in step by every Global Resiliency change; null for an instance that was never replicated.
    /// </summary>
    public InstanceReplication? Replication { get; init; }

    /// <summary>Aliases are unique per region (behaviour doc §2); instances without one never collide.</summary>
    public string? Name => InstanceAlias;

    public string Arn => Common.Arns.Instance(Region, AccountId, Id);

    public Instance WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>The link between a source instance and its replica, and where the replication stands.</summary>
public sealed record InstanceReplication(string SourceRegion, string ReplicaRegion, string Status, string SourceAlias)
{
    public const string InProgress = "INSTANCE_REPLICATION_IN_PROGRESS";
    public const string Complete = "INSTANCE_REPLICATION_COMPLETE";
    public const string ReplicaDeleting = "INSTANCE_REPLICA_DELETING";

    /// <summary>
    /// Global routing isolated (UpdateCrossRegionRouting IsolatedAll): each Region routes only its own contacts.
    /// [choice] false from ReplicateInstance on: the Admin Guide enables global routing by default for Global
    /// Resiliency instances created on or after 2026-09-01, and every replication here is such a new one
    /// (docs/global-resiliency.md, "Global routing").
    /// </summary>
    public bool IsolatedAll { get; init; }
}
