using ConnectLocal.Core.Common;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Contact flow modules (docs/flows.md, "Flow modules"), specified in-process with the typed client.</summary>
public sealed class FlowModuleSpecs : IDisposable
{
    private const string Module = "{\"Version\":\"2019-10-30\",\"StartAction\":\"done\",\"Actions\":[{\"Identifier\":\"done\",\"Type\":\"EndFlowModuleExecution\",\"Parameters\":{},\"Transitions\":{}}]}";

    private readonly ConnectClient _client;
    private readonly string _instanceId;

    public FlowModuleSpecs()
        : this(new ConnectClient())
    {
    }

    private FlowModuleSpecs(ConnectClient client)
    {
        _client = client;
        _instanceId = NewInstance(client, "flow-module-specs");
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Content_is_kept_as_sent_and_state_and_status_are_answered_in_lower_case()
    {
        var content = "{ \"Version\": \"2019-10-30\",\n \"StartAction\": \"done\", \"Actions\": [ {\"Identifier\": \"done\", \"Type\": \"EndFlowModuleExecution\", \"Parameters\": {}, \"Transitions\": {}} ] }";

        var created = Create("kept", content);
        var described = Describe(created.Id!);

        Assert.Equal(content, described.Content);
        Assert.Equal(("active", "published"), (described.State, described.Status));
        Assert.EndsWith($"/flow-module/{created.Id}", created.Arn);
        Assert.Equal(created.Arn, described.Arn);
        Assert.Equal(64, described.FlowModuleContentSha256!.Length);
    }

    [Fact]
    public void Archiving_takes_the_models_upper_case_value_and_shows_lower_case_in_describe_list_and_search()
    {
        var id = Create("to archive", Module).Id!;

        _client.Invoke(new UpdateContactFlowModuleMetadataRequest { InstanceId = _instanceId, ContactFlowModuleId = id, State = "ARCHIVED" });

        Assert.Equal("archived", Describe(id).State);
        var listed = _client.Invoke<ListContactFlowModulesResponse>(new ListContactFlowModulesRequest { InstanceId = _instanceId, ContactFlowModuleState = "ARCHIVED" });
        Assert.Equal([(id, "archived")], listed.ContactFlowModulesSummaryList!.Select(s => (s.Id, s.State)));
        var active = _client.Invoke<ListContactFlowModulesResponse>(new ListContactFlowModulesRequest { InstanceId = _instanceId, ContactFlowModuleState = "ACTIVE" });
        Assert.DoesNotContain(id, active.ContactFlowModulesSummaryList!.Select(s => s.Id));
        var found = _client.Invoke<SearchContactFlowModulesResponse>(new SearchContactFlowModulesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new ContactFlowModuleSearchCriteria { StateCondition = "ARCHIVED" },
        });
        Assert.Equal([(id, "archived", "published")], found.ContactFlowModules!.Select(m => (m.Id, m.State, m.Status)));
    }

    [Fact]
    public void Every_problem_comes_in_one_InvalidContactFlowModuleException_under_Problems()
    {
        var content = "{\"Version\":\"2019-10-30\",\"StartAction\":\"x\",\"Actions\":[{\"Identifier\":\"a\",\"Type\":\"Nope\",\"Parameters\":{},\"Transitions\":{\"NextAction\":\"gone\"}}]}";

        var error = _client.Fails(Request("broken", content), "InvalidContactFlowModuleException");

        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(
            ["StartAction 'x' is not an action of the flow.", "a: Action type 'Nope' is not supported.", "a: Transition to 'gone', which is not an action of the flow."],
            error.ListFields["Problems"].Select(p => p["message"]));
        Assert.False(error.ListFields.ContainsKey("problems"));
    }

    [Fact]
    public void The_return_block_is_allowed_in_modules_only()
    {
        var flow = _client.Fails(
            new CreateContactFlowRequest { InstanceId = _instanceId, Name = "not a module", Type = "CONTACT_FLOW", Content = Module },
            "InvalidContactFlowException");
        Assert.Equal(["done: Action type 'EndFlowModuleExecution' is not allowed in a CONTACT_FLOW flow."], flow.ListFields["problems"].Select(p => p["message"]));

        var queueOnly = Module.Replace("EndFlowModuleExecution", "DequeueContactAndTransferToQueue", StringComparison.Ordinal);
        var error = _client.Fails(Request("queue only", queueOnly), "InvalidContactFlowModuleException");
        Assert.Equal(["done: Action type 'DequeueContactAndTransferToQueue' is not allowed in a FLOW_MODULE flow."], error.ListFields["Problems"].Select(p => p["message"]));
    }

    [Fact]
    public void Invalid_new_content_leaves_the_stored_content_unchanged()
    {
        var id = Create("unchanged", Module).Id!;

        _client.Fails(new UpdateContactFlowModuleContentRequest { InstanceId = _instanceId, ContactFlowModuleId = id, Content = "{" }, "InvalidContactFlowModuleException");

        Assert.Equal(Module, Describe(id).Content);
    }

