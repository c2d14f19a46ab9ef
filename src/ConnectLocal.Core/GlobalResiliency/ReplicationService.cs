using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>What DescribeInstance reports about replication (ReplicationConfiguration).</summary>
public sealed record ReplicationView(string SourceRegion, IReadOnlyList<(string Region, string Status, string? Reason)> Statuses, string GlobalSignInEndpoint);

/// <summary>
/// ReplicateInstance and the replica's lifecycle (behaviour doc §5). A replica is a second instance record with
/// the same id in the replica Region, with its own default resources; both records carry the same
/// <see cref="InstanceReplication"/> link. Replication creates the default traffic distribution group.
/// </summary>
public sealed class ReplicationService(IConnectStore store, ConnectSettings settings)
{
    public const string CreationInProgress = "CREATION_IN_PROGRESS";

    /// <summary>Replicates the instance to <paramref name="replicaRegion"/>; returns the replica.</summary>
    public Instance Replicate(Caller caller, string instanceIdOrArn, string replicaRegion, string replicaAlias, string? clientToken) => store.Write(session =>
    {
        var fingerprint = string.Join('\n', Arns.InstanceIdFrom(instanceIdOrArn, caller), replicaRegion, replicaAlias);
        if (Idempotency.Replay(session, caller, "ReplicateInstance", clientToken, fingerprint) is { } replayed)
        {
            return session.Get<Instance>(ResourceScope.TopLevel(caller.AccountId, replicaRegion), replayed)
                ?? throw Errors.InvalidRequest(ErrorTexts.ReplicaOfClientTokenDeleted);
        }

        var source = InstanceService.Require(session, caller, instanceIdOrArn);
        if (replicaRegion == caller.Region)
        {
            throw Errors.InvalidRequest(ErrorTexts.ReplicaRegionSameAsSource(caller.Region));
        }

        if (source.Replication is { } link)
        {
            throw Errors.InvalidRequest(link.SourceRegion == caller.Region
                ? ErrorTexts.AlreadyReplicated(link.ReplicaRegion)
                : ErrorTexts.InstanceIsReplica(link.SourceRegion));
        }

        if (source.InstanceAlias is null)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceWithoutAlias);
        }

