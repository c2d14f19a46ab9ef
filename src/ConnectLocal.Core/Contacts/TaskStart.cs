using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.QuickConnects;
using ConnectLocal.Core.TaskTemplates;

namespace ConnectLocal.Core.Contacts;

/// <summary>Where a new task starts: the flow it runs, the queue a quick connect names, and the template it was made from.</summary>
public sealed record TaskStart(ContactFlow Flow, string? QueueId, TaskTemplate? Template);

/// <summary>
/// StartTaskContact's rules for where a task starts, as its API reference states them: exactly one of ContactFlowId,
/// QuickConnectId or TaskTemplateId; a quick connect gives the flow of its agent or queue configuration; a template
/// alone must name a flow; the scheduled time is not in the past and at most 6 days ahead; at most 12 tasks share a
/// PreviousContactId.
/// </summary>
public static class TaskStarts
{
    /// <summary>How far ahead a task may be scheduled (StartTaskContact, ScheduledTime).</summary>
    public static readonly TimeSpan ScheduleHorizon = TimeSpan.FromDays(6);

    /// <summary>Tasks that may share one PreviousContactId (StartTaskContact, PreviousContactId).</summary>
    public const int MaxLinkedTasks = 12;

    /// <summary>
    /// [choice] A scheduled time up to a minute in the past is taken as "now" (a client's clock or the request's
    /// travel time); earlier is InvalidParameterException.
    /// </summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(1);

    public static void CheckSchedule(DateTimeOffset? scheduled, DateTimeOffset now)
    {
        if (scheduled is not { } at)
        {
            return;
        }

        if (at < now - PastTolerance)
        {
            throw Errors.InvalidParameter(ErrorTexts.ScheduledTimeInPast);
        }

        if (at > now + ScheduleHorizon)
        {
            throw Errors.InvalidParameter(ErrorTexts.ScheduledTimeTooFar);
        }
    }

    /// <exception cref="DomainException">
    /// InvalidParameter for a wrong combination, a quick connect of another type or a template without a flow;
    /// NotFound for an unknown quick connect or template; InvalidRequest for an INACTIVE template.
    /// </exception>
    public static TaskStart Resolve(IConnectStore store, Caller caller, string instanceIdOrArn, string? flowId, string? quickConnectId, string? templateId)
    {
        if (new[] { flowId, quickConnectId, templateId }.Count(x => x is not null) != 1)
        {
            throw Errors.InvalidParameter(ErrorTexts.TaskFlowSourceCount);
        }

        if (flowId is not null)
        {
            return new TaskStart(FlowReferences.RequireForContact(store, caller, instanceIdOrArn, flowId), null, null);
        }

        return store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var context = new ResourceContext(session, caller, instance, new ConnectSettings());
            if (quickConnectId is not null)
            {
                var quickConnect = QuickConnectRules.Type.Require(session, caller, instance.Id, quickConnectId);
                var (queueId, quickFlow, flowType) = quickConnect.QuickConnectConfig switch
                {
                    { QueueConfig: { } queue } => (queue.QueueId, queue.ContactFlowId, FlowReferences.QueueTransfer),
                    // An agent's own queue has the agent's id.
                    { UserConfig: { } user } => (user.UserId, user.ContactFlowId, FlowReferences.AgentTransfer),
                    _ => throw Errors.InvalidParameter(ErrorTexts.TaskQuickConnectType(quickConnect.QuickConnectType)),
                };
                return new TaskStart(FlowReferences.Require(context, quickFlow, flowType), queueId, null);
            }

            var template = TaskTemplateRules.Type.Require(session, caller, instance.Id, templateId!);
            if (template.Status != TaskTemplate.Active)
            {
                throw Errors.InvalidRequest(ErrorTexts.TaskTemplateInactive);
            }

            if (template.ContactFlowId is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.TaskOfTemplateWithoutFlow);
            }

            return new TaskStart(FlowReferences.Require(context, template.ContactFlowId, FlowReferences.ContactFlowType), null, template);
        });
    }
}
