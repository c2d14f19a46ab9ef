using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Quick connects, the first family answered from a declaration (docs/development.md), specified in-process.</summary>
public sealed class QuickConnectSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public QuickConnectSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "quick-connect-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_phone_number_quick_connect_is_stored_as_sent_and_stamped()
    {
        var created = Create("front desk", Phone("+12065550100"), description: "lobby");

        var described = Describe(created.QuickConnectId!);

        Assert.Equal(created.QuickConnectARN, described.QuickConnectARN);
        Assert.EndsWith($"/transfer-destination/{created.QuickConnectId}", created.QuickConnectARN);
        Assert.Equal(("front desk", "lobby"), (described.Name, described.Description));
        Assert.Equal("PHONE_NUMBER", described.QuickConnectConfig!.QuickConnectType);
        Assert.Equal("+12065550100", described.QuickConnectConfig.PhoneConfig!.PhoneNumber);
        Assert.Equal(ConnectClient.DefaultStart, described.LastModifiedTime);
        Assert.Equal(ConnectClient.DefaultRegion, described.LastModifiedRegion);
    }

    [Fact]
    public void The_configuration_must_be_the_one_the_type_names()
    {
        var config = new QuickConnectConfig { QuickConnectType = "QUEUE", PhoneConfig = new PhoneNumberQuickConnectConfig { PhoneNumber = "+12065550100" } };

        var error = _client.Fails(new CreateQuickConnectRequest { InstanceId = _instanceId, Name = "x", QuickConnectConfig = config }, "InvalidParameterException");

        Assert.Contains("QUEUE takes QueueConfig", error.Message);
    }

    [Fact]
    public void A_queue_quick_connect_names_a_standard_queue_of_the_instance()
    {
        var basicQueue = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single();
        // A QUEUE quick connect transfers through a queue-transfer flow (docs/flows.md): the instance's default one.
        var flow = _client.Invoke<ListContactFlowsResponse>(new ListContactFlowsRequest { InstanceId = _instanceId, ContactFlowTypes = ["QUEUE_TRANSFER"] })
            .ContactFlowSummaryList!.Single(f => f.Name == "Default queue transfer").Id;
        var toQueue = new QuickConnectConfig { QuickConnectType = "QUEUE", QueueConfig = new QueueQuickConnectConfig { QueueId = basicQueue.Arn, ContactFlowId = flow } };

        var created = Create("to basic queue", toQueue);

        Assert.Equal(basicQueue.Arn, Describe(created.QuickConnectId!).QuickConnectConfig!.QueueConfig!.QueueId);
        var missing = new QuickConnectConfig { QuickConnectType = "QUEUE", QueueConfig = new QueueQuickConnectConfig { QueueId = "missing", ContactFlowId = flow } };
        Assert.Equal("Queue not found", _client.Fails(new CreateQuickConnectRequest { InstanceId = _instanceId, Name = "y", QuickConnectConfig = missing }, "ResourceNotFoundException").Message);
    }

    [Fact]
    public void A_quick_connect_of_another_Region_or_account_is_not_found()
    {
        var created = Create("here only", Phone("+12065550100"));

        _client.InRegion("us-west-2").Fails(new DescribeQuickConnectRequest { InstanceId = _instanceId, QuickConnectId = created.QuickConnectId }, "ResourceNotFoundException");
        _client.AsAccount("222222222222").Fails(new DescribeQuickConnectRequest { InstanceId = _instanceId, QuickConnectId = created.QuickConnectARN }, "ResourceNotFoundException");
    }

    [Fact]
    public void An_update_stamps_the_modification_and_keeps_members_left_out()
    {
        var created = Create("stamped", Phone("+12065550100"), description: "kept");
        _client.Advance(TimeSpan.FromMinutes(5));

        _client.Invoke(new UpdateQuickConnectNameRequest { InstanceId = _instanceId, QuickConnectId = created.QuickConnectId, Name = "renamed" });

        var described = Describe(created.QuickConnectId!);
        Assert.Equal(("renamed", "kept"), (described.Name, described.Description));
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(5), described.LastModifiedTime);
    }

    [Fact]
    public void The_instance_quota_answers_LimitExceededException()
    {
        using var client = new ConnectClient(new ConnectLocal.Core.Common.ConnectSettings { QuickConnectsPerInstance = 2 });
        var instanceId = client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "quota", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id;
        foreach (var name in new[] { "one", "two" })
        {
            client.Invoke<CreateQuickConnectResponse>(new CreateQuickConnectRequest { InstanceId = instanceId, Name = name, QuickConnectConfig = Phone("+12065550100") });
        }

        client.Fails(new CreateQuickConnectRequest { InstanceId = instanceId, Name = "three", QuickConnectConfig = Phone("+12065550100") }, "LimitExceededException");
    }

    [Fact]
    public void Search_is_bounded_by_the_model_page_size_and_counts_every_match()
    {
        for (var i = 0; i < 7; i++)
        {
            Create($"line {i}", Phone("+12065550100"));
        }

        var page = _client.Invoke<SearchQuickConnectsResponse>(new SearchQuickConnectsRequest { InstanceId = _instanceId, MaxResults = 3 });
        var rest = _client.Invoke<SearchQuickConnectsResponse>(new SearchQuickConnectsRequest { InstanceId = _instanceId, MaxResults = 3, NextToken = page.NextToken });

        Assert.Equal(7, page.ApproximateTotalCount);
        Assert.Equal(3, page.QuickConnects!.Count);
        Assert.Empty(page.QuickConnects.Select(q => q.QuickConnectId).Intersect(rest.QuickConnects!.Select(q => q.QuickConnectId)));
        var other = new QuickConnectSearchCriteria { StringCondition = new StringCondition { FieldName = "name", Value = "line", ComparisonType = "CONTAINS" } };
        _client.Fails(new SearchQuickConnectsRequest { InstanceId = _instanceId, NextToken = page.NextToken, SearchCriteria = other }, "InvalidRequestException");
    }

    private CreateQuickConnectResponse Create(string name, QuickConnectConfig config, string? description = null) =>
        _client.Invoke<CreateQuickConnectResponse>(new CreateQuickConnectRequest { InstanceId = _instanceId, Name = name, Description = description, QuickConnectConfig = config });

    private QuickConnect Describe(string id) =>
        _client.Invoke<DescribeQuickConnectResponse>(new DescribeQuickConnectRequest { InstanceId = _instanceId, QuickConnectId = id }).QuickConnect!;

    private static QuickConnectConfig Phone(string number) =>
        new() { QuickConnectType = "PHONE_NUMBER", PhoneConfig = new PhoneNumberQuickConnectConfig { PhoneNumber = number } };
}