    [Fact]
    public void Names_are_unique_per_instance_and_the_quota_is_kept()
    {
        Create("taken", Module);
        _client.Fails(Request("taken", Module), "DuplicateResourceException");

        using var small = new ConnectClient(new ConnectSettings { ContactFlowModulesPerInstance = 1 });
        var instance = NewInstance(small, "module-quota");
        small.Invoke<CreateContactFlowModuleResponse>(new CreateContactFlowModuleRequest { InstanceId = instance, Name = "one", Content = Module });
        small.Fails(new CreateContactFlowModuleRequest { InstanceId = instance, Name = "two", Content = Module }, "LimitExceededException");
    }

    [Fact]
    public void Versions_freeze_content_and_aliases_name_them()
    {
        var created = Create("versioned", Module);
        var id = created.Id!;
        var v1 = _client.Invoke<CreateContactFlowModuleVersionResponse>(new CreateContactFlowModuleVersionRequest { InstanceId = _instanceId, ContactFlowModuleId = created.Arn, Description = "one" });
        var changed = Module.Replace("\"Parameters\":{}", "\"Parameters\":{\"note\":\"two\"}", StringComparison.Ordinal);
        _client.Invoke(new UpdateContactFlowModuleContentRequest { InstanceId = _instanceId, ContactFlowModuleId = id, Content = changed });

        Assert.Equal((1L, $"{created.Arn}:1"), (v1.Version!.Value, v1.ContactFlowModuleArn));
        Assert.Equal(Module, Describe($"{id}:1").Content);
        Assert.Equal(changed, Describe(id).Content);

        var alias = _client.Invoke<CreateContactFlowModuleAliasResponse>(new CreateContactFlowModuleAliasRequest
        {
            InstanceId = _instanceId, ContactFlowModuleId = id, ContactFlowModuleVersion = 1, AliasName = "live",
        });
        Assert.Equal(Module, Describe($"{id}:live").Content);
        _client.Fails(new CreateContactFlowModuleAliasRequest { InstanceId = _instanceId, ContactFlowModuleId = id, ContactFlowModuleVersion = 1, AliasName = "live" }, "DuplicateResourceException");
        _client.Fails(new CreateContactFlowModuleAliasRequest { InstanceId = _instanceId, ContactFlowModuleId = id, ContactFlowModuleVersion = 7, AliasName = "x" }, "ResourceNotFoundException");
        _client.Fails(new DeleteContactFlowModuleVersionRequest { InstanceId = _instanceId, ContactFlowModuleId = id, ContactFlowModuleVersion = 1 }, "InvalidRequestException");

        _client.Invoke(new DeleteContactFlowModuleAliasRequest { InstanceId = _instanceId, ContactFlowModuleId = id, AliasId = alias.Id });
        _client.Invoke(new DeleteContactFlowModuleVersionRequest { InstanceId = _instanceId, ContactFlowModuleId = id, ContactFlowModuleVersion = 1 });
        _client.Fails(new DescribeContactFlowModuleRequest { InstanceId = _instanceId, ContactFlowModuleId = $"{id}:1" }, "ResourceNotFoundException");
        var versions = _client.Invoke<ListContactFlowModuleVersionsResponse>(new ListContactFlowModuleVersionsRequest { InstanceId = _instanceId, ContactFlowModuleId = id });
        Assert.Empty(versions.ContactFlowModuleVersionSummaryList!);
    }

    [Fact]
    public void A_stale_sha256_is_refused_when_making_a_version()
    {
        var id = Create("stale", Module).Id!;
        var error = _client.Fails(
            new CreateContactFlowModuleVersionRequest { InstanceId = _instanceId, ContactFlowModuleId = id, FlowModuleContentSha256 = new string('a', 64) },
            "InvalidRequestException");
        Assert.Equal("The flow module has changed since the content given.", error.Message);
    }

    [Fact]
    public void A_deleted_module_is_not_found_by_id_or_arn()
    {
        var created = Create("gone", Module);

        _client.Invoke(new DeleteContactFlowModuleRequest { InstanceId = _instanceId, ContactFlowModuleId = created.Arn });

        var error = _client.Fails(new DescribeContactFlowModuleRequest { InstanceId = _instanceId, ContactFlowModuleId = created.Id }, "ResourceNotFoundException");
        Assert.Equal("Contact flow module not found", error.Message);
        _client.Fails(new DescribeContactFlowModuleRequest { InstanceId = _instanceId, ContactFlowModuleId = created.Arn }, "ResourceNotFoundException");
    }

    private static string NewInstance(ConnectClient client, string alias) =>
        client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = alias,
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;

    private CreateContactFlowModuleRequest Request(string name, string content) =>
        new() { InstanceId = _instanceId, Name = name, Content = content };

    private CreateContactFlowModuleResponse Create(string name, string content) =>
        _client.Invoke<CreateContactFlowModuleResponse>(Request(name, content));

    private ContactFlowModule Describe(string id) =>
        _client.Invoke<DescribeContactFlowModuleResponse>(new DescribeContactFlowModuleRequest { InstanceId = _instanceId, ContactFlowModuleId = id }).ContactFlowModule!;
}
