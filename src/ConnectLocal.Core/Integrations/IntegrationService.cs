using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Integrations;

/// <summary>
/// Integrations and instance settings (docs/integrations.md): Lambda functions, Lex bots (V1 and V2), approved
/// origins, security keys, instance storage configs, integration associations and their use cases. All of them
/// are records of associations kept with the instance; nothing calls Lambda, Lex, S3 or Kinesis.
/// LIMITATIONS: client tokens are not replayed (a repeated associate answers as a duplicate does).
/// </summary>
public sealed class IntegrationService(IConnectStore store)
{
    /// <summary>[choice] Lambda functions per instance: the Admin Guide's quota (50).</summary>
    public const int LambdaFunctionsPerInstance = 50;

    /// <summary>[choice] Lex bots (V1 and V2 counted apart) per instance: the Admin Guide's quota (50 V1, 100 V2 aliases).</summary>
    public const int LexV1BotsPerInstance = 50;

    public const int LexV2BotsPerInstance = 100;

    /// <summary>[choice] Approved origins per instance: AWS documents no quota; 100 here.</summary>
    public const int ApprovedOriginsPerInstance = 100;

    /// <summary>AWS::Connect::SecurityKey: only two security keys are allowed per instance.</summary>
    public const int SecurityKeysPerInstance = 2;

    public const string V1 = "V1";
    public const string V2 = "V2";

    private static ResourceScope ScopeOf(Caller caller, Instance instance) => new(caller.AccountId, caller.Region, instance.Id);

    // ---- Lambda functions -------------------------------------------------------------------------------------

    public void AssociateLambdaFunction(Caller caller, string instanceIdOrArn, string functionArn) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        if (session.Get<LambdaFunctionAssociation>(scope, functionArn) is not null)
        {
            throw Errors.Conflict(ErrorTexts.LambdaFunctionAlreadyAssociated(functionArn));
        }

        if (session.Count<LambdaFunctionAssociation>(scope) >= LambdaFunctionsPerInstance)
        {
            throw Errors.Quota(ErrorTexts.IntegrationQuota(LambdaFunctionsPerInstance, "Lambda functions"));
        }

