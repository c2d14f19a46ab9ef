using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Resources;
using ConnectLocal.Model.Shapes;
using Attribute = ConnectLocal.Model.Shapes.Attribute;

namespace ConnectLocal.Server.Handlers;

// Instances, instance attributes and tags.
// LIMITATIONS: no CREATION_IN_PROGRESS window; ServiceRole and InstanceAccessUrl are synthesised. Instance storage
// configs, approved origins, Lex bots and Lambda functions: IntegrationHandlers.cs.
public sealed partial class ConnectApi
{
    public override ValueTask<CreateInstanceResponse> CreateInstance(OperationContext context, CreateInstanceRequest request)
    {
        var instance = _instances.Create(CallerOf(context), new CreateInstanceCommand(
            request.IdentityManagementType!,
            request.InstanceAlias,
            request.DirectoryId,
            request.InboundCallsEnabled!.Value,
            request.OutboundCallsEnabled!.Value,
            TagsIn(request.Tags),
            request.ClientToken));
        return ValueTask.FromResult(new CreateInstanceResponse { Id = instance.Id, Arn = instance.Arn });
    }

    public override ValueTask<DescribeInstanceResponse> DescribeInstance(OperationContext context, DescribeInstanceRequest request)
    {
        var instance = _instances.Describe(CallerOf(context), request.InstanceId!);
        return ValueTask.FromResult(new DescribeInstanceResponse
        {
            Instance = new Model.Shapes.Instance
            {
                Id = instance.Id,
                Arn = instance.Arn,
                IdentityManagementType = instance.IdentityManagementType,
                InstanceAlias = instance.InstanceAlias,
                CreatedTime = instance.CreatedTime,
                ServiceRole = ServiceRole(instance),
                InstanceStatus = instance.Status,
                InboundCallsEnabled = instance.InboundCallsEnabled,
                OutboundCallsEnabled = instance.OutboundCallsEnabled,
                InstanceAccessUrl = AccessUrl(instance),
                Tags = TagsOut(instance.Tags),
            },
            ReplicationConfiguration = ReplicationOut(context, instance),
        });
    }

    public override ValueTask<ListInstancesResponse> ListInstances(OperationContext context, ListInstancesRequest request)
    {
        var page = _instances.List(CallerOf(context), request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListInstancesResponse
        {
            InstanceSummaryList = page.Items.Select(i => new InstanceSummary
            {
                Id = i.Id,
                Arn = i.Arn,
                IdentityManagementType = i.IdentityManagementType,
                InstanceAlias = i.InstanceAlias,
                CreatedTime = i.CreatedTime,
                ServiceRole = ServiceRole(i),
                InstanceStatus = i.Status,
                InboundCallsEnabled = i.InboundCallsEnabled,
                OutboundCallsEnabled = i.OutboundCallsEnabled,
                InstanceAccessUrl = AccessUrl(i),
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask DeleteInstance(OperationContext context, DeleteInstanceRequest request)
    {
        _instances.Delete(CallerOf(context), request.InstanceId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListInstanceAttributesResponse> ListInstanceAttributes(OperationContext context, ListInstanceAttributesRequest request)
    {
        var attributes = _instances.Attributes(CallerOf(context), request.InstanceId!);
        var all = InstanceService.AttributeDefaults
            .Select(a => new Attribute { AttributeType = a.Type, Value = attributes.GetValueOrDefault(a.Type, a.Default) })
            .ToList();
        // The attribute list is short and fixed, so its pages are plain offsets.
        var pageSize = PageSize(context, request.MaxResults);
        var offset = ParseOffset(request.NextToken);
        var page = all.Skip(offset).Take(pageSize).ToList();
        return ValueTask.FromResult(new ListInstanceAttributesResponse
        {
            Attributes = page,
            NextToken = offset + pageSize < all.Count ? $"attributes:{offset + pageSize}" : null,
        });
    }

    public override ValueTask<DescribeInstanceAttributeResponse> DescribeInstanceAttribute(OperationContext context, DescribeInstanceAttributeRequest request)
    {
        var attributes = _instances.Attributes(CallerOf(context), request.InstanceId!);
        var fallback = InstanceService.AttributeDefaults.FirstOrDefault(a => a.Type == request.AttributeType).Default ?? "false";
        return ValueTask.FromResult(new DescribeInstanceAttributeResponse
        {
            Attribute = new Attribute
            {
                AttributeType = request.AttributeType,
                Value = attributes.GetValueOrDefault(request.AttributeType!, fallback),
            },
        });
    }

    public override ValueTask UpdateInstanceAttribute(OperationContext context, UpdateInstanceAttributeRequest request)
    {
        _instances.UpdateAttribute(CallerOf(context), request.InstanceId!, request.AttributeType!, request.Value!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask TagResource(OperationContext context, TagResourceRequest request)
    {
        _tags.Tag(CallerOf(context), request.ResourceArn!, request.Tags!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UntagResource(OperationContext context, UntagResourceRequest request)
    {
        _tags.Untag(CallerOf(context), request.ResourceArn!, request.TagKeys!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListTagsForResourceResponse> ListTagsForResource(OperationContext context, ListTagsForResourceRequest request) =>
        ValueTask.FromResult(new ListTagsForResourceResponse
        {
            Tags = new Dictionary<string, string>(_tags.List(CallerOf(context), request.ResourceArn!), StringComparer.Ordinal),
        });

    /// <summary>[choice] AWS creates a service-linked role per account; its ARN is synthesised here.</summary>
    private static string ServiceRole(Core.Resources.Instance instance) =>
        $"arn:{Arns.PartitionOf(instance.Region)}:iam::{instance.AccountId}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect";

    private static string? AccessUrl(Core.Resources.Instance instance) =>
        instance.InstanceAlias is null ? null : $"https://{instance.InstanceAlias}.my.connect.aws";

    private static int ParseOffset(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        if (token.StartsWith("attributes:", StringComparison.Ordinal)
            && int.TryParse(token.AsSpan("attributes:".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            return offset;
        }

        throw Core.Common.Errors.InvalidRequest(Core.Common.Paging.InvalidTokenMessage);
    }
}
