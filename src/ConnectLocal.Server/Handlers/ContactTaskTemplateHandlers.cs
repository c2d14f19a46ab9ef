using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Routing;

namespace ConnectLocal.Server.Handlers;

// UpdateContactTaskTemplate (issue 15, config-rest): a task contact the routing engine holds takes another task
// template, its references checked against the template's fields (Core/TaskTemplates/ContactTaskTemplate.cs).
// LIMITATIONS: StartTaskContact does not start from a template, so a task's first template is one set here.
public sealed partial class ConnectApi
{
    /// <summary>
    /// The model's prose: only a task contact in progress and not connected to an agent ([choice]: queued, or offered
    /// but not yet accepted), and not already using the template; at most 5 updates per contact ([choice]
    /// ServiceQuotaExceededException past them). The template is named by id or ARN; [choice] an unknown contact is
    /// ResourceNotFoundException, as DescribeContact answers it.
    /// </summary>
    public override ValueTask<UpdateContactTaskTemplateResponse> UpdateContactTaskTemplate(OperationContext context, UpdateContactTaskTemplateRequest request)
    {
        var caller = CallerOf(context);
        var (instanceId, template) = Store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, request.InstanceId!);
            return (instance.Id, TaskTemplateRules.Type.Require(session, caller, instance.Id, request.TaskTemplateId!));
        });
        var updated = Routing.UseContact(request.ContactId!, (routing, contact) =>
        {
            if (routing.InstanceId != instanceId)
            {
                return null;
            }

            if (contact.Channel != RoutingChannel.Task || contact.Tag is not ContactInfo details)
            {
                throw Errors.InvalidRequest(ErrorTexts.ContactNotATask);
            }

            if (contact.State is not (Core.Routing.ContactState.Scheduled or Core.Routing.ContactState.Queued or Core.Routing.ContactState.Offered))
            {
                throw Errors.InvalidRequest(ErrorTexts.TaskNotWaiting);
            }

            if (details.TaskTemplateId == template.Id)
            {
                throw Errors.InvalidRequest(ErrorTexts.TaskAlreadyUsesTemplate);
            }

            if (details.TaskTemplateUpdates >= ContactTaskTemplateRules.MaxUpdatesPerContact)
            {
                throw new DomainException(DomainErrorKind.ServiceQuotaExceeded, ErrorTexts.TaskTemplateUpdatesExhausted(ContactTaskTemplateRules.MaxUpdatesPerContact));
            }

            ContactTaskTemplateRules.CheckReferences(template, new LiveContact(routing, contact, null).References);
            contact.Tag = details with { TaskTemplateId = template.Id, TaskTemplateArn = template.Arn, TaskTemplateName = template.Name, TaskTemplateUpdates = details.TaskTemplateUpdates + 1 };
            return contact;
        });
        return updated is null ? throw Errors.NotFound("Contact") : ValueTask.FromResult(new UpdateContactTaskTemplateResponse());
    }
}
