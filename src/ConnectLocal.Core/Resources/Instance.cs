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
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Aliases are unique per region (behaviour doc §2); instances without one never collide.</summary>
    public string? Name => InstanceAlias;

    public string Arn => Common.Arns.Instance(Region, AccountId, Id);

    public Instance WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
