using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Integrations and instance settings (docs/integrations.md), specified in-process.</summary>
public sealed class IntegrationSpecs : IDisposable
{
    private const string Lambda = "arn:aws:lambda:us-east-1:123456789012:function:greeter";
    private const string Alias = "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/TSTALIASID";
    private const string AppIntegration = "arn:aws:app-integrations:us-east-1:123456789012:event-integration/Orders";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public IntegrationSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "integration-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_Lambda_function_is_associated_once_listed_and_disassociated()
    {
        _client.Invoke(new AssociateLambdaFunctionRequest { InstanceId = _instanceId, FunctionArn = Lambda });

        _client.Fails(new AssociateLambdaFunctionRequest { InstanceId = _instanceId, FunctionArn = Lambda }, "ResourceConflictException");
        Assert.Equal([Lambda], Lambdas());
        _client.Invoke(new DisassociateLambdaFunctionRequest { InstanceId = _instanceId, FunctionArn = Lambda });
        Assert.Empty(Lambdas());
        _client.Fails(new DisassociateLambdaFunctionRequest { InstanceId = _instanceId, FunctionArn = Lambda }, "ResourceNotFoundException");
    }

    [Fact]
    public void Lambda_functions_page_to_the_end_without_looping()
    {
        var arns = Enumerable.Range(0, 30).Select(i => $"{Lambda}-{i:D2}").ToList();
        foreach (var arn in arns)
        {
            _client.Invoke(new AssociateLambdaFunctionRequest { InstanceId = _instanceId, FunctionArn = arn });
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = _client.Invoke<ListLambdaFunctionsResponse>(new ListLambdaFunctionsRequest { InstanceId = _instanceId, MaxResults = 25, NextToken = token });
            seen.AddRange(page.LambdaFunctions!);
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(2, pages);
        Assert.Equal(arns.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public void An_unknown_instance_is_not_found_for_every_family()
    {
        const string missing = "00000000-0000-4000-8000-000000000000";
        _client.Fails(new AssociateLambdaFunctionRequest { InstanceId = missing, FunctionArn = Lambda }, "ResourceNotFoundException");
        _client.Fails(new ListApprovedOriginsRequest { InstanceId = missing }, "ResourceNotFoundException");
        _client.Fails(new ListBotsRequest { InstanceId = missing, LexVersion = "V2" }, "ResourceNotFoundException");
        _client.Fails(new ListSecurityKeysRequest { InstanceId = missing }, "ResourceNotFoundException");
        _client.Fails(new ListIntegrationAssociationsRequest { InstanceId = missing }, "ResourceNotFoundException");
        _client.Fails(new ListInstanceStorageConfigsRequest { InstanceId = missing, ResourceType = "CALL_RECORDINGS" }, "ResourceNotFoundException");
        _client.AsAccount("210987654321").Fails(new ListLambdaFunctionsRequest { InstanceId = _instanceId }, "ResourceNotFoundException");
    }

    [Fact]
    public void Approved_origins_conflict_when_repeated_and_are_not_found_when_absent()
    {
        _client.Invoke(new AssociateApprovedOriginRequest { InstanceId = _instanceId, Origin = "https://example.com" });

        _client.Fails(new AssociateApprovedOriginRequest { InstanceId = _instanceId, Origin = "https://example.com" }, "ResourceConflictException");
        Assert.Equal(["https://example.com"], _client.Invoke<ListApprovedOriginsResponse>(new ListApprovedOriginsRequest { InstanceId = _instanceId }).Origins);
        _client.Fails(new DisassociateApprovedOriginRequest { InstanceId = _instanceId, Origin = "https://other.example.com" }, "ResourceNotFoundException");
        _client.Invoke(new DisassociateApprovedOriginRequest { InstanceId = _instanceId, Origin = "https://example.com" });
        Assert.Empty(_client.Invoke<ListApprovedOriginsResponse>(new ListApprovedOriginsRequest { InstanceId = _instanceId }).Origins!);
    }

    [Fact]
    public void Lex_V1_and_V2_bots_are_listed_by_version()
    {
        _client.Invoke(new AssociateBotRequest { InstanceId = _instanceId, LexV2Bot = new LexV2Bot { AliasArn = Alias } });
        _client.Invoke(new AssociateLexBotRequest { InstanceId = _instanceId, LexBot = new LexBot { Name = "OrderFlowers", LexRegion = "us-east-1" } });

        var v2 = _client.Invoke<ListBotsResponse>(new ListBotsRequest { InstanceId = _instanceId, LexVersion = "V2" }).LexBots!;
        var v1 = _client.Invoke<ListBotsResponse>(new ListBotsRequest { InstanceId = _instanceId, LexVersion = "V1" }).LexBots!;
        var lexBots = _client.Invoke<ListLexBotsResponse>(new ListLexBotsRequest { InstanceId = _instanceId }).LexBots!;

        Assert.Equal(Alias, Assert.Single(v2).LexV2Bot!.AliasArn);
        Assert.Null(v2[0].LexBot);
        Assert.Equal(("OrderFlowers", "us-east-1"), (Assert.Single(v1).LexBot!.Name, v1[0].LexBot!.LexRegion));
        Assert.Equal("OrderFlowers", Assert.Single(lexBots).Name);
    }

    [Fact]
    public void A_bot_is_associated_once_and_must_be_associated_to_be_disassociated()
    {
        _client.Invoke(new AssociateBotRequest { InstanceId = _instanceId, LexBot = new LexBot { Name = "Pizza", LexRegion = "us-east-1" } });

        _client.Fails(new AssociateLexBotRequest { InstanceId = _instanceId, LexBot = new LexBot { Name = "Pizza", LexRegion = "us-east-1" } }, "ResourceConflictException");
        _client.Fails(new AssociateBotRequest { InstanceId = _instanceId }, "InvalidRequestException");
        _client.Fails(new DisassociateBotRequest { InstanceId = _instanceId, LexV2Bot = new LexV2Bot { AliasArn = Alias } }, "ResourceNotFoundException");
        _client.Invoke(new DisassociateLexBotRequest { InstanceId = _instanceId, BotName = "Pizza", LexRegion = "us-east-1" });
        _client.Fails(new DisassociateBotRequest { InstanceId = _instanceId, LexBot = new LexBot { Name = "Pizza", LexRegion = "us-east-1" } }, "ResourceNotFoundException");
    }

    [Fact]
    public void Security_keys_get_an_association_id_and_an_instance_holds_two()
    {
        var first = _client.Invoke<AssociateSecurityKeyResponse>(new AssociateSecurityKeyRequest { InstanceId = _instanceId, Key = Pem("one") }).AssociationId!;
        _client.Fails(new AssociateSecurityKeyRequest { InstanceId = _instanceId, Key = Pem("one") }, "ResourceConflictException");
        _client.Invoke<AssociateSecurityKeyResponse>(new AssociateSecurityKeyRequest { InstanceId = _instanceId, Key = Pem("two") });

        _client.Fails(new AssociateSecurityKeyRequest { InstanceId = _instanceId, Key = Pem("three") }, "ServiceQuotaExceededException");
        var keys = _client.Invoke<ListSecurityKeysResponse>(new ListSecurityKeysRequest { InstanceId = _instanceId }).SecurityKeys!;
        Assert.Equal(2, keys.Count);
        var listed = keys.Single(k => k.AssociationId == first);
        Assert.Equal((Pem("one"), ConnectClient.DefaultStart), (listed.Key, listed.CreationTime));
        _client.Invoke(new DisassociateSecurityKeyRequest { InstanceId = _instanceId, AssociationId = first });
        _client.Fails(new DisassociateSecurityKeyRequest { InstanceId = _instanceId, AssociationId = first }, "ResourceNotFoundException");
    }

    [Fact]
    public void An_integration_association_has_AWS_ARNs_and_filters()
    {
        var created = CreateAssociation("WISDOM_ASSISTANT", "arn:aws:wisdom:us-east-1:123456789012:assistant/a1");
        var events = _client.Invoke<CreateIntegrationAssociationResponse>(new CreateIntegrationAssociationRequest
        {
            InstanceId = _instanceId,
            IntegrationType = "EVENT",
            IntegrationArn = AppIntegration,
            SourceApplicationUrl = "https://example.com/app",
            SourceApplicationName = "Orders app",
            SourceType = "SALESFORCE",
        });

        Assert.Equal($"arn:aws:connect:{ConnectClient.DefaultRegion}:{_client.AccountId}:instance/{_instanceId}/integration-association/{created.IntegrationAssociationId}",
            created.IntegrationAssociationArn);
        var filtered = _client.Invoke<ListIntegrationAssociationsResponse>(new ListIntegrationAssociationsRequest { InstanceId = _instanceId, IntegrationType = "EVENT" })
            .IntegrationAssociationSummaryList!;
        var summary = Assert.Single(filtered);
        Assert.Equal((events.IntegrationAssociationId, _instanceId, AppIntegration, "Orders app", "SALESFORCE"),
            (summary.IntegrationAssociationId, summary.InstanceId, summary.IntegrationArn, summary.SourceApplicationName, summary.SourceType));
        var byArn = _client.Invoke<ListIntegrationAssociationsResponse>(new ListIntegrationAssociationsRequest { InstanceId = _instanceId, IntegrationArn = AppIntegration });
        Assert.Equal(events.IntegrationAssociationId, Assert.Single(byArn.IntegrationAssociationSummaryList!).IntegrationAssociationId);
        Assert.Equal(2, _client.Invoke<ListIntegrationAssociationsResponse>(new ListIntegrationAssociationsRequest { InstanceId = _instanceId }).IntegrationAssociationSummaryList!.Count);
    }

    [Fact]
    public void An_integration_is_associated_once_and_EVENT_needs_its_source()
    {
        CreateAssociation("VOICE_ID", "arn:aws:voiceid:us-east-1:123456789012:domain/d1");

        _client.Fails(new CreateIntegrationAssociationRequest
        {
            InstanceId = _instanceId, IntegrationType = "VOICE_ID", IntegrationArn = "arn:aws:voiceid:us-east-1:123456789012:domain/d1",
        }, "DuplicateResourceException");
        _client.Fails(new CreateIntegrationAssociationRequest { InstanceId = _instanceId, IntegrationType = "EVENT", IntegrationArn = AppIntegration }, "InvalidRequestException");
    }

    [Fact]
    public void Use_cases_live_under_their_association_once_per_type()
    {
        var association = CreateAssociation("EVENT", AppIntegration, source: true);
        var id = association.IntegrationAssociationId!;

        var useCase = _client.Invoke<CreateUseCaseResponse>(new CreateUseCaseRequest { InstanceId = _instanceId, IntegrationAssociationId = id, UseCaseType = "RULES_EVALUATION" });

        Assert.Equal($"arn:aws:connect:{ConnectClient.DefaultRegion}:{_client.AccountId}:instance/{_instanceId}/use-case/{useCase.UseCaseId}", useCase.UseCaseArn);
        _client.Fails(new CreateUseCaseRequest { InstanceId = _instanceId, IntegrationAssociationId = id, UseCaseType = "RULES_EVALUATION" }, "DuplicateResourceException");
        var listed = _client.Invoke<ListUseCasesResponse>(new ListUseCasesRequest { InstanceId = _instanceId, IntegrationAssociationId = id }).UseCaseSummaryList!;
        Assert.Equal((useCase.UseCaseId, "RULES_EVALUATION"), (Assert.Single(listed).UseCaseId, listed[0].UseCaseType));
        _client.Fails(new DeleteIntegrationAssociationRequest { InstanceId = _instanceId, IntegrationAssociationId = id }, "InvalidRequestException");
        _client.Invoke(new DeleteUseCaseRequest { InstanceId = _instanceId, IntegrationAssociationId = id, UseCaseId = useCase.UseCaseId });
        _client.Fails(new DeleteUseCaseRequest { InstanceId = _instanceId, IntegrationAssociationId = id, UseCaseId = useCase.UseCaseId }, "ResourceNotFoundException");
        _client.Invoke(new DeleteIntegrationAssociationRequest { InstanceId = _instanceId, IntegrationAssociationId = id });
        _client.Fails(new DeleteIntegrationAssociationRequest { InstanceId = _instanceId, IntegrationAssociationId = id }, "ResourceNotFoundException");
        _client.Fails(new ListUseCasesRequest { InstanceId = _instanceId, IntegrationAssociationId = id }, "ResourceNotFoundException");
    }

    [Fact]
    public void Integration_associations_and_use_cases_are_tagged_by_ARN()
    {
        var association = _client.Invoke<CreateIntegrationAssociationResponse>(new CreateIntegrationAssociationRequest
        {
            InstanceId = _instanceId, IntegrationType = "WISDOM_KNOWLEDGE_BASE", IntegrationArn = "arn:aws:wisdom:us-east-1:123456789012:knowledge-base/k1",
            Tags = new() { ["team"] = "support" },
        });

        _client.Invoke(new TagResourceRequest { ResourceArn = association.IntegrationAssociationArn, Tags = new() { ["env"] = "test" } });

        var tags = _client.Invoke<ListTagsForResourceResponse>(new ListTagsForResourceRequest { ResourceArn = association.IntegrationAssociationArn }).Tags!;
        Assert.Equal(["env", "team"], tags.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_storage_config_is_one_per_resource_type_and_read_back_by_association_id()
    {
        var s3 = new InstanceStorageConfig { StorageType = "S3", S3Config = new S3Config { BucketName = "recordings", BucketPrefix = "calls" } };
        var id = _client.Invoke<AssociateInstanceStorageConfigResponse>(new AssociateInstanceStorageConfigRequest
        {
            InstanceId = _instanceId, ResourceType = "CALL_RECORDINGS", StorageConfig = s3,
        }).AssociationId!;

        _client.Fails(new AssociateInstanceStorageConfigRequest { InstanceId = _instanceId, ResourceType = "CALL_RECORDINGS", StorageConfig = s3 }, "ResourceConflictException");
        var described = Storage(id, "CALL_RECORDINGS");
        Assert.Equal((id, "S3", "recordings", "calls"), (described.AssociationId, described.StorageType, described.S3Config!.BucketName, described.S3Config.BucketPrefix));
        _client.Fails(new DescribeInstanceStorageConfigRequest { InstanceId = _instanceId, AssociationId = id, ResourceType = "CHAT_TRANSCRIPTS" }, "ResourceNotFoundException");

        _client.Invoke(new UpdateInstanceStorageConfigRequest
        {
            InstanceId = _instanceId, AssociationId = id, ResourceType = "CALL_RECORDINGS",
            StorageConfig = new InstanceStorageConfig { StorageType = "S3", S3Config = new S3Config { BucketName = "recordings-2", BucketPrefix = "calls" } },
        });
        Assert.Equal("recordings-2", Storage(id, "CALL_RECORDINGS").S3Config!.BucketName);
        var listed = _client.Invoke<ListInstanceStorageConfigsResponse>(new ListInstanceStorageConfigsRequest { InstanceId = _instanceId, ResourceType = "CALL_RECORDINGS" });
        Assert.Equal(id, Assert.Single(listed.StorageConfigs!).AssociationId);
        Assert.Empty(_client.Invoke<ListInstanceStorageConfigsResponse>(new ListInstanceStorageConfigsRequest { InstanceId = _instanceId, ResourceType = "CHAT_TRANSCRIPTS" }).StorageConfigs!);

        _client.Invoke(new DisassociateInstanceStorageConfigRequest { InstanceId = _instanceId, AssociationId = id, ResourceType = "CALL_RECORDINGS" });
        _client.Fails(new DescribeInstanceStorageConfigRequest { InstanceId = _instanceId, AssociationId = id, ResourceType = "CALL_RECORDINGS" }, "ResourceNotFoundException");
        _client.Fails(new DisassociateInstanceStorageConfigRequest { InstanceId = _instanceId, AssociationId = id, ResourceType = "CALL_RECORDINGS" }, "ResourceNotFoundException");
    }

    [Fact]
    public void A_Kinesis_video_stream_prefix_comes_back_with_the_suffix_AWS_appends_once()
    {
        var kvs = new InstanceStorageConfig
        {
            StorageType = "KINESIS_VIDEO_STREAM",
            KinesisVideoStreamConfig = new KinesisVideoStreamConfig
            {
                Prefix = "media", RetentionPeriodHours = 24, EncryptionConfig = new EncryptionConfig { EncryptionType = "KMS", KeyId = "arn:aws:kms:us-east-1:123456789012:key/k" },
            },
        };
        var id = _client.Invoke<AssociateInstanceStorageConfigResponse>(new AssociateInstanceStorageConfigRequest
        {
            InstanceId = _instanceId, ResourceType = "MEDIA_STREAMS", StorageConfig = kvs,
        }).AssociationId!;

        var read = Storage(id, "MEDIA_STREAMS");
        Assert.Equal("media-connect-integration-specs-contact-", read.KinesisVideoStreamConfig!.Prefix);
        Assert.Equal((24, "KMS"), (read.KinesisVideoStreamConfig.RetentionPeriodHours, read.KinesisVideoStreamConfig.EncryptionConfig!.EncryptionType));

        _client.Invoke(new UpdateInstanceStorageConfigRequest { InstanceId = _instanceId, AssociationId = id, ResourceType = "MEDIA_STREAMS", StorageConfig = read });
        Assert.Equal("media-connect-integration-specs-contact-", Storage(id, "MEDIA_STREAMS").KinesisVideoStreamConfig!.Prefix);
    }

    [Fact]
    public void A_storage_config_carries_the_configuration_its_storage_type_names()
    {
        _client.Fails(new AssociateInstanceStorageConfigRequest
        {
            InstanceId = _instanceId, ResourceType = "CONTACT_TRACE_RECORDS",
            StorageConfig = new InstanceStorageConfig { StorageType = "KINESIS_STREAM", KinesisFirehoseConfig = new KinesisFirehoseConfig { FirehoseArn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/d" } },
        }, "InvalidParameterException");
        _client.Invoke<AssociateInstanceStorageConfigResponse>(new AssociateInstanceStorageConfigRequest
        {
            InstanceId = _instanceId, ResourceType = "CONTACT_TRACE_RECORDS",
            StorageConfig = new InstanceStorageConfig { StorageType = "KINESIS_STREAM", KinesisStreamConfig = new KinesisStreamConfig { StreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/ctr" } },
        });
    }

    private List<string> Lambdas() =>
        _client.Invoke<ListLambdaFunctionsResponse>(new ListLambdaFunctionsRequest { InstanceId = _instanceId }).LambdaFunctions!;

    private InstanceStorageConfig Storage(string id, string resourceType) =>
        _client.Invoke<DescribeInstanceStorageConfigResponse>(new DescribeInstanceStorageConfigRequest { InstanceId = _instanceId, AssociationId = id, ResourceType = resourceType }).StorageConfig!;

    private CreateIntegrationAssociationResponse CreateAssociation(string type, string arn, bool source = false) =>
        _client.Invoke<CreateIntegrationAssociationResponse>(new CreateIntegrationAssociationRequest
        {
            InstanceId = _instanceId,
            IntegrationType = type,
            IntegrationArn = arn,
            SourceApplicationUrl = source ? "https://example.com/app" : null,
            SourceApplicationName = source ? "App" : null,
            SourceType = source ? "CASES" : null,
        });

    private static string Pem(string body) => $"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----";
}
