using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>
/// GetCrossRegionRouting and UpdateCrossRegionRouting (docs/global-resiliency.md, "Global routing"): whether the
/// two Regions of a replicated instance route each other's contacts. The setting is <see cref="InstanceReplication.IsolatedAll"/>,
/// kept the same on both instance records; the routing host reads it before every routing decision.
/// </summary>
public sealed class CrossRegionRoutingService(IConnectStore store)
{
    /// <summary>
    /// The isolated Regions. [choice] Isolated: both Regions of the instance, the source first; global routing on:
    /// none (an empty list).
    /// </summary>
    public IReadOnlyList<string> IsolatedRegions(Caller caller, string instanceIdOrArn) => store.Read(session =>
    {
        var link = RequireReplicated(InstanceService.Require(session, caller, instanceIdOrArn));
        return link.IsolatedAll ? [link.SourceRegion, link.ReplicaRegion] : (IReadOnlyList<string>)[];
    });

    /// <summary>
    /// Isolates both Regions (true) or turns global routing on (false), from either Region. [choice] While the
    /// replication is in progress or the replica is being deleted the setting cannot change: ResourceConflictException.
    /// </summary>
    public void Update(Caller caller, string instanceIdOrArn, bool isolatedAll) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var link = RequireReplicated(instance);
        if (link.Status != InstanceReplication.Complete)
        {
            throw Errors.Conflict(ErrorTexts.CrossRegionRoutingDuringReplication(link.Status));
        }

        foreach (var region in new[] { link.SourceRegion, link.ReplicaRegion })
        {
            var scope = ResourceScope.TopLevel(instance.AccountId, region);
            if (session.Get<Instance>(scope, instance.Id) is { Replication: { } own } record)
            {
                session.Put(scope, record with { Replication = own with { IsolatedAll = isolatedAll } });
            }
        }

        return true;
    });

    /// <summary>[choice] An instance that is not replicated has no cross-Region routing: InvalidRequestException.</summary>
    private static InstanceReplication RequireReplicated(Instance instance) =>
        instance.Replication ?? throw Errors.InvalidRequest(ErrorTexts.CrossRegionRoutingNeedsReplica);
}
