using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

public sealed record CreateTrafficDistributionGroupCommand(
    string Name,
    string? Description,
    string InstanceIdOrArn,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken);

/// <summary>
/// Traffic distribution groups, their traffic distribution and their users (behaviour doc §5). A group lives in
/// its creating Region (the instance's source Region); from the replica Region only its ARN names it.
/// </summary>
public sealed class TrafficDistributionService(IConnectStore store, ConnectSettings settings)
{
    /// <summary>[choice] the name of the group ReplicateInstance creates; AWS does not document it.</summary>
    public const string DefaultGroupName = "DefaultTrafficDistributionGroup";

    private const string NotFoundWhat = "Traffic distribution group";

    public TrafficDistributionGroup Create(Caller caller, CreateTrafficDistributionGroupCommand command) => store.Write(session =>
    {
        var scope = ResourceScope.TopLevel(caller.AccountId, caller.Region);
        var fingerprint = string.Join('\n', command.Name, command.Description, Arns.InstanceIdFrom(command.InstanceIdOrArn, caller),
            string.Join('\n', command.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)));
        if (Idempotency.Replay(session, caller, "CreateTrafficDistributionGroup", command.ClientToken, fingerprint) is { } replayed)
        {
            return session.Get<TrafficDistributionGroup>(scope, replayed)
                ?? throw Errors.InvalidRequest(ErrorTexts.TdgOfClientTokenDeleted);
        }

        var instance = InstanceService.Require(session, caller, command.InstanceIdOrArn);
        if (instance.Replication is not { } link)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceNotReplicated);
        }

        if (link.SourceRegion != caller.Region)
        {
            throw Errors.InvalidRequest(ErrorTexts.TdgOutsideSourceRegion(link.SourceRegion));
        }

        if (link.Status == InstanceReplication.InProgress)
        {
            throw Errors.NotReady(ErrorTexts.ReplicationInProgress);
        }

        if (link.Status == InstanceReplication.ReplicaDeleting)
        {
            throw Errors.Conflict(ErrorTexts.ReplicaBeingDeleted);
        }

        if (GroupsOf(session, caller.AccountId, caller.Region, instance.Id).Count >= settings.TrafficDistributionGroupsPerInstance)
        {
            throw Errors.Quota(ErrorTexts.QuotaReached("traffic distribution groups", settings.TrafficDistributionGroupsPerInstance));
        }

        var group = NewGroup(caller, instance, link, command.Name, command.Description, isDefault: false) with { Tags = command.Tags };
        session.Put(scope, group);
        Transitions.Schedule(session, settings, TransitionKinds.TdgCreate, caller.AccountId, caller.Region, group.Id, caller.Now);
        Idempotency.Remember(session, caller, "CreateTrafficDistributionGroup", command.ClientToken, fingerprint, group.Id);
        return session.Get<TrafficDistributionGroup>(scope, group.Id)!;
    });

    public TrafficDistributionGroup Describe(Caller caller, string idOrArn) =>
        store.Read(session => Require(session, caller, idOrArn));

    /// <summary>
    /// The groups visible from the caller's Region: those created there and those of replicas that live there.
    /// [choice] an InstanceId filter naming no instance is "Instance not found" (InvalidRequestException here).
    /// </summary>
    public Page<TrafficDistributionGroup> List(Caller caller, string? instanceIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var scope = ResourceScope.TopLevel(caller.AccountId, caller.Region);
        IEnumerable<Instance> instances = instanceIdOrArn is null
            ? session.All<Instance>(scope)
            : [InstanceService.Require(session, caller, instanceIdOrArn)];
        var groups = instances
            .Where(i => i.Replication is not null)
            .SelectMany(i => GroupsOf(session, caller.AccountId, i.Replication!.SourceRegion, i.Id))
            .OrderBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
        var listing = "traffic-distribution-groups/" + (instanceIdOrArn is null ? string.Empty : Arns.InstanceIdFrom(instanceIdOrArn, caller));
        return Paging.Slice(session, scope, listing, groups, g => g.Id, nextToken, pageSize);
    });

    public void Delete(Caller caller, string idOrArn) => store.Write(session =>
    {
        var group = Require(session, caller, idOrArn);
        RequireCreatingRegion(caller, group, "DeleteTrafficDistributionGroup");
        if (group.IsDefault)
        {
            throw Errors.InvalidRequest(ErrorTexts.DefaultTdgNotDeletable);
        }

        var numbers = PhoneNumberService.ClaimedTo(session, caller.AccountId, group.Arn);
        if (numbers.Count > 0)
        {
            throw Errors.InUse(ErrorTexts.TdgHasPhoneNumbers(numbers.Count), "PHONE_NUMBER", numbers[0].Arn);
        }

        if (group.Status == TrafficDistributionGroup.PendingDeletion)
        {
            return true; // [choice] deleting a group that is already being deleted succeeds again
        }

        if (group.Status != TrafficDistributionGroup.Active)
        {
            throw Errors.InvalidRequest(ErrorTexts.TdgNotDeletable(group.Status));
        }

        session.Put(ResourceScope.TopLevel(caller.AccountId, group.Region), group with { Status = TrafficDistributionGroup.PendingDeletion });
        Transitions.Schedule(session, settings, TransitionKinds.TdgDelete, caller.AccountId, group.Region, group.Id, caller.Now);
        return true;
    });

    public TrafficDistributionGroup GetDistribution(Caller caller, string idOrArn) =>
        store.Read(session => Require(session, caller, idOrArn));

    /// <summary>
    /// UpdateTrafficDistribution, callable from both Regions. [choice] the new distribution is what
    /// GetTrafficDistribution shows at once; the group is UPDATE_IN_PROGRESS until the tdg-update transition.
    /// </summary>
    public void UpdateDistribution(Caller caller, string idOrArn, DistributionUpdate update) => store.Write(session =>
    {
        var group = Require(session, caller, idOrArn);
        DistributionRules.Validate(group, update);
        if (group.Status != TrafficDistributionGroup.Active)
        {
            throw Errors.Conflict(ErrorTexts.TdgNotActive(group.Status));
        }

        session.Put(ResourceScope.TopLevel(caller.AccountId, group.Region), group with
        {
            Telephony = update.Telephony is null ? group.Telephony : DistributionRules.Ordered(group, update.Telephony),
            Agents = update.Agents is null ? group.Agents : DistributionRules.Ordered(group, update.Agents),
            SignIn = update.SignIn is null ? group.SignIn : DistributionRules.Ordered(group, update.SignIn),
            Status = TrafficDistributionGroup.UpdateInProgress,
        });
        Transitions.Schedule(session, settings, TransitionKinds.TdgUpdate, caller.AccountId, group.Region, group.Id, caller.Now);
        return true;
    });

    /// <summary>
    /// Source Region only; the group must be ACTIVE (otherwise ResourceNotFoundException, as AWS answers); the user
    /// must exist in the group's instance. [choice] a user belongs to at most one group of an instance
    /// (ResourceConflictException); associating it again with the same group succeeds.
    /// </summary>
    public void AssociateUser(Caller caller, string idOrArn, string userIdOrArn, string instanceIdOrArn) => store.Write(session =>
    {
        var (group, userId) = RequireUserTarget(session, caller, idOrArn, userIdOrArn, instanceIdOrArn, "AssociateTrafficDistributionGroupUser");
        if (group.UserIds.Contains(userId))
        {
            return true;
        }

        var other = GroupsOf(session, caller.AccountId, group.Region, group.InstanceId).FirstOrDefault(g => g.Id != group.Id && g.UserIds.Contains(userId));
        if (other is not null)
        {
            throw Errors.Conflict(ErrorTexts.UserInOtherTdg(other.Id));
        }

        var users = group.UserIds.Append(userId).Order(StringComparer.Ordinal).ToList();
        session.Put(ResourceScope.TopLevel(caller.AccountId, group.Region), group with { UserIds = users });
        return true;
    });

    /// <summary>[choice] disassociating a user that is not associated succeeds (the operation is idempotent).</summary>
    public void DisassociateUser(Caller caller, string idOrArn, string userIdOrArn, string instanceIdOrArn) => store.Write(session =>
    {
        var (group, userId) = RequireUserTarget(session, caller, idOrArn, userIdOrArn, instanceIdOrArn, "DisassociateTrafficDistributionGroupUser");
        if (group.UserIds.Contains(userId))
        {
            session.Put(ResourceScope.TopLevel(caller.AccountId, group.Region), group with { UserIds = group.UserIds.Where(u => u != userId).ToList() });
        }

        return true;
    });

    /// <summary>The group's users that still exist (a deleted user leaves its groups).</summary>
    public Page<string> ListUsers(Caller caller, string idOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var group = Require(session, caller, idOrArn);
        var userScope = new ResourceScope(caller.AccountId, group.Region, group.InstanceId);
        var users = group.UserIds.Where(u => session.Get<User>(userScope, u) is not null).ToList();
        return Paging.Slice(session, ResourceScope.TopLevel(caller.AccountId, caller.Region), "tdg-users/" + group.Id, users, u => u, nextToken, pageSize);
    });

    /// <summary>
    /// The group named by <paramref name="idOrArn"/> as seen from the caller's Region: a bare id only where the
    /// group was created, an ARN from either of its Regions; anything else is "not found".
    /// </summary>
    public static TrafficDistributionGroup Require(IStoreSession session, Caller caller, string idOrArn) =>
        Find(session, caller, idOrArn) ?? throw Errors.NotFound(NotFoundWhat);

    public static TrafficDistributionGroup? Find(IStoreSession session, Caller caller, string idOrArn)
    {
        if (!idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return session.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(caller.AccountId, caller.Region), idOrArn);
        }

        var arn = Arns.Parse(idOrArn);
        if (arn is null || arn.Account != caller.AccountId || arn.ResourceParts is not [TrafficDistributionGroup.ArnSegment, var id])
        {
            return null;
        }

        var group = session.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(caller.AccountId, arn.Region), id);
        return group is not null && group.IsLinkedTo(caller.Region) ? group : null;
    }

    /// <summary>For TagService: where a group named by ARN is stored, when the caller's Region can see it.</summary>
    public static ResourceScope? TagScope(IStoreSession session, Caller caller, Arns.Parsed arn, string id)
    {
        var scope = ResourceScope.TopLevel(caller.AccountId, arn.Region);
        var group = session.Get<TrafficDistributionGroup>(scope, id);
        return group is not null && group.IsLinkedTo(caller.Region) ? scope : null;
    }

    public static IReadOnlyList<TrafficDistributionGroup> GroupsOf(IStoreSession session, string accountId, string region, string instanceId) =>
        session.All<TrafficDistributionGroup>(ResourceScope.TopLevel(accountId, region)).Where(g => g.InstanceId == instanceId).ToList();

    internal static void CreateDefaultGroup(IStoreSession session, ConnectSettings settings, Caller caller, Instance source)
    {
        var group = NewGroup(caller, source, source.Replication!, DefaultGroupName, null, isDefault: true);
        session.Put(ResourceScope.TopLevel(caller.AccountId, caller.Region), group);
        Transitions.Schedule(session, settings, TransitionKinds.TdgCreate, caller.AccountId, caller.Region, group.Id, caller.Now);
    }

    internal static void FinishStatus(IStoreSession session, string accountId, string region, string id, string from)
    {
        var scope = ResourceScope.TopLevel(accountId, region);
        if (session.Get<TrafficDistributionGroup>(scope, id) is { } group && group.Status == from)
        {
            session.Put(scope, group with { Status = TrafficDistributionGroup.Active });
        }
    }

    internal static void FinishDeletion(IStoreSession session, string accountId, string region, string id)
    {
        var scope = ResourceScope.TopLevel(accountId, region);
        if (session.Get<TrafficDistributionGroup>(scope, id) is { Status: TrafficDistributionGroup.PendingDeletion })
        {
            session.Delete<TrafficDistributionGroup>(scope, id);
        }
    }

    /// <summary>
    /// [choice] an operation that AWS allows only where the group was created, called with its ARN from the other
    /// Region, is refused as invalid (InvalidRequestException for these operations).
    /// </summary>
    private static void RequireCreatingRegion(Caller caller, TrafficDistributionGroup group, string operation)
    {
        if (caller.Region != group.Region)
        {
            throw Errors.InvalidParameter(ErrorTexts.TdgOperationOutsideItsRegion(operation, group.Region));
        }
    }

    private static (TrafficDistributionGroup Group, string UserId) RequireUserTarget(
        IStoreSession session, Caller caller, string idOrArn, string userIdOrArn, string instanceIdOrArn, string operation)
    {
        var group = Require(session, caller, idOrArn);
        RequireCreatingRegion(caller, group, operation);
        if (group.Status != TrafficDistributionGroup.Active)
        {
            throw Errors.NotFound(NotFoundWhat);
        }

        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        if (instance.Id != group.InstanceId)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceNotOfTdg);
        }

        return (group, ResourceTypes.User.Require(session, caller, instance.Id, userIdOrArn).Id);
    }

    private static TrafficDistributionGroup NewGroup(Caller caller, Instance instance, InstanceReplication link, string name, string? description, bool isDefault) => new()
    {
        Id = DefaultResources.NewId(),
        AccountId = caller.AccountId,
        Region = link.SourceRegion,
        ReplicaRegion = link.ReplicaRegion,
        InstanceId = instance.Id,
        Name = name,
        Description = description,
        Status = TrafficDistributionGroup.CreationInProgress,
        IsDefault = isDefault,
        CreatedTime = caller.Now,

        // Behaviour doc §5 [choice]: all telephony and agents in the source Region, sign-in enabled in both.
        Telephony = [new(link.SourceRegion, 100), new(link.ReplicaRegion, 0)],
        Agents = [new(link.SourceRegion, 100), new(link.ReplicaRegion, 0)],
        SignIn = [new(link.SourceRegion, true), new(link.ReplicaRegion, true)],
    };
}
