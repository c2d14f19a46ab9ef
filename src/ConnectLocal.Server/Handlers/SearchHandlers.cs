using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConnectLocal.Core.Queues;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Users;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Handlers.Declared;

namespace ConnectLocal.Server.Handlers;

// SearchQueues and SearchHoursOfOperations (users-search): the registry's search over the fields ResourceTypes declares
// for queues and hours, written by hand only because their results are the Queue and HoursOfOperation shapes that
// DescribeQueue and DescribeHoursOfOperation answer (outbound caller config, parent hours), not the stored records.
// Their criteria and filters are read by SearchOf, as SearchViews' and SearchHoursOfOperationOverrides' are.
// SearchUsers: its criteria (hierarchy group and proficiency conditions) and UserAttributeFilter are Core/Users/UserSearch.cs.
public sealed partial class ConnectApi
{
    public override ValueTask<SearchUsersResponse> SearchUsers(OperationContext context, SearchUsersRequest request)
    {
        var result = new UserSearchService(Store).Search(
            CallerOf(context),
            request.InstanceId!,
            UserCriteriaIn(request.SearchCriteria),
            TagFilterIn(request.SearchFilter?.TagFilter),
            UserAttributesIn(request.SearchFilter?.UserAttributeFilter),
            request.NextToken,
            PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchUsersResponse
        {
            Users = result.Page.Items.Select(UserSummaryOut).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    private static UserCriteria? UserCriteriaIn(UserSearchCriteria? criteria) => criteria is null
        ? null
        : new UserCriteria(
            criteria.OrConditions?.Select(c => UserCriteriaIn(c)!).ToList(),
            criteria.AndConditions?.Select(c => UserCriteriaIn(c)!).ToList(),
            StringMatchIn(criteria.StringCondition),
            criteria.ListCondition is { } list
                ? new ListMatch(list.TargetListType, list.Conditions?.Select(c => new ListItemMatch(
                    StringMatchIn(c.StringCondition),
                    c.NumberCondition is { } n ? new NumberMatch(n.FieldName, n.MinValue, n.MaxValue, n.ComparisonType) : null)).ToList())
                : null,
            HierarchyIn(criteria.HierarchyGroupCondition));

    private static UserAttributeFilter? UserAttributesIn(ControlPlaneUserAttributeFilter? filter) => filter is null
        ? null
        : new UserAttributeFilter(
            filter.OrConditions?.Select(AttributeAndIn).ToList(),
            filter.AndCondition is null ? null : AttributeAndIn(filter.AndCondition),
            filter.TagCondition is null ? null : TagIn(filter.TagCondition),
            HierarchyIn(filter.HierarchyGroupCondition));

    private static UserAttributeAnd AttributeAndIn(AttributeAndCondition and) =>
        new(and.TagConditions?.Select(TagIn).ToList(), HierarchyIn(and.HierarchyGroupCondition));

    private static HierarchyMatch? HierarchyIn(HierarchyGroupCondition? condition) =>
        condition is null ? null : new HierarchyMatch(condition.Value, condition.HierarchyGroupMatchType);

    /// <summary>
    /// UserSearchSummary. The SearchUsers documentation says "AfterContactWorkTimeLimit is returned in milliseconds",
    /// so PhoneConfig's limit is shown in milliseconds here while DescribeUser shows the stored seconds.
    /// </summary>
    private static UserSearchSummary UserSummaryOut(Core.Resources.User user) => new()
    {
        Id = user.Id,
        Arn = user.Arn,
        Username = user.Username,
        DirectoryUserId = user.DirectoryUserId,
        HierarchyGroupId = user.HierarchyGroupId,
        IdentityInfo = user.IdentityInfo is { } identity ? new UserIdentityInfoLite { FirstName = identity.FirstName, LastName = identity.LastName } : null,
        PhoneConfig = new UserPhoneConfig
        {
            PhoneType = user.PhoneConfig.PhoneType,
            AutoAccept = user.PhoneConfig.AutoAccept,
            AfterContactWorkTimeLimit = user.PhoneConfig.AfterContactWorkTimeLimit * 1000,
            DeskPhoneNumber = user.PhoneConfig.DeskPhoneNumber,
            PersistentConnection = user.PhoneConfig.PersistentConnection,
        },
        RoutingProfileId = user.RoutingProfileId,
        SecurityProfileIds = user.SecurityProfileIds.ToList(),
        Tags = TagsOut(user.Tags),
        AutoAcceptConfigs = AutoAcceptOut(UserConfigService.Of(user)),
        AfterContactWorkConfigs = AfterContactWorkOut(UserConfigService.Of(user)),
        PhoneNumberConfigs = PhoneNumbersOut(UserConfigService.Of(user)),
        PersistentConnectionConfigs = PersistentOut(UserConfigService.Of(user)),
        VoiceEnhancementConfigs = VoiceEnhancementOut(UserConfigService.Of(user)),
    };

    public override ValueTask<SearchQueuesResponse> SearchQueues(OperationContext context, SearchQueuesRequest request)
    {
        var (criteria, filter) = SearchOf(request, ConnectJsonContext.Wire.SearchQueuesRequest);
        var result = Queues.Search(CallerOf(context), request.InstanceId!, criteria, filter, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchQueuesResponse
        {
            Queues = result.Page.Items.Select(QueueOut).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    public override ValueTask<SearchHoursOfOperationsResponse> SearchHoursOfOperations(OperationContext context, SearchHoursOfOperationsRequest request)
    {
        var (criteria, filter) = SearchOf(request, ConnectJsonContext.Wire.SearchHoursOfOperationsRequest);
        var result = HoursOfOperations.Search(CallerOf(context), request.InstanceId!, criteria, filter, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new SearchHoursOfOperationsResponse
        {
            HoursOfOperations = result.Page.Items.Select(HoursOut).ToList(),
            NextToken = result.Page.NextToken,
            ApproximateTotalCount = result.TotalCount,
        });
    }

    /// <summary>
    /// A hand-written SearchX's SearchCriteria and SearchFilter, read from the request's wire JSON as the declared
    /// searches read theirs (Declared/SearchJson.cs): the criteria shapes differ only in their single-valued conditions,
    /// so one reading serves SearchQueues, SearchHoursOfOperations, SearchViews and SearchHoursOfOperationOverrides.
    /// </summary>
    private static (Criteria? Criteria, TagFilter? Filter) SearchOf<TRequest>(TRequest request, JsonTypeInfo<TRequest> wire)
    {
        var json = JsonSerializer.SerializeToElement(request, wire);
        return (SearchJson.Criteria(SearchJson.Member(json, "SearchCriteria")), SearchJson.Filter(SearchJson.Member(json, "SearchFilter")));
    }

    private static StringMatch? StringMatchIn(StringCondition? condition) =>
        condition is null ? null : new StringMatch(condition.FieldName, condition.Value, condition.ComparisonType);

    /// <summary>The Queue shape, as DescribeQueue and SearchQueues answer it.</summary>
    private static Model.Shapes.Queue QueueOut(Core.Resources.Queue queue) => new()
    {
        QueueId = queue.Id,
        QueueArn = queue.Arn,
        Name = queue.Name,
        Description = queue.Description,
        HoursOfOperationId = queue.HoursOfOperationId,
        MaxContacts = queue.MaxContacts,
        Status = queue.Status,
        OutboundCallerConfig = queue.OutboundCallerConfig is { } c
            ? new OutboundCallerConfig { OutboundCallerIdName = c.CallerIdName, OutboundCallerIdNumberId = c.CallerIdNumberId, OutboundFlowId = c.OutboundFlowId }
            : null,
        OutboundEmailConfig = queue.OutboundEmailAddressId is { } email ? new OutboundEmailConfig { OutboundEmailAddressId = email } : null,
        Tags = TagsOut(queue.Tags),
        LastModifiedTime = queue.LastModifiedTime,
        LastModifiedRegion = queue.LastModifiedRegion,
    };

    /// <summary>The HoursOfOperation shape, as DescribeHoursOfOperation and SearchHoursOfOperations answer it.</summary>
    private static Model.Shapes.HoursOfOperation HoursOut(HoursOfOperationView view) => new()
    {
        HoursOfOperationId = view.Hours.Id,
        HoursOfOperationArn = view.Hours.Arn,
        Name = view.Hours.Name,
        Description = view.Hours.Description,
        TimeZone = view.Hours.TimeZone,
        Config = view.Hours.Config.Select(SlotOut).ToList(),
        ParentHoursOfOperations = view.Parents.Count == 0
            ? null
            : view.Parents.Select(p => new HoursOfOperationsIdentifier { Id = p.Id, Arn = p.Arn, Name = p.Name }).ToList(),
        Tags = TagsOut(view.Hours.Tags),
        LastModifiedTime = view.Hours.LastModifiedTime,
        LastModifiedRegion = view.Hours.LastModifiedRegion,
    };
}
