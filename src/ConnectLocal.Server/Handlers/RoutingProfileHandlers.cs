using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.RoutingProfiles;
using ConnectLocal.Model.Shapes;
using RoutingProfile = ConnectLocal.Core.Resources.RoutingProfile;

namespace ConnectLocal.Server.Handlers;

// Routing profiles: concurrency per channel, queue configs, default outbound queue, agent availability timer.
// Manual-assignment queues (ManualAssignmentQueueConfigs / ManualAssignmentQueueReferences) are passed to
// Core/RoutingProfiles/ManualAssignmentQueues.cs; ListRoutingProfileManualAssignmentQueues is in ManualAssignmentQueueHandlers.cs.
// LIMITATIONS: search results are ordered by id, not by relevance.
public sealed partial class ConnectApi
{
    private RoutingProfileService RoutingProfiles => new(Store, Settings);

    public override ValueTask<CreateRoutingProfileResponse> CreateRoutingProfile(OperationContext context, CreateRoutingProfileRequest request)
    {
        var profile = RoutingProfiles.Create(CallerOf(context), request.InstanceId!, new CreateRoutingProfileCommand(
            request.Name!,
            request.Description!,
            request.DefaultOutboundQueueId!,
            ConcurrenciesIn(request.MediaConcurrencies!),
            QueueConfigsIn(request.QueueConfigs),
            TagsIn(request.Tags),
            request.AgentAvailabilityTimer,
            ManualQueuesIn(request.ManualAssignmentQueueConfigs)));
        return ValueTask.FromResult(new CreateRoutingProfileResponse { RoutingProfileArn = profile.Arn, RoutingProfileId = profile.Id });
    }

    public override ValueTask<DescribeRoutingProfileResponse> DescribeRoutingProfile(OperationContext context, DescribeRoutingProfileRequest request)
    {
        var profile = RoutingProfiles.Describe(CallerOf(context), request.InstanceId!, request.RoutingProfileId!);
        return ValueTask.FromResult(new DescribeRoutingProfileResponse { RoutingProfile = RoutingProfileOut(profile, forSearch: false) });
    }

