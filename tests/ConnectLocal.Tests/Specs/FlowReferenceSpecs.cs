using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>
/// References to flows (contacts, queues, quick connects), flows and prompts in use, flow associations,
/// UpdatePhoneNumberMetadata and ListPhoneNumbers (docs/flows.md, "Flow references and associations"), in-process.
/// </summary>
public sealed class FlowReferenceSpecs : IDisposable
{
    private const string Missing = "11111111-2222-4333-8444-555555555555";
    private const string Bye = """{"Version":"2019-10-30","StartAction":"bye","Actions":[{"Identifier":"bye","Type":"EndFlowExecution","Parameters":{},"Transitions":{}}]}""";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly Dictionary<string, ContactFlowSummary> _defaults;

    public FlowReferenceSpecs()
    {
        _instanceId = NewInstance("flow-reference-specs");
        _defaults = _client.Invoke<ListContactFlowsResponse>(new ListContactFlowsRequest { InstanceId = _instanceId, MaxResults = 100 })
            .ContactFlowSummaryList!.ToDictionary(f => f.Name!);
    }

    public void Dispose() => _client.Dispose();

    private ContactFlowSummary Inbound => _defaults["Sample inbound flow (first contact experience)"];

    private ContactFlowSummary QueueTransfer => _defaults["Default queue transfer"];

    private ContactFlowSummary AgentTransfer => _defaults["Default agent transfer"];

    private ContactFlowSummary Outbound => _defaults["Default outbound"];

    [Fact]
    public void A_contact_starts_only_in_a_published_active_inbound_flow_of_the_instance()
    {
        Assert.NotNull(Chat(Inbound.Id!).ContactId);
        Assert.NotNull(Chat(Inbound.Arn!).ContactId);

        Assert.Equal("Resource not found of Type: null", _client.Fails(ChatRequest(Missing), "ResourceNotFoundException").Message);
        Assert.Equal("Resource not found of Type: null", _client.Fails(
            new StartTaskContactRequest { InstanceId = _instanceId, ContactFlowId = Missing, Name = "t" }, "ResourceNotFoundException").Message);
        Assert.Equal("Resource not found of Type: null", _client.Fails(new StartOutboundVoiceContactRequest
        {
            InstanceId = _instanceId, ContactFlowId = Missing, DestinationPhoneNumber = "+12065550123", SourcePhoneNumber = "+12065550100",
        }, "ResourceNotFoundException").Message);
        Assert.Contains("QUEUE_TRANSFER", _client.Fails(ChatRequest(QueueTransfer.Id!), "InvalidParameterException").Message);
        var draft = CreateFlow("CONTACT_FLOW", status: "SAVED").ContactFlowId!;
        Assert.Contains("SAVED", _client.Fails(ChatRequest(draft), "InvalidRequestException").Message);
        var archived = CreateFlow("CONTACT_FLOW").ContactFlowId!;
        _client.Invoke(new UpdateContactFlowMetadataRequest { InstanceId = _instanceId, ContactFlowId = archived, ContactFlowState = "ARCHIVED" });
        Assert.Contains("ARCHIVED", _client.Fails(new StartTaskContactRequest { InstanceId = _instanceId, ContactFlowId = archived, Name = "t" }, "InvalidRequestException").Message);
    }

    [Fact]
    public void A_flow_of_another_instance_or_account_is_unknown_to_a_contact()
    {
        var other = NewInstance("flow-reference-other");

        _client.Fails(new StartChatContactRequest { InstanceId = other, ContactFlowId = Inbound.Arn, ParticipantDetails = new ParticipantDetails { DisplayName = "c" } }, "ResourceNotFoundException");
        _client.AsAccount("222222222222").Fails(ChatRequest(Inbound.Id!), "ResourceNotFoundException");
    }

