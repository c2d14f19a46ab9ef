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
public sealed class AgentStatusService(IConnectStore store, ConnectSettings settings)
{
    private readonly ResourceOperations<AgentStatus> _statuses = new(store, settings, ResourceTypes.AgentStatus);

    public AgentStatus Describe(Caller caller, string instanceIdOrArn, string agentStatusIdOrArn) => _statuses.Describe(caller, instanceIdOrArn, agentStatusIdOrArn);

    /// <summary>Statuses of the given types (all when none are given), in id order; a token is bound to the types.</summary>
    public Page<AgentStatus> List(Caller caller, string instanceIdOrArn, IReadOnlyCollection<string> types, string? nextToken, int pageSize) =>
        _statuses.List(caller, instanceIdOrArn, Paging.Listing("agent-statuses", types.Distinct().Order(StringComparer.Ordinal)), nextToken, pageSize,
            s => types.Count == 0 || types.Contains(s.Type));

    /// <summary>An agent status of the instance named by id or ARN (…/agent-state/{id}), or "Agent status not found".</summary>
    public static AgentStatus Require(IStoreSession session, Caller caller, Instance instance, string idOrArn) =>
        ResourceTypes.AgentStatus.Require(session, caller, instance.Id, idOrArn);
}
