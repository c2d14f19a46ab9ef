using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>SearchQueues, SearchHoursOfOperations and SearchUsers; user config, predefined attributes and proficiencies.</summary>
public sealed class UserSearchSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public UserSearchSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "users-search-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    private string BasicHoursId => _client.Invoke<ListHoursOfOperationsResponse>(new ListHoursOfOperationsRequest { InstanceId = _instanceId })
        .HoursOfOperationSummaryList!.Single(h => h.Name == "Basic Hours").Id!;

    private CreateQueueResponse Queue(string name, Dictionary<string, string>? tags = null) => _client.Invoke<CreateQueueResponse>(new CreateQueueRequest
    {
        InstanceId = _instanceId,
        Name = name,
        Description = "desc " + name,
        HoursOfOperationId = BasicHoursId,
        OutboundCallerConfig = new OutboundCallerConfig { OutboundCallerIdName = "Caller " + name },
        Tags = tags,
    });

    private static StringCondition Text(string field, string value, string comparison = "EXACT") =>
        new() { FieldName = field, Value = value, ComparisonType = comparison };

    [Fact]
    public void SearchQueues_matches_names_and_tags_answers_the_Queue_shape_and_counts_all_matches()
    {
        var sales = Queue("sales-east", new Dictionary<string, string> { ["team"] = "sales" });
        Queue("sales-west");
        Queue("support");

        var result = _client.Invoke<SearchQueuesResponse>(new SearchQueuesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new QueueSearchCriteria { StringCondition = Text("name", "SALES", "STARTS_WITH") },
            SearchFilter = new QueueSearchFilter { TagFilter = new ControlPlaneTagFilter { TagCondition = new TagCondition { TagKey = "team", TagValue = "sales" } } },
        });

        var queue = Assert.Single(result.Queues!);
        Assert.Equal((sales.QueueId, sales.QueueArn, "Caller sales-east"), (queue.QueueId, queue.QueueArn, queue.OutboundCallerConfig!.OutboundCallerIdName));
        Assert.Equal("sales", queue.Tags!["team"]);
        Assert.Equal(1, result.ApproximateTotalCount);
        Assert.Equal(ConnectClient.DefaultStart, queue.LastModifiedTime);
    }

    [Fact]
    public void SearchQueues_pages_with_a_token_bound_to_the_criteria_and_QueueTypeCondition_keeps_standard_queues()
    {
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            Queue(name);
        }

        var criteria = new QueueSearchCriteria { QueueTypeCondition = "STANDARD", StringCondition = Text("name", "p", "STARTS_WITH") };
        var first = _client.Invoke<SearchQueuesResponse>(new SearchQueuesRequest { InstanceId = _instanceId, SearchCriteria = criteria, MaxResults = 2 });
        var second = _client.Invoke<SearchQueuesResponse>(new SearchQueuesRequest
        {
            InstanceId = _instanceId, SearchCriteria = criteria, MaxResults = 2, NextToken = first.NextToken,
        });

        Assert.Equal(3, first.ApproximateTotalCount);
        Assert.Equal(["p1", "p2", "p3"], first.Queues!.Concat(second.Queues!).Select(q => q.Name!).Order(StringComparer.Ordinal));
        Assert.Null(second.NextToken);
        _client.Fails(new SearchQueuesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new QueueSearchCriteria { StringCondition = Text("name", "q", "STARTS_WITH") },
            NextToken = first.NextToken,
        }, "InvalidRequestException");
        var unknownField = _client.Fails(new SearchQueuesRequest
        {
            InstanceId = _instanceId, SearchCriteria = new QueueSearchCriteria { StringCondition = Text("timezone", "UTC") },
        }, "InvalidParameterException");
        Assert.Contains("timezone", unknownField.Message);
    }

    [Fact]
    public void SearchHoursOfOperations_searches_by_timezone_and_shows_parent_hours()
    {
        var parent = _client.Invoke<CreateHoursOfOperationResponse>(new CreateHoursOfOperationRequest
        {
            InstanceId = _instanceId, Name = "parent", TimeZone = "Europe/Paris", Config = [],
        });
        _client.Invoke<CreateHoursOfOperationResponse>(new CreateHoursOfOperationRequest
        {
            InstanceId = _instanceId,
            Name = "child",
            TimeZone = "Europe/Paris",
            Config = [],
            ParentHoursOfOperationConfigs = [new ParentHoursOfOperationConfig { HoursOfOperationId = parent.HoursOfOperationId }],
            Tags = new Dictionary<string, string> { ["k"] = "v" },
        });

        var result = _client.Invoke<SearchHoursOfOperationsResponse>(new SearchHoursOfOperationsRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new HoursOfOperationSearchCriteria
            {
                AndConditions =
                [
                    new HoursOfOperationSearchCriteria { StringCondition = Text("timezone", "Europe/Paris") },
                    new HoursOfOperationSearchCriteria { StringCondition = Text("name", "chi", "CONTAINS") },
                ],
            },
        });

        var child = Assert.Single(result.HoursOfOperations!);
        Assert.Equal(("child", "v"), (child.Name, child.Tags!["k"]));
        Assert.Equal(parent.HoursOfOperationId, Assert.Single(child.ParentHoursOfOperations!).Id);
        var all = _client.Invoke<SearchHoursOfOperationsResponse>(new SearchHoursOfOperationsRequest { InstanceId = _instanceId });
        Assert.Equal(3, all.ApproximateTotalCount);
    }
}