    [Fact]
    public void A_queue_s_outbound_flow_is_an_outbound_whisper_flow_and_a_refused_one_makes_nothing()
    {
        var hours = _client.Invoke<ListHoursOfOperationsResponse>(new ListHoursOfOperationsRequest { InstanceId = _instanceId }).HoursOfOperationSummaryList![0].Id;
        CreateQueueRequest Queue(string flow) => new() { InstanceId = _instanceId, Name = "whispered", HoursOfOperationId = hours, OutboundCallerConfig = new OutboundCallerConfig { OutboundFlowId = flow } };

        Assert.Equal("Contact flow not found", _client.Fails(Queue(Missing), "ResourceNotFoundException").Message);
        _client.Fails(Queue(Inbound.Id!), "InvalidParameterException");
        var queueId = _client.Invoke<CreateQueueResponse>(Queue(Outbound.Arn!)).QueueId;

        _client.Fails(new UpdateQueueOutboundCallerConfigRequest
        {
            InstanceId = _instanceId, QueueId = queueId, OutboundCallerConfig = new OutboundCallerConfig { OutboundFlowId = AgentTransfer.Id },
        }, "InvalidParameterException");
        var queue = _client.Invoke<DescribeQueueResponse>(new DescribeQueueRequest { InstanceId = _instanceId, QueueId = queueId }).Queue!;
        Assert.Equal(Outbound.Arn, queue.OutboundCallerConfig!.OutboundFlowId);
    }

    [Fact]
    public void Quick_connect_flows_have_the_type_their_transfer_needs()
    {
        var queueId = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single().Id;
        var userId = NewUser();
        QuickConnectConfig ToQueue(string flow) => new() { QuickConnectType = "QUEUE", QueueConfig = new QueueQuickConnectConfig { QueueId = queueId, ContactFlowId = flow } };
        QuickConnectConfig ToUser(string flow) => new() { QuickConnectType = "USER", UserConfig = new UserQuickConnectConfig { UserId = userId, ContactFlowId = flow } };
        QuickConnectConfig ToFlow(string flow) => new() { QuickConnectType = "FLOW", FlowConfig = new FlowQuickConnectConfig { ContactFlowId = flow } };

        var made = CreateQuickConnect("q", ToQueue(QueueTransfer.Id!));
        CreateQuickConnect("u", ToUser(AgentTransfer.Arn!));
        CreateQuickConnect("f", ToFlow(Inbound.Id!));

        foreach (var wrong in new[] { ToQueue(AgentTransfer.Id!), ToUser(QueueTransfer.Id!), ToFlow(QueueTransfer.Id!) })
        {
            _client.Fails(new CreateQuickConnectRequest { InstanceId = _instanceId, Name = "wrong", QuickConnectConfig = wrong }, "InvalidParameterException");
        }

        Assert.Equal("Contact flow not found", _client.Fails(new CreateQuickConnectRequest { InstanceId = _instanceId, Name = "none", QuickConnectConfig = ToUser(Missing) }, "ResourceNotFoundException").Message);
        _client.Fails(new UpdateQuickConnectConfigRequest { InstanceId = _instanceId, QuickConnectId = made, QuickConnectConfig = ToQueue(Inbound.Id!) }, "InvalidParameterException");
    }

    [Fact]
    public void A_flow_in_use_cannot_be_deleted_until_its_users_let_go()
    {
        var transfer = CreateFlow("QUEUE_TRANSFER").ContactFlowId!;
        var queueId = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single().Id;
        var quickConnect = CreateQuickConnect("uses transfer", new QuickConnectConfig
        {
            QuickConnectType = "QUEUE", QueueConfig = new QueueQuickConnectConfig { QueueId = queueId, ContactFlowId = transfer },
        });
        Assert.Contains("quick connect", DeleteFlowFails(transfer));
        _client.Invoke(new DeleteQuickConnectRequest { InstanceId = _instanceId, QuickConnectId = quickConnect });
        DeleteFlow(transfer);

        var target = CreateFlow("CONTACT_FLOW");
        var module = _client.Invoke<CreateContactFlowModuleResponse>(new CreateContactFlowModuleRequest
        {
            InstanceId = _instanceId, Name = "transfers",
            Content = $$$"""{"Version":"2019-10-30","StartAction":"go","Actions":[{"Identifier":"go","Type":"TransferToFlow","Parameters":{"ContactFlowId":"{{{target.ContactFlowArn}}}"},"Transitions":{"Errors":[{"NextAction":"done","ErrorType":"NoMatchingError"}]}},{"Identifier":"done","Type":"EndFlowModuleExecution","Parameters":{},"Transitions":{}}]}""",
        });
        Assert.Contains("contact flow module", DeleteFlowFails(target.ContactFlowId!));
        _client.Invoke(new DeleteContactFlowModuleRequest { InstanceId = _instanceId, ContactFlowModuleId = module.Id });

        var (numberId, _) = Claim();
        _client.Invoke(new AssociatePhoneNumberContactFlowRequest { PhoneNumberId = numberId, InstanceId = _instanceId, ContactFlowId = target.ContactFlowId });
        Assert.Contains("phone number", DeleteFlowFails(target.ContactFlowId!));
        _client.Invoke(new DisassociatePhoneNumberContactFlowRequest { PhoneNumberId = numberId, InstanceId = _instanceId });

        var sms = $"arn:aws:sms-voice:us-east-1:{ConnectClient.DefaultAccount}:phone-number/phone-1";
        _client.Invoke<AssociateFlowResponse>(new AssociateFlowRequest { InstanceId = _instanceId, ResourceId = sms, FlowId = target.ContactFlowId, ResourceType = "SMS_PHONE_NUMBER" });
        Assert.Contains(sms, DeleteFlowFails(target.ContactFlowId!));
        _client.Invoke<DisassociateFlowResponse>(new DisassociateFlowRequest { InstanceId = _instanceId, ResourceId = sms, ResourceType = "SMS_PHONE_NUMBER" });

        DeleteFlow(target.ContactFlowId!);
    }

