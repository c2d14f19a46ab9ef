using ConnectLocal.Core.Integrations;
using ConnectLocal.Model.Shapes;
using UseCaseShape = ConnectLocal.Model.Shapes.UseCase;

namespace ConnectLocal.Server.Handlers;

// Integrations and instance settings (docs/integrations.md): Lambda functions, Lex bots, approved origins, security
// keys, instance storage configs, integration associations and use cases. Records of associations only.
public sealed partial class ConnectApi
{
    private IntegrationService Integrations => new(Store);

    public override ValueTask AssociateLambdaFunction(OperationContext context, AssociateLambdaFunctionRequest request)
    {
        Integrations.AssociateLambdaFunction(CallerOf(context), request.InstanceId!, request.FunctionArn!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateLambdaFunction(OperationContext context, DisassociateLambdaFunctionRequest request)
    {
        Integrations.DisassociateLambdaFunction(CallerOf(context), request.InstanceId!, request.FunctionArn!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListLambdaFunctionsResponse> ListLambdaFunctions(OperationContext context, ListLambdaFunctionsRequest request)
    {
        var page = Integrations.ListLambdaFunctions(CallerOf(context), request.InstanceId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListLambdaFunctionsResponse { LambdaFunctions = [.. page.Items], NextToken = page.NextToken });
    }

    public override ValueTask AssociateApprovedOrigin(OperationContext context, AssociateApprovedOriginRequest request)
    {
        Integrations.AssociateApprovedOrigin(CallerOf(context), request.InstanceId!, request.Origin!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateApprovedOrigin(OperationContext context, DisassociateApprovedOriginRequest request)
    {
        Integrations.DisassociateApprovedOrigin(CallerOf(context), request.InstanceId!, request.Origin!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListApprovedOriginsResponse> ListApprovedOrigins(OperationContext context, ListApprovedOriginsRequest request)
    {
        var page = Integrations.ListApprovedOrigins(CallerOf(context), request.InstanceId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListApprovedOriginsResponse { Origins = [.. page.Items], NextToken = page.NextToken });
    }

    public override ValueTask AssociateBot(OperationContext context, AssociateBotRequest request)
    {
        Integrations.AssociateBot(CallerOf(context), request.InstanceId!, request.LexBot?.Name, request.LexBot?.LexRegion, request.LexV2Bot?.AliasArn);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateBot(OperationContext context, DisassociateBotRequest request)
    {
        Integrations.DisassociateBot(CallerOf(context), request.InstanceId!, request.LexBot?.Name, request.LexBot?.LexRegion, request.LexV2Bot?.AliasArn);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListBotsResponse> ListBots(OperationContext context, ListBotsRequest request)
    {
        var page = Integrations.ListBots(CallerOf(context), request.InstanceId!, request.LexVersion!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListBotsResponse
        {
            LexBots = page.Items.Select(b => b.IsV2
                ? new LexBotConfig { LexV2Bot = new LexV2Bot { AliasArn = b.AliasArn } }
                : new LexBotConfig { LexBot = new LexBot { Name = b.BotName, LexRegion = b.LexRegion } }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask AssociateLexBot(OperationContext context, AssociateLexBotRequest request)
    {
        // The model requires LexBot; its members are checked as AssociateBot checks them.
        Integrations.AssociateBot(CallerOf(context), request.InstanceId!, request.LexBot!.Name ?? string.Empty, request.LexBot.LexRegion ?? string.Empty, null);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateLexBot(OperationContext context, DisassociateLexBotRequest request)
    {
        Integrations.DisassociateBot(CallerOf(context), request.InstanceId!, request.BotName!, request.LexRegion!, null);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListLexBotsResponse> ListLexBots(OperationContext context, ListLexBotsRequest request)
    {
        var page = Integrations.ListBots(CallerOf(context), request.InstanceId!, IntegrationService.V1, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListLexBotsResponse
        {
            LexBots = page.Items.Select(b => new LexBot { Name = b.BotName, LexRegion = b.LexRegion }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<AssociateSecurityKeyResponse> AssociateSecurityKey(OperationContext context, AssociateSecurityKeyRequest request) =>
        ValueTask.FromResult(new AssociateSecurityKeyResponse
        {
            AssociationId = Integrations.AssociateSecurityKey(CallerOf(context), request.InstanceId!, request.Key!),
        });

    public override ValueTask DisassociateSecurityKey(OperationContext context, DisassociateSecurityKeyRequest request)
    {
        Integrations.DisassociateSecurityKey(CallerOf(context), request.InstanceId!, request.AssociationId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListSecurityKeysResponse> ListSecurityKeys(OperationContext context, ListSecurityKeysRequest request)
    {
        var page = Integrations.ListSecurityKeys(CallerOf(context), request.InstanceId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListSecurityKeysResponse
        {
            SecurityKeys = page.Items.Select(k => new SecurityKey { AssociationId = k.Id, Key = k.Key, CreationTime = k.CreationTime }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<AssociateInstanceStorageConfigResponse> AssociateInstanceStorageConfig(OperationContext context, AssociateInstanceStorageConfigRequest request) =>
        ValueTask.FromResult(new AssociateInstanceStorageConfigResponse
        {
            AssociationId = Integrations.AssociateStorageConfig(CallerOf(context), request.InstanceId!, request.ResourceType!, StorageIn(request.StorageConfig!)),
        });

    public override ValueTask<DescribeInstanceStorageConfigResponse> DescribeInstanceStorageConfig(OperationContext context, DescribeInstanceStorageConfigRequest request) =>
        ValueTask.FromResult(new DescribeInstanceStorageConfigResponse
        {
            StorageConfig = StorageOut(Integrations.DescribeStorageConfig(CallerOf(context), request.InstanceId!, request.AssociationId!, request.ResourceType!)),
        });

    public override ValueTask UpdateInstanceStorageConfig(OperationContext context, UpdateInstanceStorageConfigRequest request)
    {
        Integrations.UpdateStorageConfig(CallerOf(context), request.InstanceId!, request.AssociationId!, request.ResourceType!, StorageIn(request.StorageConfig!));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateInstanceStorageConfig(OperationContext context, DisassociateInstanceStorageConfigRequest request)
    {
        Integrations.DisassociateStorageConfig(CallerOf(context), request.InstanceId!, request.AssociationId!, request.ResourceType!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListInstanceStorageConfigsResponse> ListInstanceStorageConfigs(OperationContext context, ListInstanceStorageConfigsRequest request)
    {
        var page = Integrations.ListStorageConfigs(CallerOf(context), request.InstanceId!, request.ResourceType!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListInstanceStorageConfigsResponse { StorageConfigs = page.Items.Select(StorageOut).ToList(), NextToken = page.NextToken });
    }

    public override ValueTask<CreateIntegrationAssociationResponse> CreateIntegrationAssociation(OperationContext context, CreateIntegrationAssociationRequest request)
    {
        var association = Integrations.CreateIntegrationAssociation(CallerOf(context), request.InstanceId!, new IntegrationAssociation
        {
            IntegrationType = request.IntegrationType!,
            IntegrationArn = request.IntegrationArn!,
            SourceApplicationUrl = request.SourceApplicationUrl,
            SourceApplicationName = request.SourceApplicationName,
            SourceType = request.SourceType,
            Tags = TagsIn(request.Tags),
        });
        return ValueTask.FromResult(new CreateIntegrationAssociationResponse { IntegrationAssociationId = association.Id, IntegrationAssociationArn = association.Arn });
    }

    public override ValueTask DeleteIntegrationAssociation(OperationContext context, DeleteIntegrationAssociationRequest request)
    {
        Integrations.DeleteIntegrationAssociation(CallerOf(context), request.InstanceId!, request.IntegrationAssociationId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListIntegrationAssociationsResponse> ListIntegrationAssociations(OperationContext context, ListIntegrationAssociationsRequest request)
    {
        var page = Integrations.ListIntegrationAssociations(CallerOf(context), request.InstanceId!, request.IntegrationType, request.IntegrationArn,
            request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListIntegrationAssociationsResponse
        {
            IntegrationAssociationSummaryList = page.Items.Select(a => new IntegrationAssociationSummary
            {
                IntegrationAssociationId = a.Id,
                IntegrationAssociationArn = a.Arn,
                InstanceId = a.InstanceId,
                IntegrationType = a.IntegrationType,
                IntegrationArn = a.IntegrationArn,
                SourceApplicationUrl = a.SourceApplicationUrl,
                SourceApplicationName = a.SourceApplicationName,
                SourceType = a.SourceType,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<CreateUseCaseResponse> CreateUseCase(OperationContext context, CreateUseCaseRequest request)
    {
        var useCase = Integrations.CreateUseCase(CallerOf(context), request.InstanceId!, request.IntegrationAssociationId!, request.UseCaseType!, TagsIn(request.Tags));
        return ValueTask.FromResult(new CreateUseCaseResponse { UseCaseId = useCase.Id, UseCaseArn = useCase.Arn });
    }

    public override ValueTask DeleteUseCase(OperationContext context, DeleteUseCaseRequest request)
    {
        Integrations.DeleteUseCase(CallerOf(context), request.InstanceId!, request.IntegrationAssociationId!, request.UseCaseId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListUseCasesResponse> ListUseCases(OperationContext context, ListUseCasesRequest request)
    {
        var page = Integrations.ListUseCases(CallerOf(context), request.InstanceId!, request.IntegrationAssociationId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListUseCasesResponse
        {
            UseCaseSummaryList = page.Items.Select(u => new UseCaseShape { UseCaseId = u.Id, UseCaseArn = u.Arn, UseCaseType = u.UseCaseType }).ToList(),
            NextToken = page.NextToken,
        });
    }

    private static StorageSettings StorageIn(InstanceStorageConfig config) => new()
    {
        StorageType = config.StorageType!,
        BucketName = config.S3Config?.BucketName,
        BucketPrefix = config.S3Config?.BucketPrefix,
        VideoPrefix = config.KinesisVideoStreamConfig?.Prefix,
        RetentionPeriodHours = config.KinesisVideoStreamConfig?.RetentionPeriodHours,
        Encryption = (config.S3Config?.EncryptionConfig ?? config.KinesisVideoStreamConfig?.EncryptionConfig) is { } e
            ? new StorageEncryption(e.EncryptionType!, e.KeyId!)
            : null,
        StreamArn = config.KinesisStreamConfig?.StreamArn,
        FirehoseArn = config.KinesisFirehoseConfig?.FirehoseArn,
    };

    private static InstanceStorageConfig StorageOut(StorageConfigAssociation association)
    {
        var s = association.Storage;
        var encryption = s.Encryption is { } e ? new EncryptionConfig { EncryptionType = e.EncryptionType, KeyId = e.KeyId } : null;
        return new InstanceStorageConfig
        {
            AssociationId = association.Id,
            StorageType = s.StorageType,
            S3Config = s.BucketName is null ? null : new S3Config { BucketName = s.BucketName, BucketPrefix = s.BucketPrefix, EncryptionConfig = encryption },
            KinesisVideoStreamConfig = s.VideoPrefix is null ? null : new KinesisVideoStreamConfig
            {
                Prefix = s.VideoPrefix, RetentionPeriodHours = s.RetentionPeriodHours, EncryptionConfig = encryption,
            },
            KinesisStreamConfig = s.StreamArn is null ? null : new KinesisStreamConfig { StreamArn = s.StreamArn },
            KinesisFirehoseConfig = s.FirehoseArn is null ? null : new KinesisFirehoseConfig { FirehoseArn = s.FirehoseArn },
        };
    }
}
