using ConnectLocal.Core.Queues;
using ConnectLocal.Core.Resources;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Queues: standard queues, and the agent queues users bring (listed, described and tagged only).
// Queue email addresses are in EmailAddressHandlers.cs.
// SearchQueues is in SearchHandlers.cs.
// LIMITATIONS: outbound caller number and whisper flow are stored unchecked.
public sealed partial class ConnectApi
{
    private QueueService Queues => new(Store, Settings);

    public override ValueTask<CreateQueueResponse> CreateQueue(OperationContext context, CreateQueueRequest request)
    {
        var queue = Queues.Create(CallerOf(context), request.InstanceId!, new CreateQueueCommand(
            request.Name!,
            request.Description,
            request.HoursOfOperationId!,
            request.MaxContacts,
            CallerConfigIn(request.OutboundCallerConfig),
            request.OutboundEmailConfig?.OutboundEmailAddressId,
            request.QuickConnectIds ?? [],
            (request.EmailAddressesConfig ?? []).Select(e => e.EmailAddressId ?? string.Empty).ToList(),
            TagsIn(request.Tags)));
        return ValueTask.FromResult(new CreateQueueResponse { QueueId = queue.Id, QueueArn = queue.Arn });
    }

    public override ValueTask<DescribeQueueResponse> DescribeQueue(OperationContext context, DescribeQueueRequest request)
    {
        var queue = Queues.Describe(CallerOf(context), request.InstanceId!, request.QueueId!);
        return ValueTask.FromResult(new DescribeQueueResponse { Queue = QueueOut(queue) });
    }

    public override ValueTask UpdateQueueMaxContacts(OperationContext context, UpdateQueueMaxContactsRequest request)
    {
        Queues.UpdateMaxContacts(CallerOf(context), request.InstanceId!, request.QueueId!, request.MaxContacts);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateQueueHoursOfOperation(OperationContext context, UpdateQueueHoursOfOperationRequest request)
    {
        Queues.UpdateHoursOfOperation(CallerOf(context), request.InstanceId!, request.QueueId!, request.HoursOfOperationId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateQueueOutboundCallerConfig(OperationContext context, UpdateQueueOutboundCallerConfigRequest request)
    {
        Queues.UpdateOutboundCallerConfig(CallerOf(context), request.InstanceId!, request.QueueId!, CallerConfigIn(request.OutboundCallerConfig)!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask AssociateQueueQuickConnects(OperationContext context, AssociateQueueQuickConnectsRequest request)
    {
        Queues.AssociateQuickConnects(CallerOf(context), request.InstanceId!, request.QueueId!, request.QuickConnectIds!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateQueueQuickConnects(OperationContext context, DisassociateQueueQuickConnectsRequest request)
    {
        Queues.DisassociateQuickConnects(CallerOf(context), request.InstanceId!, request.QueueId!, request.QuickConnectIds!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListQueueQuickConnectsResponse> ListQueueQuickConnects(OperationContext context, ListQueueQuickConnectsRequest request)
    {
        var (page, queue) = Queues.ListQuickConnects(CallerOf(context), request.InstanceId!, request.QueueId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListQueueQuickConnectsResponse
        {
            QuickConnectSummaryList = page.Items.Select(q => new QuickConnectSummary
            {
                Id = q.Id,
                Arn = q.Arn,
                Name = q.Name,
                QuickConnectType = q.QuickConnectType,
                LastModifiedTime = q.LastModifiedTime,
                LastModifiedRegion = q.LastModifiedRegion,
            }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = queue.LastModifiedTime,
            LastModifiedRegion = queue.LastModifiedRegion,
        });
    }

    private static OutboundCallerSettings? CallerConfigIn(OutboundCallerConfig? config) =>
        config is null ? null : new OutboundCallerSettings(config.OutboundCallerIdName, config.OutboundCallerIdNumberId, config.OutboundFlowId);
}