    [Fact]
    public void A_prompt_a_flow_or_module_plays_cannot_be_deleted()
    {
        var prompt = _client.Invoke<CreatePromptResponse>(new CreatePromptRequest { InstanceId = _instanceId, Name = "hello", S3Uri = "s3://bucket/hello.wav" });
        var plays = $$$"""{"Version":"2019-10-30","StartAction":"hi","Actions":[{"Identifier":"hi","Type":"MessageParticipant","Parameters":{"PromptId":"{{{prompt.PromptARN}}}"},"Transitions":{"NextAction":"bye","Errors":[{"NextAction":"bye","ErrorType":"NoMatchingError"}]}},{"Identifier":"bye","Type":"EndFlowExecution","Parameters":{},"Transitions":{}}]}""";
        var flow = CreateFlow("CONTACT_FLOW", content: plays).ContactFlowId!;

        var error = _client.Fails(new DeletePromptRequest { InstanceId = _instanceId, PromptId = prompt.PromptId }, "InvalidRequestException");

        Assert.Contains("contact flow", error.Message);
        DeleteFlow(flow);
        _client.Invoke(new DeletePromptRequest { InstanceId = _instanceId, PromptId = prompt.PromptId });
    }

    [Fact]
    public void A_number_s_flow_is_listed_as_a_voice_number_association_and_replaced_by_a_new_one()
    {
        var (numberId, numberArn) = Claim();
        var first = CreateFlow("CONTACT_FLOW");
        var second = CreateFlow("CONTACT_FLOW");

        _client.Invoke(new AssociatePhoneNumberContactFlowRequest { PhoneNumberId = numberId, InstanceId = _instanceId, ContactFlowId = first.ContactFlowId });
        _client.Invoke(new AssociatePhoneNumberContactFlowRequest { PhoneNumberId = numberArn, InstanceId = _instanceId, ContactFlowId = second.ContactFlowArn });

        var listed = _client.Invoke<ListFlowAssociationsResponse>(new ListFlowAssociationsRequest { InstanceId = _instanceId, ResourceType = "VOICE_PHONE_NUMBER" }).FlowAssociationSummaryList!;
        var only = Assert.Single(listed);
        Assert.Equal((numberArn, second.ContactFlowArn, "VOICE_PHONE_NUMBER"), (only.ResourceId, only.FlowId, only.ResourceType));
        var batch = _client.Invoke<BatchGetFlowAssociationResponse>(new BatchGetFlowAssociationRequest { InstanceId = _instanceId, ResourceIds = [numberArn, Missing] });
        Assert.Equal(numberArn, Assert.Single(batch.FlowAssociationSummaryList!).ResourceId);
        _client.Invoke(new DisassociatePhoneNumberContactFlowRequest { PhoneNumberId = numberId, InstanceId = _instanceId });
        Assert.Empty(_client.Invoke<ListFlowAssociationsResponse>(new ListFlowAssociationsRequest { InstanceId = _instanceId }).FlowAssociationSummaryList!);
    }

