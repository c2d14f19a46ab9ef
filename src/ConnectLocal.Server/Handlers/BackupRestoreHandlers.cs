using ConnectLocal.Core.Flows;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Registry;
using ConnectLocal.Model.Shapes;
using ContactFlow = ConnectLocal.Core.Flows.ContactFlow;

namespace ConnectLocal.Server.Handlers;

// ImportPhoneNumber and DeleteContactFlowVersion (issue 15, found missing by the backup/restore round trip). Rules:
// Core/GlobalResiliency/PhoneNumberImport.cs and Core/Flows/FlowVersionDeletion.cs; docs/global-resiliency.md and
// docs/flows.md.
// LIMITATIONS: an import completes at once (no IN_PROGRESS status); no End User Messaging behind the source ARN.
public sealed partial class ConnectApi
{
    public override ValueTask<ImportPhoneNumberResponse> ImportPhoneNumber(OperationContext context, ImportPhoneNumberRequest request)
    {
        var number = new PhoneNumberImport(Store, Settings).Import(CallerOf(context), new ImportPhoneNumberCommand(
            request.InstanceId!, request.SourcePhoneNumberArn!, request.PhoneNumberDescription, TagsIn(request.Tags), request.ClientToken));
        return ValueTask.FromResult(new ImportPhoneNumberResponse { PhoneNumberId = number.Id, PhoneNumberArn = number.Arn });
    }

    public override ValueTask<DeleteContactFlowVersionResponse> DeleteContactFlowVersion(OperationContext context, DeleteContactFlowVersionRequest request)
    {
        var flows = new ResourceOperations<ContactFlow>(Store, Settings, ContactFlowRules.Type);
        FlowVersionDeletion.Delete(flows, CallerOf(context), request.InstanceId!, request.ContactFlowId!, request.ContactFlowVersion!.Value);
        return ValueTask.FromResult(new DeleteContactFlowVersionResponse());
    }
}
