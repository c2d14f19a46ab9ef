using ConnectLocal.Core.RoutingProfiles;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// Manual-assignment queues of routing profiles (issue 15): their listing. Associate/Disassociate/CreateRoutingProfile
// carry them in RoutingProfileHandlers.cs; the rules are in Core/RoutingProfiles/ManualAssignmentQueues.cs.
public sealed partial class ConnectApi
{
    public override ValueTask<ListRoutingProfileManualAssignmentQueuesResponse> ListRoutingProfileManualAssignmentQueues(
        OperationContext context, ListRoutingProfileManualAssignmentQueuesRequest request)
    {
        var (page, profile) = ManualAssignmentQueues.List(Store, CallerOf(context), request.InstanceId!, request.RoutingProfileId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListRoutingProfileManualAssignmentQueuesResponse
        {
            RoutingProfileManualAssignmentQueueConfigSummaryList = page.Items.Select(v => new RoutingProfileManualAssignmentQueueConfigSummary
            {
                QueueId = v.Queue.QueueId,
                QueueArn = v.QueueArn,
                QueueName = v.QueueName,
                Channel = v.Queue.Channel,
            }).ToList(),
            NextToken = page.NextToken,
            LastModifiedTime = profile.LastModifiedTime,
            LastModifiedRegion = profile.LastModifiedRegion,
        });
    }
}