    [Fact]
    public void A_number_takes_only_a_usable_inbound_flow_and_only_from_its_own_instance()
    {
        var (numberId, _) = Claim();
        AssociatePhoneNumberContactFlowRequest Associate(string flow, string? instance = null) =>
            new() { PhoneNumberId = numberId, InstanceId = instance ?? _instanceId, ContactFlowId = flow };

        Assert.Equal("Contact flow not found", _client.Fails(Associate(Missing), "ResourceNotFoundException").Message);
        _client.Fails(Associate(QueueTransfer.Id!), "InvalidParameterException");
        _client.Fails(Associate(CreateFlow("CONTACT_FLOW", status: "SAVED").ContactFlowId!), "InvalidParameterException");
        var other = NewInstance("flow-reference-numberless");
        Assert.Equal("Phone number not found", _client.Fails(Associate(Inbound.Id!, other), "ResourceNotFoundException").Message);
        _client.AsAccount("222222222222").Fails(Associate(Inbound.Id!), "ResourceNotFoundException");
    }

    [Fact]
    public void AssociateFlow_keeps_one_flow_per_resource_and_type()
    {
        var sms = $"arn:aws:sms-voice:us-east-1:{ConnectClient.DefaultAccount}:phone-number/phone-2";
        var flow = CreateFlow("CONTACT_FLOW");
        var whisper = CreateFlow("OUTBOUND_WHISPER");

        _client.Invoke<AssociateFlowResponse>(new AssociateFlowRequest { InstanceId = _instanceId, ResourceId = sms, FlowId = flow.ContactFlowArn, ResourceType = "SMS_PHONE_NUMBER" });
        _client.Invoke<AssociateFlowResponse>(new AssociateFlowRequest { InstanceId = _instanceId, ResourceId = sms, FlowId = whisper.ContactFlowId, ResourceType = "OUTBOUND_EMAIL" });

        var got = _client.Invoke<GetFlowAssociationResponse>(new GetFlowAssociationRequest { InstanceId = _instanceId, ResourceId = sms, ResourceType = "SMS_PHONE_NUMBER" });
        Assert.Equal((sms, flow.ContactFlowArn, "SMS_PHONE_NUMBER"), (got.ResourceId, got.FlowId, got.ResourceType));
        var outbound = _client.Invoke<ListFlowAssociationsResponse>(new ListFlowAssociationsRequest { InstanceId = _instanceId, ResourceType = "OUTBOUND_EMAIL" }).FlowAssociationSummaryList!;
        Assert.Equal(whisper.ContactFlowArn, Assert.Single(outbound).FlowId);
        Assert.Equal(2, _client.Invoke<BatchGetFlowAssociationResponse>(new BatchGetFlowAssociationRequest { InstanceId = _instanceId, ResourceIds = [sms] }).FlowAssociationSummaryList!.Count);

        _client.Invoke<DisassociateFlowResponse>(new DisassociateFlowRequest { InstanceId = _instanceId, ResourceId = sms, ResourceType = "SMS_PHONE_NUMBER" });

        Assert.Equal("Flow association not found", _client.Fails(new GetFlowAssociationRequest { InstanceId = _instanceId, ResourceId = sms, ResourceType = "SMS_PHONE_NUMBER" }, "ResourceNotFoundException").Message);
        _client.Fails(new DisassociateFlowRequest { InstanceId = _instanceId, ResourceId = sms, ResourceType = "SMS_PHONE_NUMBER" }, "ResourceNotFoundException");
        _client.Invoke<GetFlowAssociationResponse>(new GetFlowAssociationRequest { InstanceId = _instanceId, ResourceId = sms, ResourceType = "OUTBOUND_EMAIL" });
    }

