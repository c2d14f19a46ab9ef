namespace ConnectLocal.Core.Instances;

public sealed record CreateInstanceCommand(
    string IdentityManagementType,
    string? InstanceAlias,
    string? DirectoryId,
    bool InboundCallsEnabled,
    bool OutboundCallsEnabled,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken);

/// <summary>
/// Instances: creation with default resources in one transaction, lookup by id or ARN, deletion of everything
/// inside, and instance attributes.
/// LIMITATIONS: status goes to ACTIVE at once (no CREATION_IN_PROGRESS window yet); directories are not checked.
/// </summary>
public sealed class InstanceService(IConnectStore store, ConnectSettings settings)
{
    public const string Active = "ACTIVE";

    /// <summary>
    /// The attributes an instance reports, with their values before any UpdateInstanceAttribute. [choice] AWS
    /// documents no defaults: early media and best-voice resolution on, everything else off.
    /// </summary>
    public static readonly IReadOnlyList<(string Type, string Default)> AttributeDefaults =
    [
        ("INBOUND_CALLS", "true"), ("OUTBOUND_CALLS", "true"), ("CONTACTFLOW_LOGS", "false"), ("CONTACT_LENS", "false"),
        ("AUTO_RESOLVE_BEST_VOICES", "true"), ("USE_CUSTOM_TTS_VOICES", "false"), ("EARLY_MEDIA", "true"),
        ("MULTI_PARTY_CONFERENCE", "false"), ("HIGH_VOLUME_OUTBOUND", "false"), ("ENHANCED_CONTACT_MONITORING", "false"),
        ("ENHANCED_CHAT_MONITORING", "false"), ("MULTI_PARTY_CHAT_CONFERENCE", "false"), ("MESSAGE_STREAMING", "false"),
    ];

    public Instance Create(Caller caller, CreateInstanceCommand command) => store.Write(session =>
    {
        var fingerprint = string.Join('\n', command.IdentityManagementType, command.InstanceAlias, command.DirectoryId,
            command.InboundCallsEnabled, command.OutboundCallsEnabled);
        var scope = ResourceScope.TopLevel(caller.AccountId, caller.Region);
        if (Idempotency.Replay(session, caller, "CreateInstance", command.ClientToken, fingerprint) is { } existingId)
        {
            return session.Get<Instance>(scope, existingId) ?? throw Errors.InvalidRequest(ErrorTexts.InstanceOfClientTokenDeleted);
        }

        if (command.IdentityManagementType == "EXISTING_DIRECTORY" ? command.DirectoryId is null : command.InstanceAlias is null)
        {
            throw Errors.InvalidRequest(command.IdentityManagementType == "EXISTING_DIRECTORY"
                ? ErrorTexts.DirectoryIdRequired
                : ErrorTexts.InstanceAliasRequired);
        }

        if (command.InstanceAlias is not null && session.GetByName<Instance>(scope, command.InstanceAlias) is not null)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceAliasTaken);
        }

        if (session.Count<Instance>(scope) >= settings.InstancesPerAccount)
        {
            throw Errors.Quota(ErrorTexts.InstancesPerRegion(settings.InstancesPerAccount, caller.Region));
        }

        var attributes = AttributeDefaults.ToDictionary(a => a.Type, a => a.Default, StringComparer.Ordinal);
        attributes["INBOUND_CALLS"] = command.InboundCallsEnabled ? "true" : "false";
        attributes["OUTBOUND_CALLS"] = command.OutboundCallsEnabled ? "true" : "false";
        var instance = new Instance
        {
            Id = DefaultResources.NewId(),
            AccountId = caller.AccountId,
            Region = caller.Region,
            IdentityManagementType = command.IdentityManagementType,
            InstanceAlias = command.InstanceAlias,
            DirectoryId = command.DirectoryId,
            CreatedTime = caller.Now,
            Status = Active,
            InboundCallsEnabled = command.InboundCallsEnabled,
            OutboundCallsEnabled = command.OutboundCallsEnabled,
            Attributes = attributes,
            Tags = command.Tags,
        };
        session.Put(scope, instance);
        DefaultResources.Create(session, instance, caller.Now);
        Idempotency.Remember(session, caller, "CreateInstance", command.ClientToken, fingerprint, instance.Id);
        return instance;
    });

    public Instance Describe(Caller caller, string instanceIdOrArn) =>
        store.Read(session => Require(session, caller, instanceIdOrArn));

    public Page<Instance> List(Caller caller, string? nextToken, int pageSize) =>
        store.Read(session => Paging.Read<Instance>(session, ResourceScope.TopLevel(caller.AccountId, caller.Region), "instances", nextToken, pageSize));

    public void Delete(Caller caller, string instanceIdOrArn) => store.Write(session =>
    {
        var instance = Require(session, caller, instanceIdOrArn);
        if (GlobalResiliency.ReplicationService.DeleteReplicated(session, settings, caller, instance))
        {
            return true; // a replica goes away through INSTANCE_REPLICA_DELETING; a source with a replica is refused
        }

        GlobalResiliency.PhoneNumberService.ReleaseClaimedTo(session, caller.AccountId, instance.Arn);
        session.DeleteChildren(caller.AccountId, caller.Region, instance.Id);
        session.Delete<Instance>(ResourceScope.TopLevel(caller.AccountId, caller.Region), instance.Id);
        return true;
    });

    public IReadOnlyDictionary<string, string> Attributes(Caller caller, string instanceIdOrArn) =>
        store.Read(session => Require(session, caller, instanceIdOrArn).Attributes);

    public void UpdateAttribute(Caller caller, string instanceIdOrArn, string type, string value) => store.Write(session =>
    {
        var instance = Require(session, caller, instanceIdOrArn);
        var attributes = new Dictionary<string, string>(instance.Attributes, StringComparer.Ordinal) { [type] = value };
        session.Put(ResourceScope.TopLevel(caller.AccountId, caller.Region), instance with
        {
            Attributes = attributes,
            InboundCallsEnabled = type == "INBOUND_CALLS" ? value == "true" : instance.InboundCallsEnabled,
            OutboundCallsEnabled = type == "OUTBOUND_CALLS" ? value == "true" : instance.OutboundCallsEnabled,
        });
        return true;
    });

    /// <summary>The instance named by id or ARN in the caller's account and region, or "Instance not found".</summary>
    public static Instance Require(IStoreSession session, Caller caller, string instanceIdOrArn)
    {
        var id = Arns.InstanceIdFrom(instanceIdOrArn, caller);
        var instance = id is null ? null : session.Get<Instance>(ResourceScope.TopLevel(caller.AccountId, caller.Region), id);
        return instance ?? throw Errors.InstanceNotFound();
    }
}
