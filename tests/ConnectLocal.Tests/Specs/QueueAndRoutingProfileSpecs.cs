using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>
/// The rules of an instance's queues and routing profiles, specified through <see cref="ConnectClient"/>: each spec
/// calls the API as a client would and asserts what a client gets back. The messages are the ones the domain gives
/// (Core/Common/DomainError.cs, Core/RoutingProfiles/RoutingProfileService.cs, Core/Queues/QueueService.cs).
/// </summary>
public sealed class QueueAndRoutingProfileSpecs : IDisposable
{
    private readonly ConnectClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public void CreateInstance_creates_BasicQueue_and_a_default_Basic_Routing_Profile_serving_it_on_every_channel()
    {
        var instanceId = CreateInstance("defaults");

        var queues = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = instanceId }).QueueSummaryList!;
        var basicQueue = Assert.Single(queues);
        Assert.Equal(("BasicQueue", "STANDARD"), (basicQueue.Name, basicQueue.QueueType));

        var profiles = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = instanceId }).RoutingProfileSummaryList!;
        var summary = Assert.Single(profiles);
        Assert.Equal("Basic Routing Profile", summary.Name);

        var profile = DescribeProfile(instanceId, summary.Id!);
        Assert.True(profile.IsDefault);
        Assert.Equal(basicQueue.Id, profile.DefaultOutboundQueueId);
        Assert.Equal(["VOICE 1", "CHAT 2", "TASK 1"], profile.MediaConcurrencies!.Select(c => $"{c.Channel} {c.Concurrency}"));
        Assert.Equal(ConnectClient.DefaultStart, profile.LastModifiedTime);
        Assert.Equal(ConnectClient.DefaultRegion, profile.LastModifiedRegion);

        var served = _client.Invoke<ListRoutingProfileQueuesResponse>(new ListRoutingProfileQueuesRequest { InstanceId = instanceId, RoutingProfileId = summary.Id })
            .RoutingProfileQueueConfigSummaryList!;
        Assert.Equal(["CHAT", "TASK", "VOICE"], served.Select(q => q.Channel!).Order(StringComparer.Ordinal));
        Assert.All(served, q => Assert.Equal((basicQueue.Id, "BasicQueue", 1, 0), (q.QueueId, q.QueueName, q.Priority, q.Delay)));
    }

    [Fact]
    public void UpdateRoutingProfileConcurrency_refuses_VOICE_above_1_with_InvalidParameterException()
    {
        var instanceId = CreateInstance("voice");
        var profileId = BasicRoutingProfileId(instanceId);

        var error = _client.Fails(Concurrency(instanceId, profileId, ("VOICE", 2), ("CHAT", 3)), "InvalidParameterException");

        Assert.Equal("Invalid parameter: concurrency 2 for channel VOICE; VOICE allows exactly 1", error.Message);
    }

    [Fact]
    public void UpdateRoutingProfileConcurrency_above_the_model_range_is_refused_by_validation_before_the_rules()
    {
        var instanceId = CreateInstance("range");
        var profileId = BasicRoutingProfileId(instanceId);

        var error = _client.Fails(Concurrency(instanceId, profileId, ("VOICE", 1), ("CHAT", 11)), "InvalidParameterException");

        Assert.Equal(
            "1 validation error detected: Value '11' at 'mediaConcurrencies.2.member.concurrency' failed to satisfy constraint: Member must have value less than or equal to 10",
            error.Message);
    }

    [Fact]
    public void A_refused_concurrency_update_changes_nothing()
    {
        var instanceId = CreateInstance("unchanged");
        var profileId = BasicRoutingProfileId(instanceId);
        _client.Advance(TimeSpan.FromHours(1));

        _client.Fails(Concurrency(instanceId, profileId, ("VOICE", 2)), "InvalidParameterException");
        _client.Fails(Concurrency(instanceId, profileId, ("CHAT", 3), ("CHAT", 4)), "InvalidParameterException");

        var profile = DescribeProfile(instanceId, profileId);
        Assert.Equal(["VOICE 1", "CHAT 2", "TASK 1"], profile.MediaConcurrencies!.Select(c => $"{c.Channel} {c.Concurrency}"));
        Assert.Equal(ConnectClient.DefaultStart, profile.LastModifiedTime);
    }

    [Fact]
    public void UpdateRoutingProfileConcurrency_replaces_the_channel_set_and_stamps_the_modification()
    {
        var instanceId = CreateInstance("replace");
        var profileId = BasicRoutingProfileId(instanceId);
        _client.Advance(TimeSpan.FromMinutes(5));

        _client.Invoke(Concurrency(instanceId, profileId, ("CHAT", 5)));

        var profile = DescribeProfile(instanceId, profileId);
        Assert.Equal(["CHAT 5"], profile.MediaConcurrencies!.Select(c => $"{c.Channel} {c.Concurrency}"));
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(5), profile.LastModifiedTime);
    }

    [Fact]
    public void CreateQueue_with_a_name_already_used_in_the_instance_is_DuplicateResourceException_and_creates_nothing()
    {
        var instanceId = CreateInstance("duplicate");
        CreateQueue(instanceId, "Sales");

        var error = _client.Fails(
            new CreateQueueRequest { InstanceId = instanceId, Name = "Sales", HoursOfOperationId = BasicHoursId(instanceId) },
            "DuplicateResourceException");

        Assert.Equal("Queue with name 'Sales' already exists", error.Message);
        Assert.Equal(["BasicQueue", "Sales"], AllQueues(instanceId).Select(q => q.Name!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_queue_name_may_be_used_in_another_instance()
    {
        var first = CreateInstance("first");
        var second = CreateInstance("second");

        var one = CreateQueue(first, "Sales");
        var other = CreateQueue(second, "Sales");

        Assert.NotEqual(one, other);
        Assert.EndsWith($":instance/{second}/queue/{other}", _client.Invoke<DescribeQueueResponse>(new DescribeQueueRequest { InstanceId = second, QueueId = other }).Queue!.QueueArn);
    }

    [Fact]
    public void DescribeQueue_of_an_unknown_id_is_ResourceNotFoundException()
    {
        var instanceId = CreateInstance("unknown");

        var error = _client.Fails(new DescribeQueueRequest { InstanceId = instanceId, QueueId = Guid.NewGuid().ToString() }, "ResourceNotFoundException");

        Assert.Equal("Queue not found", error.Message);
        Assert.Equal(404, error.HttpStatus);
    }

    [Fact]
    public void ListQueues_in_pages_of_MaxResults_returns_every_queue_exactly_once()
    {
        var instanceId = CreateInstance("paging");
        var created = Enumerable.Range(1, 7).Select(i => CreateQueue(instanceId, $"Queue {i}")).ToList();

        var pages = new List<List<QueueSummary>>();
        string? nextToken = null;
        do
        {
            var page = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = instanceId, MaxResults = 3, NextToken = nextToken });
            pages.Add(page.QueueSummaryList!);
            nextToken = page.NextToken;
        }
        while (nextToken is not null);

        Assert.Equal([3, 3, 2], pages.Select(p => p.Count));
        var listed = pages.SelectMany(p => p).Select(q => q.Id!).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(created.Append(BasicQueueId(instanceId)).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_NextToken_of_another_instance_is_refused_with_InvalidRequestException()
    {
        var first = CreateInstance("token-first");
        var second = CreateInstance("token-second");
        CreateQueue(first, "Extra");
        var token = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = first, MaxResults = 1 }).NextToken;
        Assert.NotNull(token);

        var error = _client.Fails(new ListQueuesRequest { InstanceId = second, MaxResults = 1, NextToken = token }, "InvalidRequestException");

        Assert.Equal("The nextToken is not valid.", error.Message);
    }

    [Fact]
    public void BasicQueue_cannot_be_deleted_while_the_Basic_Routing_Profile_uses_it_and_the_default_profile_cannot_be_deleted_at_all()
    {
        var instanceId = CreateInstance("in-use");
        var profileId = BasicRoutingProfileId(instanceId);
        var profileArn = DescribeProfile(instanceId, profileId).RoutingProfileArn;

        var inUse = _client.Fails(new DeleteQueueRequest { InstanceId = instanceId, QueueId = BasicQueueId(instanceId) }, "ResourceInUseException");
        Assert.Equal("Queue is in use by routing profile 'Basic Routing Profile'", inUse.Message);
        Assert.Equal("ROUTING_PROFILE", inUse.Fields["ResourceType"]);
        Assert.Equal(profileArn, inUse.Fields["ResourceId"]);

        var isDefault = _client.Fails(new DeleteRoutingProfileRequest { InstanceId = instanceId, RoutingProfileId = profileId }, "InvalidRequestException");
        Assert.Equal("The default routing profile cannot be deleted.", isDefault.Message);
        Assert.Equal(profileId, DescribeProfile(instanceId, profileId).RoutingProfileId);
    }

    [Fact]
    public void An_instance_is_invisible_from_another_Region_and_from_another_account()
    {
        var instanceId = CreateInstance("isolated");
        using var west = _client.InRegion("us-west-2");
        using var other = _client.AsAccount("222222222222");

        Assert.Equal("Instance not found", west.Fails(new DescribeQueueRequest { InstanceId = instanceId, QueueId = BasicQueueId(instanceId) }, "ResourceNotFoundException").Message);
        Assert.Equal("Instance not found", other.Fails(new ListQueuesRequest { InstanceId = instanceId }, "ResourceNotFoundException").Message);
        Assert.Empty(west.Invoke<ListInstancesResponse>(new ListInstancesRequest()).InstanceSummaryList!);
        Assert.Empty(other.Invoke<ListInstancesResponse>(new ListInstancesRequest()).InstanceSummaryList!);
    }

    [Fact]
    public void A_replica_gets_the_source_default_resources_mirrored_with_the_same_ids_in_the_replica_Region()
    {
        var instanceId = CreateInstance("replicated", "SAML");
        using var west = _client.InRegion("us-west-2");

        var replica = _client.Invoke<ReplicateInstanceResponse>(new ReplicateInstanceRequest { InstanceId = instanceId, ReplicaRegion = "us-west-2", ReplicaAlias = "replicated-west" });

        Assert.Equal(instanceId, replica.Id);
        Assert.StartsWith("arn:aws:connect:us-west-2:", replica.Arn);
        var westQueue = Assert.Single(west.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = instanceId }).QueueSummaryList!);
        Assert.Equal("BasicQueue", westQueue.Name);
        // Mirrored configuration (docs/global-resiliency.md): the same id, the ARN in the replica Region.
        Assert.Equal(BasicQueueId(instanceId), westQueue.Id);
        Assert.StartsWith("arn:aws:connect:us-west-2:", westQueue.Arn);
    }

    [Fact]
    public void ReplicateInstance_to_a_Region_not_paired_with_the_source_is_InvalidRequestException()
    {
        var instanceId = CreateInstance("unpaired", "SAML");

        var error = _client.Fails(
            new ReplicateInstanceRequest { InstanceId = instanceId, ReplicaRegion = "eu-west-2", ReplicaAlias = "unpaired-eu" },
            "InvalidRequestException");

        Assert.Equal("Invalid Input. Instances in us-east-1 cannot be replicated to eu-west-2.", error.Message);
        Assert.Null(_client.Invoke<DescribeInstanceResponse>(new DescribeInstanceRequest { InstanceId = instanceId }).ReplicationConfiguration);
    }

    [Fact]
    public void Routing_profile_queue_operations_take_a_queue_ARN_where_they_say_QueueId_and_store_the_id()
    {
        // CloudFormation passes queue ARNs in QueueConfigs and DefaultOutboundQueueId; the profile stores the ids.
        var instanceId = CreateInstance("queue-arns");
        var first = _client.Invoke<CreateQueueResponse>(new CreateQueueRequest { InstanceId = instanceId, Name = "first", HoursOfOperationId = BasicHoursId(instanceId) });
        var second = _client.Invoke<CreateQueueResponse>(new CreateQueueRequest { InstanceId = instanceId, Name = "second", HoursOfOperationId = BasicHoursId(instanceId) });

        var profileId = _client.Invoke<CreateRoutingProfileResponse>(new CreateRoutingProfileRequest
        {
            InstanceId = instanceId,
            Name = "by-arn",
            Description = "queues named by ARN",
            DefaultOutboundQueueId = first.QueueArn,
            MediaConcurrencies = [new MediaConcurrency { Channel = "VOICE", Concurrency = 1 }],
            QueueConfigs = [Config(first.QueueArn!, "VOICE", 1)],
        }).RoutingProfileId!;
        Assert.Equal(first.QueueId, DescribeProfile(instanceId, profileId).DefaultOutboundQueueId);
        Assert.Equal([$"{first.QueueId} VOICE"], ProfileQueues(instanceId, profileId));

        _client.Invoke(new AssociateRoutingProfileQueuesRequest { InstanceId = instanceId, RoutingProfileId = profileId, QueueConfigs = [Config(second.QueueArn!, "CHAT", 2)] });
        _client.Invoke(new DisassociateRoutingProfileQueuesRequest
        {
            InstanceId = instanceId,
            RoutingProfileId = profileId,
            QueueReferences = [new RoutingProfileQueueReference { QueueId = first.QueueArn, Channel = "VOICE" }],
        });
        _client.Invoke(new UpdateRoutingProfileDefaultOutboundQueueRequest { InstanceId = instanceId, RoutingProfileId = profileId, DefaultOutboundQueueId = second.QueueArn });

        Assert.Equal(second.QueueId, DescribeProfile(instanceId, profileId).DefaultOutboundQueueId);
        Assert.Equal([$"{second.QueueId} CHAT"], ProfileQueues(instanceId, profileId));
    }

    [Fact]
    public void A_queue_ARN_of_another_instance_in_a_routing_profile_is_ResourceNotFoundException_and_creates_nothing()
    {
        var instanceId = CreateInstance("queue-arn-home");
        var otherInstanceId = CreateInstance("queue-arn-other");
        var foreignArn = AllQueues(otherInstanceId).Single(q => q.Name == "BasicQueue").Arn!;

        _client.Fails(new CreateRoutingProfileRequest
        {
            InstanceId = instanceId,
            Name = "foreign",
            Description = "a queue of another instance",
            DefaultOutboundQueueId = BasicQueueId(instanceId),
            MediaConcurrencies = [new MediaConcurrency { Channel = "VOICE", Concurrency = 1 }],
            QueueConfigs = [Config(foreignArn, "VOICE", 1)],
        }, "ResourceNotFoundException");

        Assert.DoesNotContain(_client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = instanceId }).RoutingProfileSummaryList!,
            p => p.Name == "foreign");
    }

    private static RoutingProfileQueueConfig Config(string queueIdOrArn, string channel, int priority) => new()
    {
        QueueReference = new RoutingProfileQueueReference { QueueId = queueIdOrArn, Channel = channel },
        Priority = priority,
        Delay = 0,
    };

    private List<string> ProfileQueues(string instanceId, string profileId) =>
        _client.Invoke<ListRoutingProfileQueuesResponse>(new ListRoutingProfileQueuesRequest { InstanceId = instanceId, RoutingProfileId = profileId })
            .RoutingProfileQueueConfigSummaryList!.Select(q => $"{q.QueueId} {q.Channel}").ToList();

    private string CreateInstance(string alias, string identity = "CONNECT_MANAGED") =>
        _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = identity,
            InstanceAlias = alias,
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;

    private string CreateQueue(string instanceId, string name) =>
        _client.Invoke<CreateQueueResponse>(new CreateQueueRequest { InstanceId = instanceId, Name = name, HoursOfOperationId = BasicHoursId(instanceId) }).QueueId!;

    private List<QueueSummary> AllQueues(string instanceId) =>
        _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = instanceId }).QueueSummaryList!;

    private string BasicQueueId(string instanceId) => AllQueues(instanceId).Single(q => q.Name == "BasicQueue").Id!;

    private string BasicHoursId(string instanceId) =>
        _client.Invoke<DescribeQueueResponse>(new DescribeQueueRequest { InstanceId = instanceId, QueueId = BasicQueueId(instanceId) }).Queue!.HoursOfOperationId!;

    private string BasicRoutingProfileId(string instanceId) =>
        _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = instanceId }).RoutingProfileSummaryList!
            .Single(p => p.Name == "Basic Routing Profile").Id!;

    private RoutingProfile DescribeProfile(string instanceId, string profileId) =>
        _client.Invoke<DescribeRoutingProfileResponse>(new DescribeRoutingProfileRequest { InstanceId = instanceId, RoutingProfileId = profileId }).RoutingProfile!;

    private static UpdateRoutingProfileConcurrencyRequest Concurrency(string instanceId, string profileId, params (string Channel, int Concurrency)[] channels) => new()
    {
        InstanceId = instanceId,
        RoutingProfileId = profileId,
        MediaConcurrencies = channels.Select(c => new MediaConcurrency { Channel = c.Channel, Concurrency = c.Concurrency }).ToList(),
    };
}