    [Fact]
    public void AssociateFlow_refuses_a_foreign_resource_and_an_unusable_flow()
    {
        AssociateFlowRequest Associate(string resource, string flow, string type = "WHATSAPP_MESSAGING_PHONE_NUMBER") =>
            new() { InstanceId = _instanceId, ResourceId = resource, FlowId = flow, ResourceType = type };
        var mine = $"arn:aws:social-messaging:us-east-1:{ConnectClient.DefaultAccount}:phone-number-id/wa-1";

        Assert.Equal("Resource not found", _client.Fails(Associate("arn:aws:social-messaging:us-east-1:999999999999:phone-number-id/wa-1", Inbound.Id!), "ResourceNotFoundException").Message);
        _client.Fails(Associate($"arn:aws:social-messaging:eu-west-1:{ConnectClient.DefaultAccount}:phone-number-id/wa-1", Inbound.Id!), "ResourceNotFoundException");
        _client.Fails(Associate("not-an-arn", Inbound.Id!), "ResourceNotFoundException");
        Assert.Equal("Contact flow not found", _client.Fails(Associate(mine, Missing), "ResourceNotFoundException").Message);
        _client.Fails(Associate(mine, AgentTransfer.Id!), "InvalidParameterException");
        _client.Fails(Associate(mine, Outbound.Id!, "INBOUND_EMAIL"), "InvalidParameterException");
        _client.Fails(Associate(mine, CreateFlow("CONTACT_FLOW", status: "SAVED").ContactFlowId!), "InvalidRequestException");
        Assert.Empty(_client.Invoke<ListFlowAssociationsResponse>(new ListFlowAssociationsRequest { InstanceId = _instanceId }).FlowAssociationSummaryList!);
    }

    [Fact]
    public void An_email_address_named_by_its_connect_arn_must_be_one_of_the_instance()
    {
        var email = _client.Invoke<CreateEmailAddressResponse>(new CreateEmailAddressRequest { InstanceId = _instanceId, EmailAddress = "support@example.com" });
        var other = NewInstance("flow-reference-mail");
        var elsewhere = _client.Invoke<CreateEmailAddressResponse>(new CreateEmailAddressRequest { InstanceId = other, EmailAddress = "sales@example.com" });
        AssociateFlowRequest Associate(string resource) => new() { InstanceId = _instanceId, ResourceId = resource, FlowId = Inbound.Id, ResourceType = "INBOUND_EMAIL" };

        _client.Invoke<AssociateFlowResponse>(Associate(email.EmailAddressArn!));

        Assert.Equal("Email address not found", _client.Fails(Associate(elsewhere.EmailAddressArn!), "ResourceNotFoundException").Message);
        Assert.Equal("Email address not found", _client.Fails(Associate(email.EmailAddressArn!.Replace(email.EmailAddressId!, Missing, StringComparison.Ordinal)), "ResourceNotFoundException").Message);
        var listed = _client.Invoke<ListFlowAssociationsResponse>(new ListFlowAssociationsRequest { InstanceId = _instanceId, ResourceType = "INBOUND_EMAIL" }).FlowAssociationSummaryList!;
        Assert.Equal(email.EmailAddressArn, Assert.Single(listed).ResourceId);
    }