        session.Put(scope, new LambdaFunctionAssociation { Id = functionArn });
        return true;
    });

    public void DisassociateLambdaFunction(Caller caller, string instanceIdOrArn, string functionArn) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        _ = session.Get<LambdaFunctionAssociation>(scope, functionArn) ?? throw Errors.NotFound("Lambda function");
        session.Delete<LambdaFunctionAssociation>(scope, functionArn);
        return true;
    });

    public Page<string> ListLambdaFunctions(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var page = Paging.Read<LambdaFunctionAssociation>(session, scope, "lambda-functions", nextToken, pageSize);
        return new Page<string>(page.Items.Select(f => f.Id).ToList(), page.NextToken);
    });

    // ---- Approved origins -------------------------------------------------------------------------------------

    public void AssociateApprovedOrigin(Caller caller, string instanceIdOrArn, string origin) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        if (session.Get<ApprovedOrigin>(scope, origin) is not null)
        {
            throw Errors.Conflict(ErrorTexts.ApprovedOriginAlreadyAssociated(origin));
        }

        if (session.Count<ApprovedOrigin>(scope) >= ApprovedOriginsPerInstance)
        {
            throw Errors.Quota(ErrorTexts.IntegrationQuota(ApprovedOriginsPerInstance, "approved origins"));
        }

        session.Put(scope, new ApprovedOrigin { Id = origin });
        return true;
    });

    public void DisassociateApprovedOrigin(Caller caller, string instanceIdOrArn, string origin) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        _ = session.Get<ApprovedOrigin>(scope, origin) ?? throw Errors.NotFound("Approved origin");
        session.Delete<ApprovedOrigin>(scope, origin);
        return true;
    });

    public Page<string> ListApprovedOrigins(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var page = Paging.Read<ApprovedOrigin>(session, scope, "approved-origins", nextToken, pageSize);
        return new Page<string>(page.Items.Select(o => o.Id).ToList(), page.NextToken);
    });

    // ---- Lex bots ---------------------------------------------------------------------------------------------

    /// <summary>The key a bot is filed under: its version, then its Region and name (V1) or its alias ARN (V2).</summary>
    public static string BotKey(string? botName, string? lexRegion, string? aliasArn) =>
        aliasArn is not null ? $"V2|{aliasArn}" : $"V1|{lexRegion}|{botName}";

    /// <summary>
    /// AssociateBot and AssociateLexBot: exactly one of a V1 bot (name and Region) or a V2 alias ARN.
    /// [choice] Neither or both: InvalidRequestException.
    /// </summary>
    public void AssociateBot(Caller caller, string instanceIdOrArn, string? botName, string? lexRegion, string? aliasArn) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var bot = BotOf(botName, lexRegion, aliasArn);
        if (session.Get<BotAssociation>(scope, bot.Id) is not null)
        {
            throw Errors.Conflict(ErrorTexts.BotAlreadyAssociated);
        }

        var sameVersion = session.All<BotAssociation>(scope).Count(b => b.IsV2 == bot.IsV2);
        var quota = bot.IsV2 ? LexV2BotsPerInstance : LexV1BotsPerInstance;
        if (sameVersion >= quota)
        {
            throw Errors.Quota(ErrorTexts.IntegrationQuota(quota, bot.IsV2 ? "Amazon Lex V2 bots" : "Amazon Lex bots"));
        }

        session.Put(scope, bot);
        return true;
    });

    public void DisassociateBot(Caller caller, string instanceIdOrArn, string? botName, string? lexRegion, string? aliasArn) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var bot = BotOf(botName, lexRegion, aliasArn);
        _ = session.Get<BotAssociation>(scope, bot.Id) ?? throw Errors.NotFound("Bot");
        session.Delete<BotAssociation>(scope, bot.Id);
        return true;
    });

    /// <summary>The bots of one Lex version (ListBots' LexVersion; ListLexBots lists V1).</summary>
    public Page<BotAssociation> ListBots(Caller caller, string instanceIdOrArn, string lexVersion, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var bots = session.All<BotAssociation>(scope).Where(b => b.IsV2 == (lexVersion == V2)).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
        return Paging.Slice(session, scope, Paging.Listing("bots", [lexVersion]), bots, b => b.Id, nextToken, pageSize);
    });

    private static BotAssociation BotOf(string? botName, string? lexRegion, string? aliasArn)
    {
        var v1 = botName is not null || lexRegion is not null;
        if (v1 == (aliasArn is not null))
        {
            throw Errors.InvalidRequest(ErrorTexts.BotVersionRequired);
        }

        if (v1 && (string.IsNullOrEmpty(botName) || string.IsNullOrEmpty(lexRegion)))
        {
            throw Errors.InvalidParameter(ErrorTexts.LexBotIncomplete);
        }

        return new BotAssociation { Id = BotKey(botName, lexRegion, aliasArn), BotName = v1 ? botName : null, LexRegion = v1 ? lexRegion : null, AliasArn = aliasArn };
    }

    // ---- Security keys ----------------------------------------------------------------------------------------

    public string AssociateSecurityKey(Caller caller, string instanceIdOrArn, string key) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var keys = session.All<SecurityKeyAssociation>(scope);
        if (keys.Any(k => k.Key == key))
        {
            throw Errors.Conflict(ErrorTexts.SecurityKeyAlreadyAssociated);
        }

        if (keys.Count >= SecurityKeysPerInstance)
        {
            throw Errors.Quota(ErrorTexts.IntegrationQuota(SecurityKeysPerInstance, "security keys"));
        }

        var association = new SecurityKeyAssociation { Id = DefaultResources.NewId(), Key = key, CreationTime = caller.Now };
        session.Put(scope, association);
        return association.Id;
    });

    public void DisassociateSecurityKey(Caller caller, string instanceIdOrArn, string associationId) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        _ = session.Get<SecurityKeyAssociation>(scope, associationId) ?? throw Errors.NotFound("Security key");
        session.Delete<SecurityKeyAssociation>(scope, associationId);
        return true;
    });

    public Page<SecurityKeyAssociation> ListSecurityKeys(Caller caller, string instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        return Paging.Read<SecurityKeyAssociation>(session, scope, "security-keys", nextToken, pageSize);
    });

    // ---- Instance storage configs -----------------------------------------------------------------------------

    /// <summary>
    /// [choice] One storage config per resource type (the API "associates a storage resource type for the first
    /// time"; a second association of the type is ResourceConflictException). The Kinesis Video Streams prefix is
    /// stored as AWS returns it (<see cref="VideoPrefix"/>).
    /// </summary>
    public string AssociateStorageConfig(Caller caller, string instanceIdOrArn, string resourceType, StorageSettings storage) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = ScopeOf(caller, instance);
        Check(storage);
        if (session.All<StorageConfigAssociation>(scope).Any(c => c.ResourceType == resourceType))
        {
            throw Errors.Conflict(ErrorTexts.StorageConfigExists(resourceType));
        }

        var association = new StorageConfigAssociation { Id = NewAssociationId(), ResourceType = resourceType, Storage = Formed(storage, instance) };
        session.Put(scope, association);
        return association.Id;
    });

    public StorageConfigAssociation DescribeStorageConfig(Caller caller, string instanceIdOrArn, string associationId, string resourceType) =>
        store.Read(session => RequireStorageConfig(session, ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn)), associationId, resourceType));

    /// <summary>[choice] The storage type may change on update; the new config replaces the old one whole.</summary>
    public void UpdateStorageConfig(Caller caller, string instanceIdOrArn, string associationId, string resourceType, StorageSettings storage) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = ScopeOf(caller, instance);
        var existing = RequireStorageConfig(session, scope, associationId, resourceType);
        Check(storage);
        session.Put(scope, existing with { Storage = Formed(storage, instance) });
        return true;
    });

    public void DisassociateStorageConfig(Caller caller, string instanceIdOrArn, string associationId, string resourceType) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        RequireStorageConfig(session, scope, associationId, resourceType);
        session.Delete<StorageConfigAssociation>(scope, associationId);
        return true;
    });

    public Page<StorageConfigAssociation> ListStorageConfigs(Caller caller, string instanceIdOrArn, string resourceType, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var configs = session.All<StorageConfigAssociation>(scope).Where(c => c.ResourceType == resourceType).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        return Paging.Slice(session, scope, Paging.Listing("storage-configs", [resourceType]), configs, c => c.Id, nextToken, pageSize);
    });

    /// <summary>
    /// The prefix AWS answers for a Kinesis Video Streams config: the prefix sent, then "-connect-{alias}-contact-"
    /// (Terraform's aws_connect_instance_storage_config documents and diff-suppresses exactly this). [choice] An
    /// instance without an alias uses its id; a prefix that already ends with the suffix is kept as sent, so an
    /// update with the value read back does not grow it.
    /// </summary>
    public static string VideoPrefix(string prefix, Instance instance)
    {
        var suffix = $"-connect-{instance.InstanceAlias ?? instance.Id}-contact-";
        return prefix.EndsWith(suffix, StringComparison.Ordinal) ? prefix : prefix + suffix;
    }

    private static StorageSettings Formed(StorageSettings storage, Instance instance) =>
        storage.StorageType == StorageSettings.KinesisVideoStream ? storage with { VideoPrefix = VideoPrefix(storage.VideoPrefix!, instance) } : storage;

    /// <summary>The config for the storage type must be present. [choice] A config for another storage type is refused too.</summary>
    private static void Check(StorageSettings storage)
    {
        var present = new (string Type, bool Set)[]
        {
            (StorageSettings.S3, storage.BucketName is not null),
            (StorageSettings.KinesisVideoStream, storage.VideoPrefix is not null),
            (StorageSettings.KinesisStream, storage.StreamArn is not null),
            (StorageSettings.KinesisFirehose, storage.FirehoseArn is not null),
        };
        if (!present.Any(p => p.Type == storage.StorageType && p.Set))
        {
            throw Errors.InvalidParameter(ErrorTexts.StorageConfigMissing(storage.StorageType));
        }

        if (present.Any(p => p.Type != storage.StorageType && p.Set))
        {
            throw Errors.InvalidParameter(ErrorTexts.StorageConfigExtra(storage.StorageType));
        }
    }

    private static StorageConfigAssociation RequireStorageConfig(IStoreSession session, ResourceScope scope, string associationId, string resourceType)
    {
        var config = session.Get<StorageConfigAssociation>(scope, associationId);
        return config is not null && config.ResourceType == resourceType ? config : throw Errors.NotFound("Storage config");
    }

    /// <summary>[choice] Storage-config association ids: 64 hex characters (AWS's are opaque hex strings of this length).</summary>
    private static string NewAssociationId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    // ---- Integration associations and use cases ---------------------------------------------------------------

    public const string IntegrationAssociationSegment = "integration-association";
    public const string UseCaseSegment = "use-case";

    /// <summary>
    /// [choice] An integration ARN is associated at most once per instance (a second is DuplicateResourceException);
    /// EVENT integrations need SourceApplicationUrl, SourceApplicationName and SourceType (the model says they are
    /// required for that type), other types refuse them; both as InvalidRequestException.
    /// </summary>
    public IntegrationAssociation CreateIntegrationAssociation(Caller caller, string instanceIdOrArn, IntegrationAssociation input) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = ScopeOf(caller, instance);
        var isEvent = input.IntegrationType == "EVENT";
        var sources = new[] { input.SourceApplicationUrl, input.SourceApplicationName, input.SourceType };
        if (isEvent && sources.Any(s => s is null))
        {
            throw Errors.InvalidRequest(ErrorTexts.EventSourceRequired);
        }

        if (!isEvent && sources.Any(s => s is not null))
        {
            throw Errors.InvalidRequest(ErrorTexts.SourceOnlyForEvent);
        }

        if (session.All<IntegrationAssociation>(scope).Any(a => a.IntegrationArn == input.IntegrationArn))
        {
            throw new DomainException(DomainErrorKind.Duplicate, ErrorTexts.IntegrationAlreadyAssociated(input.IntegrationArn));
        }

        var id = DefaultResources.NewId();
        var association = input with
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = Arns.InInstance(caller.Region, caller.AccountId, instance.Id, IntegrationAssociationSegment, id),
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        };
        session.Put(scope, association);
        return association;
    });

    /// <summary>The association must have no use cases left (the model's documentation of DeleteIntegrationAssociation).</summary>
    public void DeleteIntegrationAssociation(Caller caller, string instanceIdOrArn, string associationId) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var association = RequireAssociation(session, scope, associationId);
        if (session.All<UseCase>(scope).Any(u => u.IntegrationAssociationId == association.Id))
        {
            throw Errors.InvalidRequest(ErrorTexts.IntegrationAssociationHasUseCases);
        }

        session.Delete<IntegrationAssociation>(scope, association.Id);
        return true;
    });

    public Page<IntegrationAssociation> ListIntegrationAssociations(Caller caller, string instanceIdOrArn, string? integrationType, string? integrationArn, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
            var all = session.All<IntegrationAssociation>(scope)
                .Where(a => (integrationType is null || a.IntegrationType == integrationType) && (integrationArn is null || a.IntegrationArn == integrationArn))
                .OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            return Paging.Slice(session, scope, Paging.Listing("integration-associations", [integrationType, integrationArn]), all, a => a.Id, nextToken, pageSize);
        });

    /// <summary>Each association has at most one use case of each type (the model's documentation of UseCaseType).</summary>
    public UseCase CreateUseCase(Caller caller, string instanceIdOrArn, string associationId, string useCaseType, IReadOnlyDictionary<string, string> tags) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = ScopeOf(caller, instance);
        var association = RequireAssociation(session, scope, associationId);
        if (session.All<UseCase>(scope).Any(u => u.IntegrationAssociationId == association.Id && u.UseCaseType == useCaseType))
        {
            throw new DomainException(DomainErrorKind.Duplicate, ErrorTexts.UseCaseExists(useCaseType));
        }

        var id = DefaultResources.NewId();
        var useCase = new UseCase
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = Arns.InInstance(caller.Region, caller.AccountId, instance.Id, UseCaseSegment, id),
            IntegrationAssociationId = association.Id,
            UseCaseType = useCaseType,
            Tags = tags,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        };
        session.Put(scope, useCase);
        return useCase;
    });

    public void DeleteUseCase(Caller caller, string instanceIdOrArn, string associationId, string useCaseId) => store.Write(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var association = RequireAssociation(session, scope, associationId);
        var useCase = session.Get<UseCase>(scope, useCaseId);
        if (useCase is null || useCase.IntegrationAssociationId != association.Id)
        {
            throw Errors.NotFound("Use case");
        }

        session.Delete<UseCase>(scope, useCase.Id);
        return true;
    });

    public Page<UseCase> ListUseCases(Caller caller, string instanceIdOrArn, string associationId, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ScopeOf(caller, InstanceService.Require(session, caller, instanceIdOrArn));
        var association = RequireAssociation(session, scope, associationId);
        var all = session.All<UseCase>(scope).Where(u => u.IntegrationAssociationId == association.Id).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        return Paging.Slice(session, scope, Paging.Listing("use-cases", [association.Id]), all, u => u.Id, nextToken, pageSize);
    });

    private static IntegrationAssociation RequireAssociation(IStoreSession session, ResourceScope scope, string associationId) =>
        session.Get<IntegrationAssociation>(scope, associationId) ?? throw Errors.NotFound("Integration association");
}
