using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Users;

/// <summary>
/// Agent statuses: the instance's defaults (Available, Offline) and any created later; listed with a type filter.
/// LIMITATIONS: creating and updating agent statuses is not implemented yet.
/// </summary>
public static class AgentStatusService
{
    /// <summary>An agent status of the instance named by id or ARN (…/agent-state/{id}), or "Agent status not found".</summary>
    public static AgentStatus Require(IStoreSession session, Caller caller, Instance instance, string idOrArn) =>
        ResourceTypes.AgentStatus.Require(session, caller, instance.Id, idOrArn);
}