    [Fact]
    public void UpdatePhoneNumberMetadata_sets_clears_or_keeps_the_description_and_replays_its_token()
    {
        var (numberId, numberArn) = Claim();
        string? Description() => _client.Invoke<DescribePhoneNumberResponse>(new DescribePhoneNumberRequest { PhoneNumberId = numberId }).ClaimedPhoneNumberSummary!.PhoneNumberDescription;

        _client.Invoke(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = numberArn, PhoneNumberDescription = "front desk", ClientToken = "t1" });
        _client.Invoke(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = numberArn, PhoneNumberDescription = "front desk", ClientToken = "t1" });
        Assert.Equal("front desk", Description());
        _client.Fails(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = numberArn, PhoneNumberDescription = "lobby", ClientToken = "t1" }, "IdempotencyException");
        _client.Invoke(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = numberId });
        Assert.Equal("front desk", Description());
        _client.Invoke(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = numberId, PhoneNumberDescription = "" });
        Assert.Null(Description());
        _client.Fails(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = Missing, PhoneNumberDescription = "x" }, "ResourceNotFoundException");
        _client.AsAccount("222222222222").Fails(new UpdatePhoneNumberMetadataRequest { PhoneNumberId = numberArn, PhoneNumberDescription = "x" }, "ResourceNotFoundException");
    }

    [Fact]
    public void ListPhoneNumbers_shows_the_instance_s_numbers_with_their_instance_arn()
    {
        var (numberId, numberArn) = Claim();
        var instanceArn = _client.Invoke<DescribeInstanceResponse>(new DescribeInstanceRequest { InstanceId = _instanceId }).Instance!.Arn;

        var listed = Assert.Single(_client.Invoke<ListPhoneNumbersResponse>(new ListPhoneNumbersRequest { InstanceId = _instanceId }).PhoneNumberSummaryList!);

        Assert.Equal((numberId, $"{instanceArn}/phone-number/{numberId}", "DID", "US"), (listed.Id, listed.Arn, listed.PhoneNumberType, listed.PhoneNumberCountryCode));
        Assert.NotEqual(numberArn, listed.Arn);
        Assert.Empty(_client.Invoke<ListPhoneNumbersResponse>(new ListPhoneNumbersRequest { InstanceId = _instanceId, PhoneNumberTypes = ["TOLL_FREE"] }).PhoneNumberSummaryList!);
        Assert.Empty(_client.Invoke<ListPhoneNumbersResponse>(new ListPhoneNumbersRequest { InstanceId = NewInstance("flow-reference-empty") }).PhoneNumberSummaryList!);
        _client.Fails(new ListPhoneNumbersRequest { InstanceId = Missing }, "ResourceNotFoundException");
    }

    private string NewInstance(string alias) =>
        _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = alias, InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;

    private StartChatContactRequest ChatRequest(string flow) =>
        new() { InstanceId = _instanceId, ContactFlowId = flow, ParticipantDetails = new ParticipantDetails { DisplayName = "Customer" } };

    private StartChatContactResponse Chat(string flow) => _client.Invoke<StartChatContactResponse>(ChatRequest(flow));

    private CreateContactFlowResponse CreateFlow(string type, string? status = null, string content = Bye) =>
        _client.Invoke<CreateContactFlowResponse>(new CreateContactFlowRequest
        {
            InstanceId = _instanceId, Name = "flow-" + Guid.NewGuid().ToString("N")[..8], Type = type, Content = content, Status = status,
        });

    private void DeleteFlow(string id) => _client.Invoke(new DeleteContactFlowRequest { InstanceId = _instanceId, ContactFlowId = id });

    private string DeleteFlowFails(string id) =>
        _client.Fails(new DeleteContactFlowRequest { InstanceId = _instanceId, ContactFlowId = id }, "InvalidRequestException").Message;

    private string CreateQuickConnect(string name, QuickConnectConfig config) =>
        _client.Invoke<CreateQuickConnectResponse>(new CreateQuickConnectRequest { InstanceId = _instanceId, Name = name, QuickConnectConfig = config }).QuickConnectId!;

    private (string Id, string Arn) Claim()
    {
        var number = _client.Invoke<SearchAvailablePhoneNumbersResponse>(new SearchAvailablePhoneNumbersRequest
        {
            InstanceId = _instanceId, PhoneNumberCountryCode = "US", PhoneNumberType = "DID", MaxResults = 1,
        }).AvailableNumbersList![0].PhoneNumber;
        var claimed = _client.Invoke<ClaimPhoneNumberResponse>(new ClaimPhoneNumberRequest { InstanceId = _instanceId, PhoneNumber = number });
        return (claimed.PhoneNumberId!, claimed.PhoneNumberArn!);
    }

    private string NewUser()
    {
        var profile = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = _instanceId }).RoutingProfileSummaryList![0].Id;
        var security = _client.Invoke<ListSecurityProfilesResponse>(new ListSecurityProfilesRequest { InstanceId = _instanceId }).SecurityProfileSummaryList![0].Id;
        return _client.Invoke<CreateUserResponse>(new CreateUserRequest
        {
            InstanceId = _instanceId, Username = "agent-" + Guid.NewGuid().ToString("N")[..8], Password = "Passw0rd!Passw0rd",
            IdentityInfo = new UserIdentityInfo { FirstName = "Ada", LastName = "L" }, PhoneConfig = new UserPhoneConfig { PhoneType = "SOFT_PHONE" },
            SecurityProfileIds = [security!], RoutingProfileId = profile,
        }).UserId!;
    }
}
