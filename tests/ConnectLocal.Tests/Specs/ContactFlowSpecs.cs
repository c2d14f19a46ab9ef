using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Contact flows: content kept as sent and checked as flow language (docs/flows.md), specified in-process.</summary>
public sealed class ContactFlowSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public ContactFlowSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "contact-flow-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Content_is_stored_byte_for_byte_and_its_sha256_is_shown()
    {
        var content = "{ \"Version\": \"2019-10-30\",\n  \"StartAction\": \"bye\", \"Actions\": [ {\"Identifier\": \"bye\", \"Type\": \"DisconnectParticipant\", \"Parameters\": {}, \"Transitions\": {}} ] }";

        var created = Create("kept", content);
        var described = Describe(created.ContactFlowId!);

        Assert.Equal(content, described.Content);
        Assert.Equal(("CONTACT_FLOW", "ACTIVE", "PUBLISHED"), (described.Type, described.State, described.Status));
        Assert.Equal(created.FlowContentSha256, described.FlowContentSha256);
        Assert.Equal(64, described.FlowContentSha256!.Length);
        Assert.EndsWith($"/contact-flow/{created.ContactFlowId}", created.ContactFlowArn);
    }

    [Fact]
    public void Content_that_is_not_json_is_one_problem()
    {
        Assert.Equal(["The flow content is not valid JSON."], Problems(Request("x", "{\"Version\":")));
    }

    [Fact]
    public void A_missing_start_action_repeated_identifiers_and_a_dangling_transition_are_each_reported()
    {
        var content = Flow(start: null, Action("a", "MessageParticipant", "{\"Text\":\"hi\"}", "\"NextAction\":\"nowhere\""), Action("a", "DisconnectParticipant"));

        var problems = Problems(Request("broken", content));

        Assert.Equal(
            ["StartAction is required.", "a: Identifier is used by more than one action.", "a: Transition to 'nowhere', which is not an action of the flow."],
            problems);
    }

    [Fact]
    public void Unknown_action_types_and_actions_outside_their_flow_types_are_refused()
    {
        var content = Flow("q", Action("q", "DequeueContactAndTransferToQueue", transitions: "\"Errors\":[{\"NextAction\":\"x\",\"ErrorType\":\"NoMatchingError\"}]"), Action("x", "Teleport"));

        Assert.Equal(
            ["q: Action type 'DequeueContactAndTransferToQueue' is not allowed in a CONTACT_FLOW flow.", "x: Action type 'Teleport' is not supported."],
            Problems(Request("types", content)));
        Create("in a queue flow", Flow("q", Action("q", "DequeueContactAndTransferToQueue")), "CUSTOMER_QUEUE");
    }

    [Fact]
    public void Conditions_are_refused_on_an_action_that_has_none()
    {
        var content = Flow("d", Action("d", "DisconnectParticipant", transitions: "\"Conditions\":[{\"NextAction\":\"d\"}]"));

        Assert.Equal(["d: Action type 'DisconnectParticipant' has no Conditions."], Problems(Request("conditions", content)));
    }

    [Fact]
    public void References_must_name_resources_of_the_instance_and_dynamic_values_are_not_checked()
    {
        var basicQueue = _client.Invoke<ListQueuesResponse>(new ListQueuesRequest { InstanceId = _instanceId, QueueTypes = ["STANDARD"] }).QueueSummaryList!.Single();
        var ok = Flow("q", Action("q", "UpdateContactTargetQueue", $"{{\"QueueId\":\"{basicQueue.Arn}\"}}", "\"NextAction\":\"d\""), Action("d", "DisconnectParticipant", "{\"QueueId\":\"$.Attributes.q\"}"));
        Create("names basic queue", ok);

        var bad = Flow("p", Action("p", "MessageParticipant", "{\"PromptId\":\"missing-prompt\"}"));

        Assert.Equal(["p: PromptId 'missing-prompt' does not exist in the instance."], Problems(Request("bad ref", bad)));
    }

    [Fact]
    public void A_refused_content_update_keeps_the_stored_content_and_a_saved_flow_is_not_checked()
    {
        var content = Flow("d", Action("d", "DisconnectParticipant"));
        var id = Create("stays", content).ContactFlowId!;

        var error = _client.Fails(new UpdateContactFlowContentRequest { InstanceId = _instanceId, ContactFlowId = id, Content = "[]" }, "InvalidContactFlowException");

        Assert.Equal("The flow content must be a JSON object.", error.ListFields["problems"].Single()["message"]);
        Assert.Equal(content, Describe(id).Content);
        var draft = _client.Invoke<CreateContactFlowResponse>(new CreateContactFlowRequest { InstanceId = _instanceId, Name = "draft", Type = "CONTACT_FLOW", Content = "[]", Status = "SAVED" });
        Assert.Equal("SAVED", Describe(draft.ContactFlowId!).Status);
    }

    [Fact]
    public void A_new_instance_has_the_eight_default_flows_and_every_default_passes_the_validator()
    {
        var flows = _client.Invoke<ListContactFlowsResponse>(new ListContactFlowsRequest { InstanceId = _instanceId, MaxResults = 1000 }).ContactFlowSummaryList!;

        Assert.Equal(
            ["AGENT_HOLD", "AGENT_TRANSFER", "AGENT_WHISPER", "CUSTOMER_HOLD", "CUSTOMER_QUEUE", "CUSTOMER_WHISPER", "OUTBOUND_WHISPER", "QUEUE_TRANSFER"],
            flows.Where(f => f.Name!.StartsWith("Default ", StringComparison.Ordinal)).Select(f => f.ContactFlowType).Order(StringComparer.Ordinal));
        foreach (var summary in flows)
        {
            var flow = Describe(summary.Id!);
            var copy = _client.Invoke<CreateContactFlowResponse>(new CreateContactFlowRequest { InstanceId = _instanceId, Name = "copy of " + flow.Name, Type = flow.Type, Content = flow.Content });
            Assert.NotNull(copy.ContactFlowId);
        }
    }

    [Fact]
    public void A_version_keeps_the_content_it_froze_and_a_stale_sha256_makes_none()
    {
        // versions are of CAMPAIGN flows only, which end with EndFlowExecution (no DisconnectParticipant there)
        var first = Flow("d", Action("d", "EndFlowExecution"));
        var created = Create("versioned", first, "CAMPAIGN");
        var version = _client.Invoke<CreateContactFlowVersionResponse>(new CreateContactFlowVersionRequest
        {
            InstanceId = _instanceId, ContactFlowId = created.ContactFlowId, FlowContentSha256 = created.FlowContentSha256,
        });
        _client.Invoke(new UpdateContactFlowContentRequest { InstanceId = _instanceId, ContactFlowId = created.ContactFlowId, Content = Flow("e", Action("e", "EndFlowExecution")) });

        _client.Fails(new CreateContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = created.ContactFlowId, FlowContentSha256 = created.FlowContentSha256 }, "InvalidRequestException");

        Assert.Equal((1L, $"{created.ContactFlowArn}:1"), (version.Version, version.ContactFlowArn));
        Assert.Equal(first, Describe($"{created.ContactFlowId}:1").Content);
        Assert.Equal(1L, Describe(version.ContactFlowArn!).Version);
    }

    [Fact]
    public void A_flow_of_a_type_other_than_CAMPAIGN_gets_no_version()
    {
        var inbound = Create("inbound", Flow("d", Action("d", "DisconnectParticipant")));

        var error = _client.Fails(new CreateContactFlowVersionRequest { InstanceId = _instanceId, ContactFlowId = inbound.ContactFlowId }, "InvalidRequestException");

        Assert.Contains("CONTACT_FLOW", error.Message);
        Assert.Empty(_client.Invoke<ListContactFlowVersionsResponse>(new ListContactFlowVersionsRequest { InstanceId = _instanceId, ContactFlowId = inbound.ContactFlowId }).ContactFlowVersionSummaryList!);
    }

    private static string Flow(string? start, params string[] actions) =>
        $"{{\"Version\":\"2019-10-30\",{(start is null ? "" : $"\"StartAction\":\"{start}\",")}\"Actions\":[{string.Join(',', actions)}]}}";

    private static string Action(string id, string type, string parameters = "{}", string transitions = "") =>
        $"{{\"Identifier\":\"{id}\",\"Type\":\"{type}\",\"Parameters\":{parameters},\"Transitions\":{{{transitions}}}}}";

    private CreateContactFlowRequest Request(string name, string content, string type = "CONTACT_FLOW") =>
        new() { InstanceId = _instanceId, Name = name, Type = type, Content = content };

    private CreateContactFlowResponse Create(string name, string content, string type = "CONTACT_FLOW") =>
        _client.Invoke<CreateContactFlowResponse>(Request(name, content, type));

    private ContactFlow Describe(string id) =>
        _client.Invoke<DescribeContactFlowResponse>(new DescribeContactFlowRequest { InstanceId = _instanceId, ContactFlowId = id }).ContactFlow!;

    private List<string> Problems(CreateContactFlowRequest request)
    {
        var error = _client.Fails(request, "InvalidContactFlowException");
        Assert.Equal("Invalid flow content.", error.Message);
        return error.ListFields["problems"].Select(p => p["message"]).ToList();
    }
}
