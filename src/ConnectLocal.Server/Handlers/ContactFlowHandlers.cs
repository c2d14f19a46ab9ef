using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Registry;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Flows;
using ContactFlow = ConnectLocal.Core.Flows.ContactFlow;

namespace ConnectLocal.Server.Handlers;

// Contact flows: list, search, name and metadata updates and delete are declared (Handlers/Declared); the two
// operations that carry content are written here, because the content is read as JSON at this edge and checked in
// Core (ContactFlowRules.Validate), and so are versions and the describe that reads them (id:version).
// LIMITATIONS: no $SAVED alias; CreateContactFlowVersion does not compare LastModifiedTime/LastModifiedRegion; flows
// are not run; StartChatContact, StartTaskContact and quick connects do not yet check the flow ids they carry.
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

    /// <summary>[choice] A version is described with its ARN qualified by the version (…/contact-flow/{id}:{version}).</summary>
    public override ValueTask<DescribeContactFlowResponse> DescribeContactFlow(OperationContext context, DescribeContactFlowRequest request)
    {
        var (flow, version) = ContactFlowRules.Describe(Store, CallerOf(context), request.InstanceId!, request.ContactFlowId!);
        return ValueTask.FromResult(new DescribeContactFlowResponse
        {
            ContactFlow = new Model.Shapes.ContactFlow
            {
                Arn = version is null ? flow.Arn : $"{flow.Arn}:{version.Version}",
                Id = flow.Id,
                Name = flow.Name,
                Type = flow.Type,
                State = flow.State,
                Status = flow.Status,
                Description = flow.Description,
                Content = version?.Content ?? flow.Content,
                Tags = TagsOut(flow.Tags),
                FlowContentSha256 = version is null ? flow.FlowContentSha256 : (flow with { Content = version.Content }).FlowContentSha256,
                Version = version?.Version,
                VersionDescription = version?.VersionDescription,
                LastModifiedTime = flow.LastModifiedTime,
                LastModifiedRegion = flow.LastModifiedRegion,
            },
        });
    }

    public override ValueTask<CreateContactFlowVersionResponse> CreateContactFlowVersion(OperationContext context, CreateContactFlowVersionRequest request)
    {
        var flows = new ResourceOperations<ContactFlow>(Store, Settings, ContactFlowRules.Type);
        var (flow, version) = ContactFlowRules.CreateVersion(
            flows, CallerOf(context), request.InstanceId!, request.ContactFlowId!, request.Description, request.FlowContentSha256, request.ContactFlowVersion);
        return ValueTask.FromResult(new CreateContactFlowVersionResponse { ContactFlowArn = $"{flow.Arn}:{version.Version}", Version = version.Version });
    }

    public override ValueTask<ListContactFlowVersionsResponse> ListContactFlowVersions(OperationContext context, ListContactFlowVersionsRequest request)
    {
        var caller = CallerOf(context);
        var flowArn = ContactFlowRules.Describe(Store, caller, request.InstanceId!, request.ContactFlowId!).Flow.Arn;
        var page = ContactFlowRules.ListVersions(Store, caller, request.InstanceId!, request.ContactFlowId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListContactFlowVersionsResponse
        {
            ContactFlowVersionSummaryList = page.Items
                .Select(v => new ContactFlowVersionSummary { Arn = $"{flowArn}:{v.Version}", Version = v.Version, VersionDescription = v.VersionDescription })
                .ToList(),
            NextToken = page.NextToken,
        });
    }
}
