using ConnectLocal.Core.EmailAddresses;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Email addresses (issue 15): create (with its creation time), describe and the alias operations are written here;
// search, metadata update and delete are declared (Declared/DeclaredOperations.cs). The queue operations on email
// addresses are here too. Rules live in Core/EmailAddresses.
public sealed partial class ConnectApi
{
    private EmailAddressService EmailAddresses => new(Store, Settings);

    private QueueEmailAddressService QueueEmailAddresses => new(Store, Settings);

    public override ValueTask<CreateEmailAddressResponse> CreateEmailAddress(OperationContext context, CreateEmailAddressRequest request)
    {
        var address = EmailAddresses.Create(CallerOf(context), request.InstanceId!, request.EmailAddress!, request.DisplayName, request.Description, TagsIn(request.Tags));
        return ValueTask.FromResult(new CreateEmailAddressResponse { EmailAddressId = address.Id, EmailAddressArn = address.Arn });
    }

    public override ValueTask<DescribeEmailAddressResponse> DescribeEmailAddress(OperationContext context, DescribeEmailAddressRequest request)
    {
        var address = EmailAddresses.Describe(CallerOf(context), request.InstanceId!, request.EmailAddressId!);
        return ValueTask.FromResult(new DescribeEmailAddressResponse
        {
            EmailAddressId = address.Id,
            EmailAddressArn = address.Arn,
            EmailAddress = address.EmailAddress,
            DisplayName = address.DisplayName,
            Description = address.Description,
            CreateTimestamp = address.CreateTimestamp,
            ModifiedTimestamp = address.ModifiedTimestamp,
            AliasConfigurations = address.AliasConfigurations?.Select(a => new Model.Shapes.AliasConfiguration { EmailAddressId = a.EmailAddressId }).ToList(),
            Tags = TagsOut(address.Tags),
        });
    }

    public override ValueTask<AssociateEmailAddressAliasResponse> AssociateEmailAddressAlias(OperationContext context, AssociateEmailAddressAliasRequest request)
    {
        EmailAddresses.AssociateAlias(CallerOf(context), request.InstanceId!, request.EmailAddressId!, request.AliasConfiguration!.EmailAddressId!);
        return ValueTask.FromResult(new AssociateEmailAddressAliasResponse());
    }

    public override ValueTask<DisassociateEmailAddressAliasResponse> DisassociateEmailAddressAlias(OperationContext context, DisassociateEmailAddressAliasRequest request)
    {
        EmailAddresses.DisassociateAlias(CallerOf(context), request.InstanceId!, request.EmailAddressId!, request.AliasConfiguration!.EmailAddressId!);
        return ValueTask.FromResult(new DisassociateEmailAddressAliasResponse());
    }

    public override ValueTask AssociateQueueEmailAddresses(OperationContext context, AssociateQueueEmailAddressesRequest request)
    {
        QueueEmailAddresses.Associate(CallerOf(context), request.InstanceId!, request.QueueId!, request.EmailAddressesConfig!.Select(e => e.EmailAddressId!).ToList());
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateQueueEmailAddresses(OperationContext context, DisassociateQueueEmailAddressesRequest request)
    {
        QueueEmailAddresses.Disassociate(CallerOf(context), request.InstanceId!, request.QueueId!, request.EmailAddressesId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateQueueOutboundEmailConfig(OperationContext context, UpdateQueueOutboundEmailConfigRequest request)
    {
        QueueEmailAddresses.UpdateOutbound(CallerOf(context), request.InstanceId!, request.QueueId!, request.OutboundEmailConfig!.OutboundEmailAddressId);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListQueueEmailAddressesResponse> ListQueueEmailAddresses(OperationContext context, ListQueueEmailAddressesRequest request)
    {
        var (page, queue) = QueueEmailAddresses.List(CallerOf(context), request.InstanceId!, request.QueueId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListQueueEmailAddressesResponse
        {
            EmailAddressMetadataList = page.Items.Select(e => new EmailAddressSummary
            {
                Id = e.Address.Id,
                Arn = e.Address.Arn,
                IsDefaultOutboundEmail = e.Outbound,
            }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = queue.LastModifiedTime,
            LastModifiedRegion = queue.LastModifiedRegion,
        });
    }
}
