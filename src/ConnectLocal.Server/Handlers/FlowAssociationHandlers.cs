using ConnectLocal.Core.Flows;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Flow associations (a phone number's inbound flow, AssociateFlow for resources of other services) and the phone
// number operations beyond claiming (UpdatePhoneNumberMetadata, ListPhoneNumbers v1). Rules: docs/flows.md.
// LIMITATIONS: ImportPhoneNumber is not implemented.
public sealed partial class ConnectApi
{
    private FlowAssociationService FlowAssociations => new(Store);

    public override ValueTask AssociatePhoneNumberContactFlow(OperationContext context, AssociatePhoneNumberContactFlowRequest request)
    {
        FlowAssociations.AssociatePhoneNumber(CallerOf(context), request.PhoneNumberId!, request.InstanceId!, request.ContactFlowId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociatePhoneNumberContactFlow(OperationContext context, DisassociatePhoneNumberContactFlowRequest request)
    {
        FlowAssociations.DisassociatePhoneNumber(CallerOf(context), request.PhoneNumberId!, request.InstanceId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<AssociateFlowResponse> AssociateFlow(OperationContext context, AssociateFlowRequest request)
    {
        FlowAssociations.Associate(CallerOf(context), request.InstanceId!, request.ResourceId!, request.FlowId!, request.ResourceType!);
        return ValueTask.FromResult(new AssociateFlowResponse());
    }

    public override ValueTask<DisassociateFlowResponse> DisassociateFlow(OperationContext context, DisassociateFlowRequest request)
    {
        FlowAssociations.Disassociate(CallerOf(context), request.InstanceId!, request.ResourceId!, request.ResourceType!);
        return ValueTask.FromResult(new DisassociateFlowResponse());
    }

    public override ValueTask<GetFlowAssociationResponse> GetFlowAssociation(OperationContext context, GetFlowAssociationRequest request)
    {
        var found = FlowAssociations.Get(CallerOf(context), request.InstanceId!, request.ResourceId!, request.ResourceType!);
        return ValueTask.FromResult(new GetFlowAssociationResponse { ResourceId = found.ResourceId, FlowId = found.FlowArn, ResourceType = found.ResourceType });
    }

    public override ValueTask<BatchGetFlowAssociationResponse> BatchGetFlowAssociation(OperationContext context, BatchGetFlowAssociationRequest request)
    {
        var found = FlowAssociations.BatchGet(CallerOf(context), request.InstanceId!, request.ResourceIds!, request.ResourceType);
        return ValueTask.FromResult(new BatchGetFlowAssociationResponse { FlowAssociationSummaryList = found.Select(SummaryOf).ToList() });
    }

    public override ValueTask<ListFlowAssociationsResponse> ListFlowAssociations(OperationContext context, ListFlowAssociationsRequest request)
    {
        var page = FlowAssociations.List(CallerOf(context), request.InstanceId!, request.ResourceType, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListFlowAssociationsResponse { FlowAssociationSummaryList = page.Items.Select(SummaryOf).ToList(), NextToken = page.NextToken });
    }

    public override ValueTask UpdatePhoneNumberMetadata(OperationContext context, UpdatePhoneNumberMetadataRequest request)
    {
        new PhoneNumberMetadata(Store).UpdateDescription(CallerOf(context), request.PhoneNumberId!, request.PhoneNumberDescription, request.ClientToken);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListPhoneNumbersResponse> ListPhoneNumbers(OperationContext context, ListPhoneNumbersRequest request)
    {
        var page = new PhoneNumberMetadata(Store).ListOfInstance(
            CallerOf(context), request.InstanceId!, request.PhoneNumberTypes ?? [], request.PhoneNumberCountryCodes ?? [], request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListPhoneNumbersResponse
        {
            PhoneNumberSummaryList = page.Items.Select(n => new PhoneNumberSummary
            {
                Id = n.Id,
                Arn = PhoneNumberMetadata.InstanceArnOf(n, n.InstanceId!),
                PhoneNumber = n.PhoneNumber,
                PhoneNumberType = n.Type,
                PhoneNumberCountryCode = n.CountryCode,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    private static FlowAssociationSummary SummaryOf(FlowAssociationView a) =>
        new() { ResourceId = a.ResourceId, FlowId = a.FlowArn, ResourceType = a.ResourceType };
}
