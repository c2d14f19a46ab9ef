using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Users;

/// <summary>
/// Agent statuses: the instance's defaults (Available, Offline) and CUSTOM ones created later; names unique per instance.
/// [choice] The system statuses (ROUTABLE Available, OFFLINE Offline) refuse every update with InvalidRequestException:
/// AWS documents that they cannot be edited but not the error it answers.
/// [choice] DisplayOrder is stored as given (two statuses may share one; nothing is renumbered); ResetOrderNumber true
/// removes the status's DisplayOrder, and a request that also sets DisplayOrder is refused (InvalidParameterException).
/// An empty Description (UpdateAgentStatus allows length 0) removes the description.
/// Quota: AgentStatusesPerInstance → LimitExceededException (what CreateAgentStatus models).
/// LIMITATIONS: disabling a status an agent is in leaves the agent in it.
/// </summary>
public static class AgentStatusService
{
    /// <summary>An agent status of the instance named by id or ARN (…/agent-state/{id}), or "Agent status not found".</summary>
    public static AgentStatus Require(IStoreSession session, Caller caller, Instance instance, string idOrArn) =>
        ResourceTypes.AgentStatus.Require(session, caller, instance.Id, idOrArn);

    /// <summary>UpdateAgentStatus: the members given replace the stored ones; see the class's choices for ResetOrderNumber.</summary>
    public static AgentStatus Update(IConnectStore store, ConnectSettings settings, Caller caller, string instanceIdOrArn, string idOrArn, AgentStatusChange change)
    {
        if (change.ResetOrderNumber == true && change.DisplayOrder is not null)
        {
            throw Errors.InvalidParameter(ErrorTexts.AgentStatusOrderAndReset);
        }

        return new ResourceOperations<AgentStatus>(store, settings, ResourceTypes.AgentStatus).Update(caller, instanceIdOrArn, idOrArn, (_, current) => current with
        {
            Name = change.Name ?? current.Name,
            Description = change.Description is null ? current.Description : change.Description.Length == 0 ? null : change.Description,
            State = change.State ?? current.State,
            DisplayOrder = change.ResetOrderNumber == true ? null : change.DisplayOrder ?? current.DisplayOrder,
        });
    }

    public static void CheckUpdatable(ResourceContext context, AgentStatus status)
    {
        if (status.Type != AgentStatus.Custom)
        {
            throw Errors.InvalidRequest(ErrorTexts.SystemAgentStatusReadOnly(status.Name));
        }
    }
}

/// <summary>What UpdateAgentStatus may change; null members are kept.</summary>
public sealed record AgentStatusChange(string? Name, string? Description, string? State, int? DisplayOrder, bool? ResetOrderNumber);
