using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Users;

/// <summary>
/// Agent statuses: the instance's defaults (Available, Offline) and CUSTOM ones created later; names unique per instance.
/// [choice] The system statuses (ROUTABLE Available, OFFLINE Offline) refuse every update with InvalidRequestException:
/// AWS documents that they cannot be edited but not the error it answers.
/// LIMITATIONS: UpdateAgentStatus's ResetOrderNumber is accepted and ignored; the 50-statuses quota is not kept.
/// </summary>
public static class AgentStatusService
{
    /// <summary>An agent status of the instance named by id or ARN (…/agent-state/{id}), or "Agent status not found".</summary>
    public static AgentStatus Require(IStoreSession session, Caller caller, Instance instance, string idOrArn) =>
        ResourceTypes.AgentStatus.Require(session, caller, instance.Id, idOrArn);

    public static void CheckUpdatable(ResourceContext context, AgentStatus status)
    {
        if (status.Type != AgentStatus.Custom)
        {
            throw Errors.InvalidRequest(ErrorTexts.SystemAgentStatusReadOnly(status.Name));
        }
    }
}