        if (source.Status != InstanceService.Active)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceNotActive);
        }

        // The Admin Guide's list ("Why a ReplicateInstance call fails"): the instance must have SAML enabled, so
        // CONNECT_MANAGED and EXISTING_DIRECTORY instances are refused.
        if (source.IdentityManagementType != "SAML")
        {
            throw Errors.InvalidRequest(ErrorTexts.ReplicationNeedsSaml);
        }

        if (!settings.IsPaired(caller.Region, replicaRegion))
        {
            throw Errors.InvalidRequest(ErrorTexts.UnpairedReplicaRegion(caller.Region, replicaRegion));
        }

        var replicaScope = ResourceScope.TopLevel(caller.AccountId, replicaRegion);
        if (session.GetByName<Instance>(replicaScope, replicaAlias) is not null)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceAliasTaken);
        }

        if (session.Count<Instance>(replicaScope) >= settings.InstancesPerAccount)
        {
            throw Errors.Quota(ErrorTexts.InstancesPerRegion(settings.InstancesPerAccount, replicaRegion));
        }

        var replication = new InstanceReplication(caller.Region, replicaRegion, InstanceReplication.InProgress, source.InstanceAlias);
        source = source with { Replication = replication };
        session.Put(ResourceScope.TopLevel(caller.AccountId, caller.Region), source);

        // [choice] the replica copies the source's settings, attributes and tags; its status is
        // CREATION_IN_PROGRESS until the replication completes.
        var replica = source with
        {
            Region = replicaRegion,
            InstanceAlias = replicaAlias,
            CreatedTime = caller.Now,
            Status = CreationInProgress,
        };
        session.Put(replicaScope, replica);
        Mirroring.CreateReplica(session, source, replica, caller.Now);

        TrafficDistributionService.CreateDefaultGroup(session, settings, caller, source);
        Transitions.Schedule(session, settings, TransitionKinds.Replication, caller.AccountId, caller.Region, source.Id, caller.Now);
        Idempotency.Remember(session, caller, "ReplicateInstance", clientToken, fingerprint, source.Id);
        return session.Get<Instance>(replicaScope, source.Id)!;
    });

    /// <summary>ReplicationConfiguration of an instance, or null when it is not replicated.</summary>
    public ReplicationView? View(Caller caller, Instance instance) =>
        instance.Replication is null ? null : store.Read(session => View(instance, Mirroring.PendingByTargetRegion(session, instance)));

    /// <summary>
    /// ReplicationConfiguration of an instance, or null when it is not replicated. [choice] One summary per Region:
    /// the source is complete and the replica's is the replication's; a Region that mirrored changes have not reached
    /// yet is INSTANCE_REPLICATION_IN_PROGRESS, with their count as the reason.
    /// </summary>
    public static ReplicationView? View(Instance instance, IReadOnlyDictionary<string, int>? pendingMirroring = null)
    {
        if (instance.Replication is not { } link)
        {
            return null;
        }

        (string Region, string Status, string? Reason) Summary(string region, string status) =>
            status == InstanceReplication.Complete && pendingMirroring?.GetValueOrDefault(region) is > 0 and var n
                ? (region, InstanceReplication.InProgress, ErrorTexts.MirroredChangesPending(n))
                : (region, status, null);

        return new ReplicationView(
            link.SourceRegion,
            [Summary(link.SourceRegion, InstanceReplication.Complete), Summary(link.ReplicaRegion, link.Status)],
            $"https://{link.SourceAlias}.global.my.connect.aws");
    }

    /// <summary>
    /// DeleteInstance of a replicated instance (called inside its transaction). Returns false for an instance that
    /// is not replicated (deleted as usual). A source with a replica cannot be deleted; deleting the replica (from
    /// its Region) starts INSTANCE_REPLICA_DELETING, which removes the replica and the default traffic
    /// distribution group.
    /// </summary>
    public static bool DeleteReplicated(IStoreSession session, ConnectSettings settings, Caller caller, Instance instance)
    {
        if (instance.Replication is not { } link)
        {
            return false;
        }

        if (caller.Region == link.SourceRegion)
        {
            throw Errors.InvalidRequest(ErrorTexts.InstanceHasReplica(link.ReplicaRegion));
        }

        if (link.Status == InstanceReplication.ReplicaDeleting)
        {
            return true;
        }

        if (link.Status != InstanceReplication.Complete)
        {
            throw Errors.InvalidRequest(ErrorTexts.ReplicaDeletionDuringReplication);
        }

        var groups = TrafficDistributionService.GroupsOf(session, instance.AccountId, link.SourceRegion, instance.Id);
        if (groups.Any(g => !g.IsDefault))
        {
            throw Errors.InvalidRequest(ErrorTexts.ReplicaHasTdgs);
        }

        var defaultGroup = groups.FirstOrDefault(g => g.IsDefault);
        if (defaultGroup is not null && PhoneNumberService.ClaimedTo(session, instance.AccountId, defaultGroup.Arn).Count > 0)
        {
            throw Errors.InvalidRequest(ErrorTexts.ReplicaDefaultTdgHasPhoneNumbers);
        }

        SetLinkStatus(session, instance.AccountId, link, instance.Id, InstanceReplication.ReplicaDeleting, replicaStatus: null);
        if (defaultGroup is not null)
        {
            session.Put(ResourceScope.TopLevel(instance.AccountId, link.SourceRegion), defaultGroup with { Status = TrafficDistributionGroup.PendingDeletion });
        }

        Transitions.Schedule(session, settings, TransitionKinds.ReplicaDeletion, instance.AccountId, link.SourceRegion, instance.Id, caller.Now);
        return true;
    }

    internal static void FinishReplication(IStoreSession session, string accountId, string sourceRegion, string instanceId)
    {
        var source = session.Get<Instance>(ResourceScope.TopLevel(accountId, sourceRegion), instanceId);
        if (source?.Replication is not { Status: InstanceReplication.InProgress } link)
        {
            return;
        }

        SetLinkStatus(session, accountId, link, instanceId, InstanceReplication.Complete, replicaStatus: InstanceService.Active);
    }

    internal static void FinishReplicaDeletion(IStoreSession session, string accountId, string sourceRegion, string instanceId)
    {
        var sourceScope = ResourceScope.TopLevel(accountId, sourceRegion);
        var source = session.Get<Instance>(sourceScope, instanceId);
        if (source?.Replication is not { Status: InstanceReplication.ReplicaDeleting } link)
        {
            return;
        }

        var replicaScope = ResourceScope.TopLevel(accountId, link.ReplicaRegion);
        if (session.Get<Instance>(replicaScope, instanceId) is { } replica)
        {
            PhoneNumberService.ReleaseClaimedTo(session, accountId, replica.Arn);
        }

        session.DeleteChildren(accountId, link.ReplicaRegion, instanceId);
        session.Delete<Instance>(replicaScope, instanceId);
        foreach (var group in TrafficDistributionService.GroupsOf(session, accountId, sourceRegion, instanceId))
        {
            session.Delete<TrafficDistributionGroup>(sourceScope, group.Id);
        }

        session.Put(sourceScope, source with { Replication = null });
    }

    private static void SetLinkStatus(IStoreSession session, string accountId, InstanceReplication link, string instanceId, string status, string? replicaStatus)
    {
        var updated = link with { Status = status };
        foreach (var region in new[] { link.SourceRegion, link.ReplicaRegion })
        {
            var scope = ResourceScope.TopLevel(accountId, region);
            if (session.Get<Instance>(scope, instanceId) is { } record)
            {
                session.Put(scope, record with
                {
                    Replication = updated,
                    Status = region == link.ReplicaRegion && replicaStatus is not null ? replicaStatus : record.Status,
                });
            }
        }
    }
}