    public override ValueTask<SearchRoutingProfilesResponse> SearchRoutingProfiles(OperationContext context, SearchRoutingProfilesRequest request)
    {
        var result = RoutingProfiles.Search(
            CallerOf(context),
            request.InstanceId!,
            CriteriaIn(request.SearchCriteria),
            TagFilterIn(request.SearchFilter?.TagFilter),
            request.NextToken,
            PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchRoutingProfilesResponse
        {
            RoutingProfiles = result.Page.Items.Select(p => RoutingProfileOut(p, forSearch: true)).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    public override ValueTask UpdateRoutingProfileConcurrency(OperationContext context, UpdateRoutingProfileConcurrencyRequest request)
    {
        RoutingProfiles.UpdateConcurrency(CallerOf(context), request.InstanceId!, request.RoutingProfileId!, ConcurrenciesIn(request.MediaConcurrencies!));
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateRoutingProfileName(OperationContext context, UpdateRoutingProfileNameRequest request)
    {
        RoutingProfiles.UpdateName(CallerOf(context), request.InstanceId!, request.RoutingProfileId!, request.Name, request.Description);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateRoutingProfileDefaultOutboundQueue(OperationContext context, UpdateRoutingProfileDefaultOutboundQueueRequest request)
    {
        RoutingProfiles.UpdateDefaultOutboundQueue(CallerOf(context), request.InstanceId!, request.RoutingProfileId!, request.DefaultOutboundQueueId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateRoutingProfileQueues(OperationContext context, UpdateRoutingProfileQueuesRequest request)
    {
        RoutingProfiles.UpdateQueues(CallerOf(context), request.InstanceId!, request.RoutingProfileId!, QueueConfigsIn(request.QueueConfigs));
        return ValueTask.CompletedTask;
    }

    public override ValueTask AssociateRoutingProfileQueues(OperationContext context, AssociateRoutingProfileQueuesRequest request)
    {
        RoutingProfiles.AssociateQueues(CallerOf(context), request.InstanceId!, request.RoutingProfileId!, QueueConfigsIn(request.QueueConfigs),
            ManualQueuesIn(request.ManualAssignmentQueueConfigs));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisassociateRoutingProfileQueues(OperationContext context, DisassociateRoutingProfileQueuesRequest request)
    {
        RoutingProfiles.DisassociateQueues(CallerOf(context), request.InstanceId!, request.RoutingProfileId!,
            (request.QueueReferences ?? []).Select(r => new ProfileQueueReference(r.QueueId!, r.Channel!)).ToList(),
            (request.ManualAssignmentQueueReferences ?? []).Select(r => new ProfileQueueReference(r.QueueId!, r.Channel!)).ToList());
        return ValueTask.CompletedTask;
    }

    public override ValueTask<ListRoutingProfileQueuesResponse> ListRoutingProfileQueues(OperationContext context, ListRoutingProfileQueuesRequest request)
    {
        var result = RoutingProfiles.ListQueues(CallerOf(context), request.InstanceId!, request.RoutingProfileId!, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListRoutingProfileQueuesResponse
        {
            RoutingProfileQueueConfigSummaryList = result.Page.Items.Select(v => new RoutingProfileQueueConfigSummary
            {
                QueueId = v.Config.QueueId,
                QueueArn = v.QueueArn,
                QueueName = v.QueueName,
                Priority = v.Config.Priority,
                Delay = v.Config.Delay,
                Channel = v.Config.Channel,
            }).ToList(),
            NextToken = result.Page.NextToken,
            LastModifiedTime = result.LastModifiedTime,
            LastModifiedRegion = result.LastModifiedRegion,
        });
    }

    /// <summary>
    /// The RoutingProfile shape. AWS documents that DescribeRoutingProfile does not populate AssociatedQueueIds, and
    /// that SearchRoutingProfiles does not populate LastModifiedRegion, LastModifiedTime,
    /// MediaConcurrencies.CrossChannelBehavior and AgentAvailabilityTimer; both are reproduced here ([choice]: the
    /// documented gaps are kept rather than filled). [choice] NumberOfAssociatedQueues counts distinct queues (the
    /// length of AssociatedQueueIds), and NumberOfAssociatedManualAssignmentQueues distinct manual-assignment queues;
    /// AssociatedManualAssignmentQueueIds is shown where AssociatedQueueIds is (search results).
    /// </summary>
    private static Model.Shapes.RoutingProfile RoutingProfileOut(RoutingProfile p, bool forSearch) => new()
    {
        InstanceId = p.InstanceId,
        Name = p.Name,
        RoutingProfileArn = p.Arn,
        RoutingProfileId = p.Id,
        Description = p.Description,
        MediaConcurrencies = p.MediaConcurrencies.Select(c => new MediaConcurrency
        {
            Channel = c.Channel,
            Concurrency = c.Concurrency,
            CrossChannelBehavior = forSearch || c.CrossChannelBehavior is null ? null : new CrossChannelBehavior { BehaviorType = c.CrossChannelBehavior },
        }).ToList(),
        DefaultOutboundQueueId = p.DefaultOutboundQueueId,
        Tags = TagsOut(p.Tags),
        NumberOfAssociatedQueues = p.AssociatedQueueIds.Count,
        NumberOfAssociatedManualAssignmentQueues = p.AssociatedManualAssignmentQueueIds.Count,
        NumberOfAssociatedUsers = p.UserCount,
        AgentAvailabilityTimer = forSearch ? null : p.AgentAvailabilityTimer ?? RoutingProfileService.DefaultAgentAvailabilityTimer,
        LastModifiedTime = forSearch ? null : p.LastModifiedTime,
        LastModifiedRegion = forSearch ? null : p.LastModifiedRegion,
        IsDefault = p.IsDefault,
        AssociatedQueueIds = forSearch ? p.AssociatedQueueIds.ToList() : null,
        AssociatedManualAssignmentQueueIds = forSearch && p.ManualAssignmentQueues.Count > 0 ? p.AssociatedManualAssignmentQueueIds.ToList() : null,
    };

    private static List<ChannelConcurrency> ConcurrenciesIn(List<MediaConcurrency> concurrencies) =>
        concurrencies.Select(c => new ChannelConcurrency(c.Channel!, c.Concurrency!.Value, c.CrossChannelBehavior?.BehaviorType)).ToList();

    private static List<RoutingProfileQueue> QueueConfigsIn(List<RoutingProfileQueueConfig>? configs) =>
        (configs ?? []).Select(c => new RoutingProfileQueue(c.QueueReference!.QueueId!, c.QueueReference.Channel!, c.Priority!.Value, c.Delay!.Value)).ToList();

    private static Criteria? CriteriaIn(RoutingProfileSearchCriteria? criteria) => criteria is null
        ? null
        : new Criteria(
            criteria.OrConditions?.Select(c => CriteriaIn(c)!).ToList(),
            criteria.AndConditions?.Select(c => CriteriaIn(c)!).ToList(),
            criteria.StringCondition is { } s ? new StringMatch(s.FieldName, s.Value, s.ComparisonType) : null);

    private static TagFilter? TagFilterIn(ControlPlaneTagFilter? filter) => filter is null
        ? null
        : new TagFilter(
            filter.OrConditions?.Select(all => (IReadOnlyList<TagMatch>)all.Select(TagIn).ToList()).ToList(),
            filter.AndConditions?.Select(TagIn).ToList(),
            filter.TagCondition is null ? null : TagIn(filter.TagCondition));

    private static TagMatch TagIn(TagCondition tag) => new(tag.TagKey, tag.TagValue);

    // The protocol layer has checked that each config has a QueueReference with QueueId and Channel.
    private static List<ProfileQueueReference> ManualQueuesIn(List<RoutingProfileManualAssignmentQueueConfig>? configs) =>
        (configs ?? []).Select(c => new ProfileQueueReference(c.QueueReference!.QueueId!, c.QueueReference.Channel!)).ToList();
}
