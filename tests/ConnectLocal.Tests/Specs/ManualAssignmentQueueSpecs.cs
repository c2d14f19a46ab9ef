using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Manual-assignment queues of routing profiles (issue 15), specified in-process.</summary>
public sealed class ManualAssignmentQueueSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly ListQueuesResponse _queues;

    public ManualAssignmentQueueSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "manual-queue-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
        _queues = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] });
    }

    private QueueSummary Basic => _queues.QueueSummaryList!.Single();

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_profile_created_with_manual_queues_lists_them_apart_from_its_routed_queues()
    {
        var profile = Create(Manual(Basic.Arn!, "CHAT"), Manual(Basic.Id!, "TASK"));

        var listed = List(profile.RoutingProfileId!);

        Assert.Equal(
            [(Basic.Id, Basic.Arn, "BasicQueue", "CHAT"), (Basic.Id, Basic.Arn, "BasicQueue", "TASK")],
            listed.RoutingProfileManualAssignmentQueueConfigSummaryList!.Select(q => (q.QueueId, q.QueueArn, q.QueueName, q.Channel)));
        Assert.Empty(_client.Invoke<ListRoutingProfileQueuesResponse>(new ListRoutingProfileQueuesRequest { InstanceId = _instanceId, RoutingProfileId = profile.RoutingProfileId }).RoutingProfileQueueConfigSummaryList!);
        var described = _client.Invoke<DescribeRoutingProfileResponse>(new DescribeRoutingProfileRequest { InstanceId = _instanceId, RoutingProfileId = profile.RoutingProfileId }).RoutingProfile!;
        Assert.Equal((0L, 1L), (described.NumberOfAssociatedQueues, described.NumberOfAssociatedManualAssignmentQueues));
    }

    [Fact]
    public void Voice_is_refused_and_the_queue_must_be_a_standard_queue_of_the_instance()
    {
        _client.Fails(CreateRequest(Manual(Basic.Id!, "VOICE")), "InvalidParameterException");
        _client.Fails(CreateRequest(Manual("00000000-0000-4000-8000-000000000000", "CHAT")), "ResourceNotFoundException");
        _client.Fails(CreateRequest(Manual(Basic.Id!, "CHAT"), Manual(Basic.Arn!, "CHAT")), "InvalidParameterException");
    }

    [Fact]
    public void Associate_adds_pairs_once_and_disassociate_removes_them()
    {
        var profile = Create().RoutingProfileId;

        _client.Invoke(new AssociateRoutingProfileQueuesRequest { InstanceId = _instanceId, RoutingProfileId = profile, ManualAssignmentQueueConfigs = [Manual(Basic.Id!, "EMAIL")] });

        Assert.Equal(["EMAIL"], List(profile!).RoutingProfileManualAssignmentQueueConfigSummaryList!.Select(q => q.Channel));
        _client.Fails(new AssociateRoutingProfileQueuesRequest { InstanceId = _instanceId, RoutingProfileId = profile, ManualAssignmentQueueConfigs = [Manual(Basic.Arn!, "EMAIL")] }, "InvalidParameterException");
        _client.Fails(new DisassociateRoutingProfileQueuesRequest
        {
            InstanceId = _instanceId,
            RoutingProfileId = profile,
            ManualAssignmentQueueReferences = [new RoutingProfileQueueReference { QueueId = Basic.Id, Channel = "CHAT" }],
        }, "InvalidParameterException");

        _client.Invoke(new DisassociateRoutingProfileQueuesRequest
        {
            InstanceId = _instanceId,
            RoutingProfileId = profile,
            ManualAssignmentQueueReferences = [new RoutingProfileQueueReference { QueueId = Basic.Arn, Channel = "EMAIL" }],
        });

        Assert.Empty(List(profile!).RoutingProfileManualAssignmentQueueConfigSummaryList!);
    }

    [Fact]
    public void A_queue_a_profile_picks_from_cannot_be_deleted()
    {
        var hours = _client.Invoke<ListHoursOfOperationsResponse>(new ListHoursOfOperationsRequest { InstanceId = _instanceId }).HoursOfOperationSummaryList!.Single().Id;
        var queue = _client.Invoke<CreateQueueResponse>(new CreateQueueRequest { InstanceId = _instanceId, Name = "worklist", HoursOfOperationId = hours });
        var profile = Create(Manual(queue.QueueId!, "CHAT")).RoutingProfileId;

        _client.Fails(new DeleteQueueRequest { InstanceId = _instanceId, QueueId = queue.QueueId }, "ResourceInUseException");

        _client.Invoke(new DisassociateRoutingProfileQueuesRequest
        {
            InstanceId = _instanceId,
            RoutingProfileId = profile,
            ManualAssignmentQueueReferences = [new RoutingProfileQueueReference { QueueId = queue.QueueId, Channel = "CHAT" }],
        });
        _client.Invoke(new DeleteQueueRequest { InstanceId = _instanceId, QueueId = queue.QueueId });
    }

    [Fact]
    public void A_call_with_neither_list_is_still_refused()
    {
        var profile = Create().RoutingProfileId;

        _client.Fails(new AssociateRoutingProfileQueuesRequest { InstanceId = _instanceId, RoutingProfileId = profile }, "InvalidParameterException");
        _client.Fails(new DisassociateRoutingProfileQueuesRequest { InstanceId = _instanceId, RoutingProfileId = profile }, "InvalidParameterException");
    }

    private static RoutingProfileManualAssignmentQueueConfig Manual(string queue, string channel) =>
        new() { QueueReference = new RoutingProfileQueueReference { QueueId = queue, Channel = channel } };

    private ListRoutingProfileManualAssignmentQueuesResponse List(string profileId) =>
        _client.Invoke<ListRoutingProfileManualAssignmentQueuesResponse>(new ListRoutingProfileManualAssignmentQueuesRequest { InstanceId = _instanceId, RoutingProfileId = profileId });

    private CreateRoutingProfileRequest CreateRequest(params RoutingProfileManualAssignmentQueueConfig[] manual) => new()
    {
        InstanceId = _instanceId,
        Name = $"profile-{Guid.NewGuid():N}",
        Description = "d",
        DefaultOutboundQueueId = Basic.Id,
        MediaConcurrencies = [new MediaConcurrency { Channel = "CHAT", Concurrency = 2 }],
        ManualAssignmentQueueConfigs = manual.Length == 0 ? null : [.. manual],
    };

    private CreateRoutingProfileResponse Create(params RoutingProfileManualAssignmentQueueConfig[] manual) =>
        _client.Invoke<CreateRoutingProfileResponse>(CreateRequest(manual));
}
