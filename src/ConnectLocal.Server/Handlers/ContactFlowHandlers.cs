using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Registry;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Flows;
using ContactFlow = ConnectLocal.Core.Flows.ContactFlow;

namespace ConnectLocal.Server.Handlers;

// Contact flows: describe, list, search, name and metadata updates and delete are declared (Handlers/Declared); the
// two operations that carry content are written here, because the content is read as JSON at this edge and checked
// in Core (ContactFlowRules.Validate). LIMITATIONS: no flow versions ($SAVED, id:version,
// CreateContactFlowVersion); flows are not run; StartChatContact, StartTaskContact and quick connects do not yet
// check the flow ids they carry.
public sealed partial class ConnectApi
{
    public override ValueTask<CreateContactFlowResponse> CreateContactFlow(OperationContext context, CreateContactFlowRequest request)
    {
        var flows = new ResourceOperations<ContactFlow>(Store, Settings, ContactFlowRules.Type);
        var flow = flows.Create(CallerOf(context), request.InstanceId!, resources =>
        {
            var draft = new ContactFlow
            {
                Name = request.Name!,
                Description = request.Description,
                Type = request.Type!,
                Content = request.Content!,
                Status = request.Status ?? ContactFlowRules.Published,
                Tags = TagsIn(request.Tags),
            };
            ContactFlowRules.Validate(resources, draft, FlowJson.Read);
            return draft;
        });
        return ValueTask.FromResult(new CreateContactFlowResponse { ContactFlowId = flow.Id, ContactFlowArn = flow.Arn, FlowContentSha256 = flow.FlowContentSha256 });
    }

    public override ValueTask<UpdateContactFlowContentResponse> UpdateContactFlowContent(OperationContext context, UpdateContactFlowContentRequest request)
    {
        var flows = new ResourceOperations<ContactFlow>(Store, Settings, ContactFlowRules.Type);
        flows.Update(CallerOf(context), request.InstanceId!, request.ContactFlowId!, (resources, current) =>
        {
            var updated = current with { Content = request.Content! };
            ContactFlowRules.Validate(resources, updated, FlowJson.Read);
            return updated;
        });
        return ValueTask.FromResult(new UpdateContactFlowContentResponse());
    }
}
