using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Users;

/// <summary>
/// Agent statuses: the instance's defaults (Available, Offline) and any created later; listed with a type filter.
/// LIMITATIONS: creating and updating agent statuses is not implemented yet.
/// </summary>
public sealed class AgentStatusService(IConnectStore store)
{
    public AgentStatus Describe(Caller caller, string instanceIdOrArn, string agentStatusIdOrArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return Require(session, caller, instance, agentStatusIdOrArn);
    });

    /// <summary>Statuses of the given types (all when none are given), in id order.</summary>
    public Page<AgentStatus> List(Caller caller, string instanceIdOrArn, IReadOnlyCollection<string> types, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = new ResourceScope(instance.AccountId, instance.Region, instance.Id);
            var matching = session.All<AgentStatus>(scope)
                .Where(s => types.Count == 0 || types.Contains(s.Type))
                .ToList();
            return Paging.Slice(session, scope, Paging.Listing("agent-statuses", types.Distinct().Order(StringComparer.Ordinal)), matching, s => s.Id, nextToken, pageSize);
        });

    /// <summary>An agent status of the instance named by id or ARN (…/agent-state/{id}), or "Agent status not found".</summary>
    public static AgentStatus Require(IStoreSession session, Caller caller, Instance instance, string idOrArn) =>
        ResourceTypes.AgentStatus.Require(session, caller, instance.Id, idOrArn);
}
