namespace ConnectLocal.Core.Integrations;

/// <summary>A Lambda function an instance may invoke (AssociateLambdaFunction); its id is the function ARN.</summary>
public sealed record LambdaFunctionAssociation : IResource<LambdaFunctionAssociation>
{
    public static string Kind => "lambda-function";

    public required string Id { get; init; }

    public string? Name => null;
}

/// <summary>An approved origin of the instance (AssociateApprovedOrigin); its id is the origin as sent.</summary>
public sealed record ApprovedOrigin : IResource<ApprovedOrigin>
{
    public static string Kind => "approved-origin";

    public required string Id { get; init; }

    public string? Name => null;
}

/// <summary>
/// A Lex bot the instance may use: V1 (<see cref="BotName"/> in <see cref="LexRegion"/>) or V2 (<see cref="AliasArn"/>).
/// Its id is its key (<see cref="IntegrationService.BotKey"/>), so one bot is associated at most once.
/// </summary>
public sealed record BotAssociation : IResource<BotAssociation>
{
    public static string Kind => "bot-association";

    public required string Id { get; init; }

    public string? BotName { get; init; }

    public string? LexRegion { get; init; }

    public string? AliasArn { get; init; }

    public bool IsV2 => AliasArn is not null;

    public string? Name => null;
}

/// <summary>A PEM security key of the instance (AssociateSecurityKey); its id is the association id.</summary>
public sealed record SecurityKeyAssociation : IResource<SecurityKeyAssociation>
{
    public static string Kind => "security-key";

    public required string Id { get; init; }

    public required string Key { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public string? Name => null;
}

public sealed record StorageEncryption(string EncryptionType, string KeyId);

/// <summary>Where a storage config sends its data: exactly the member its StorageType names is set.</summary>
public sealed record StorageSettings
{
    public const string S3 = "S3";
    public const string KinesisVideoStream = "KINESIS_VIDEO_STREAM";
    public const string KinesisStream = "KINESIS_STREAM";
    public const string KinesisFirehose = "KINESIS_FIREHOSE";

    public required string StorageType { get; init; }

    public string? BucketName { get; init; }

    public string? BucketPrefix { get; init; }

    public string? VideoPrefix { get; init; }

    public int? RetentionPeriodHours { get; init; }

    public StorageEncryption? Encryption { get; init; }

    public string? StreamArn { get; init; }

    public string? FirehoseArn { get; init; }
}

/// <summary>An instance storage config: one resource type's storage (AssociateInstanceStorageConfig).</summary>
public sealed record StorageConfigAssociation : IResource<StorageConfigAssociation>
{
    public static string Kind => "storage-config";

    public required string Id { get; init; }

    public required string ResourceType { get; init; }

    public required StorageSettings Storage { get; init; }

    public string? Name => null;
}

/// <summary>An integration association (CreateIntegrationAssociation); tagged by its ARN.</summary>
public sealed record IntegrationAssociation : InstanceResource, IResource<IntegrationAssociation>, ITaggable<IntegrationAssociation>
{
    public static string Kind => "integration-association";

    public required string IntegrationType { get; init; }

    public required string IntegrationArn { get; init; }

    public string? SourceApplicationUrl { get; init; }

    public string? SourceApplicationName { get; init; }

    public string? SourceType { get; init; }

    public string? Name => null;

    public IntegrationAssociation WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>A use case of an integration association (CreateUseCase); tagged by its ARN.</summary>
public sealed record UseCase : InstanceResource, IResource<UseCase>, ITaggable<UseCase>
{
    public static string Kind => "use-case";

    public required string IntegrationAssociationId { get; init; }

    public required string UseCaseType { get; init; }

    public string? Name => null;

    public UseCase WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
