using System.Text.Json.Nodes;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Task templates, views and view versions (docs/templates-views.md), specified in-process.</summary>
public sealed class TemplatesViewsSpecs : IDisposable
{
    private const string Missing = "11111111-2222-4333-8444-555555555555";
    private const string Template = """{"Head":{"Title":"Form"},"Body":[{"_id":"b","Type":"Button","Props":{"Action":"Go"}}]}""";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly Dictionary<string, ContactFlowSummary> _flows;

    public TemplatesViewsSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "templates-views-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
        _flows = _client.Invoke<ListContactFlowsResponse>(new ListContactFlowsRequest { InstanceId = _instanceId, MaxResults = 100 })
            .ContactFlowSummaryList!.ToDictionary(f => f.Name!);
    }

    public void Dispose() => _client.Dispose();

    private ContactFlowSummary Inbound => _flows["Sample inbound flow (first contact experience)"];

    [Fact]
    public void A_task_template_is_stored_as_sent_and_read_back_whole()
    {
        var request = TemplateRequest("refund");
        request.Description = "refunds";
        request.Defaults = new TaskTemplateDefaults { DefaultFieldValues = [new() { Id = Field("Amount"), DefaultValue = "10" }] };
        var created = _client.Invoke<CreateTaskTemplateResponse>(request);
        _client.Invoke(new TagResourceRequest { ResourceArn = created.Arn, Tags = new() { ["team"] = "billing" } });

        var got = Get(created.Arn!);

        Assert.EndsWith($"/task-template/{created.Id}", created.Arn);
        Assert.Equal((created.Id, "refund", "refunds", "ACTIVE", _instanceId), (got.Id, got.Name, got.Description, got.Status, got.InstanceId));
        Assert.Equal(["Title", "Amount", "Kind"], got.Fields!.Select(f => f.Id!.Name));
        Assert.Equal(["a", "b"], got.Fields![2].SingleSelectOptions!);
        Assert.Equal("Title", got.Constraints!.RequiredFields!.Single().Id!.Name);
        Assert.Equal("10", got.Defaults!.DefaultFieldValues!.Single().DefaultValue);
        Assert.Equal(Inbound.Id, got.ContactFlowId);
        Assert.Equal("billing", got.Tags!["team"]);
        Assert.Equal(ConnectClient.DefaultStart, got.CreatedTime);
    }

    [Fact]
    public void The_fields_rules_of_the_prose_hold()
    {
        var twoNames = TemplateRequest("x");
        twoNames.Fields!.Add(new TaskTemplateField { Id = Field("Other"), Type = "NAME" });
        Assert.Contains("exactly one field of type NAME", _client.Fails(twoNames, "PropertyValidationException").Message);

        var notRequired = TemplateRequest("x");
        notRequired.Constraints = new TaskTemplateConstraints { ReadOnlyFields = [new() { Id = Field("Title") }] };
        Assert.Contains("must be listed in RequiredFields", _client.Fails(notRequired, "PropertyValidationException").Message);

        var noConstraints = TemplateRequest("x");
        noConstraints.Constraints = null;
        Assert.Contains("Constraints are required", _client.Fails(noConstraints, "PropertyValidationException").Message);

        var unknown = TemplateRequest("x");
        unknown.Constraints!.InvisibleFields = [new() { Id = Field("Nope") }];
        var error = _client.Fails(unknown, "PropertyValidationException");
        Assert.Contains("'Nope' is not a field", error.Message);
        var property = error.ListFields["PropertyList"].Single();
        Assert.Equal(("Constraints.InvisibleFields[0].Id.Name", "REFERENCED_RESOURCE_NOT_FOUND"), (property["PropertyPath"], property["Reason"]));

        var unknownDefault = TemplateRequest("x");
        unknownDefault.Defaults = new TaskTemplateDefaults { DefaultFieldValues = [new() { Id = Field("Ghost"), DefaultValue = "1" }] };
        Assert.Contains("'Ghost' is not a field", _client.Fails(unknownDefault, "PropertyValidationException").Message);

        var twice = TemplateRequest("x");
        twice.Fields!.Add(new TaskTemplateField { Id = Field("Amount"), Type = "TEXT" });
        Assert.Contains("more than once", _client.Fails(twice, "PropertyValidationException").Message);

        var noOptions = TemplateRequest("x");
        noOptions.Fields![2].SingleSelectOptions = null;
        Assert.Contains("SINGLE_SELECT", _client.Fails(noOptions, "PropertyValidationException").Message);

        Assert.Empty(_client.Invoke<ListTaskTemplatesResponse>(new ListTaskTemplatesRequest { InstanceId = _instanceId }).TaskTemplates!);
    }

    [Fact]
    public void A_template_runs_a_published_inbound_flow_of_the_instance_or_offers_a_quick_connect()
    {
        var noFlow = TemplateRequest("x");
        noFlow.ContactFlowId = null;
        Assert.Contains("ContactFlowId or a field of type QUICK_CONNECT", _client.Fails(noFlow, "PropertyValidationException").Message);

        noFlow.Fields!.Add(new TaskTemplateField { Id = Field("Transfer"), Type = "QUICK_CONNECT" });
        Assert.NotNull(_client.Invoke<CreateTaskTemplateResponse>(noFlow).Id);

        var missing = TemplateRequest("x");
        missing.ContactFlowId = Missing;
        Assert.Equal("Contact flow not found", _client.Fails(missing, "ResourceNotFoundException").Message);

        var wrongType = TemplateRequest("x");
        wrongType.SelfAssignFlowId = _flows["Default queue transfer"].Id;
        Assert.Contains("QUEUE_TRANSFER", _client.Fails(wrongType, "InvalidParameterException").Message);

        var otherInstance = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "templates-views-other", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
        var foreign = TemplateRequest("x");
        foreign.InstanceId = otherInstance;
        foreign.ContactFlowId = Inbound.Arn;
        Assert.Equal("Contact flow not found", _client.Fails(foreign, "ResourceNotFoundException").Message);
    }

    [Fact]
    public void An_update_replaces_the_template_and_requires_status_and_constraints()
    {
        var request = TemplateRequest("before");
        request.Description = "old";
        var id = _client.Invoke<CreateTaskTemplateResponse>(request).Id!;
        _client.Advance(TimeSpan.FromMinutes(1));

        var update = new UpdateTaskTemplateRequest
        {
            InstanceId = _instanceId, TaskTemplateId = id, Name = "after", Status = "INACTIVE", ContactFlowId = Inbound.Arn,
            Constraints = new TaskTemplateConstraints { RequiredFields = [new() { Id = Field("Title") }] },
            Fields = [new TaskTemplateField { Id = Field("Title"), Type = "NAME" }],
        };
        var updated = _client.Invoke<UpdateTaskTemplateResponse>(update);

        Assert.Equal(("after", "INACTIVE", null), (updated.Name, updated.Status, updated.Description));
        var got = Get(id);
        Assert.Equal(("after", "INACTIVE"), (got.Name, got.Status));
        Assert.Null(got.Description);
        Assert.Single(got.Fields!);
        Assert.Equal(ConnectClient.DefaultStart, got.CreatedTime);
        Assert.True(got.LastModifiedTime > got.CreatedTime);

        update.Status = null;
        Assert.Contains("Status is required", _client.Fails(update, "PropertyValidationException").Message);
        update.Status = "ACTIVE";
        update.Constraints = null;
        Assert.Contains("Constraints are required", _client.Fails(update, "PropertyValidationException").Message);
        update.TaskTemplateId = Missing;
        Assert.Equal("Task template not found", _client.Fails(update, "ResourceNotFoundException").Message);
    }

    [Fact]
    public void Lists_filter_by_status_and_name_and_deletes_are_final()
    {
        var a = _client.Invoke<CreateTaskTemplateResponse>(TemplateRequest("same")).Id!;
        var inactive = TemplateRequest("same");
        inactive.Status = "INACTIVE";
        var b = _client.Invoke<CreateTaskTemplateResponse>(inactive).Id!;
        var c = _client.Invoke<CreateTaskTemplateResponse>(TemplateRequest("other")).Id!;

        List<string> Ids(ListTaskTemplatesRequest r) => _client.Invoke<ListTaskTemplatesResponse>(r).TaskTemplates!.Select(t => t.Id!).Order().ToList();
        Assert.Equal(new[] { a, b, c }.Order(), Ids(new() { InstanceId = _instanceId }));
        Assert.Equal(new[] { a, b }.Order(), Ids(new() { InstanceId = _instanceId, Name = "same" }));
        Assert.Equal([b], Ids(new() { InstanceId = _instanceId, Status = "INACTIVE" }));
        Assert.Equal([a], Ids(new() { InstanceId = _instanceId, Status = "ACTIVE", Name = "same" }));

        var first = _client.Invoke<ListTaskTemplatesResponse>(new ListTaskTemplatesRequest { InstanceId = _instanceId, MaxResults = 1, Name = "same" });
        _client.Fails(new ListTaskTemplatesRequest { InstanceId = _instanceId, NextToken = first.NextToken, Name = "other" }, "InvalidRequestException");

        _client.Invoke(new DeleteTaskTemplateRequest { InstanceId = _instanceId, TaskTemplateId = a });
        _client.Fails(new GetTaskTemplateRequest { InstanceId = _instanceId, TaskTemplateId = a }, "ResourceNotFoundException");
        _client.Fails(new DeleteTaskTemplateRequest { InstanceId = _instanceId, TaskTemplateId = a }, "ResourceNotFoundException");
        _client.Fails(new GetTaskTemplateRequest { InstanceId = _instanceId, TaskTemplateId = b, SnapshotVersion = "1" }, "ResourceNotFoundException");
    }

    [Fact]
    public void A_client_token_replays_the_first_create()
    {
        var request = TemplateRequest("once");
        request.ClientToken = "token-1";
        var first = _client.Invoke<CreateTaskTemplateResponse>(request);
        request.ClientToken = "token-1";
        Assert.Equal(first.Id, _client.Invoke<CreateTaskTemplateResponse>(request).Id);
        request.ClientToken = "token-1";
        request.Name = "another";
        _client.Fails(request, "InvalidParameterException");
        Assert.Single(_client.Invoke<ListTaskTemplatesResponse>(new ListTaskTemplatesRequest { InstanceId = _instanceId }).TaskTemplates!);
    }

    [Fact]
    public void A_view_keeps_saved_and_published_content_apart()
    {
        var created = CreateView("agent form", "SAVED", Template);
        Assert.Equal(("SAVED", "CUSTOMER_MANAGED"), (created.Status, created.Type));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Template), JsonNode.Parse(created.Content!.Template!)));
        Assert.Equal(["Go"], created.Content.Actions!);

        // Never published: no $LATEST, so an unqualified describe fails; $SAVED works by id and by ARN.
        _client.Fails(Describe(created.Id!), "ResourceNotFoundException");
        Assert.Equal("SAVED", Describe2(created.Id + ":$SAVED").Status);
        Assert.Equal(created.Id, Describe2(created.Arn + ":$SAVED").Id);

        var published = _client.Invoke<UpdateViewContentResponse>(new UpdateViewContentRequest
        {
            InstanceId = _instanceId, ViewId = created.Arn, Status = "PUBLISHED", Content = new ViewInputContent { Template = """{"Body":[]}""", Actions = [] },
        }).View!;
        Assert.Equal("PUBLISHED", published.Status);
        Assert.Equal("""{"Body":[]}""", Describe2(created.Id!).Content!.Template);

        _client.Invoke<UpdateViewContentResponse>(new UpdateViewContentRequest
        {
            InstanceId = _instanceId, ViewId = created.Id, Status = "SAVED", Content = new ViewInputContent { Template = Template, Actions = ["Go"] },
        });
        Assert.Equal("""{"Body":[]}""", Describe2(created.Id + ":$LATEST").Content!.Template);
        Assert.Equal(Template, Describe2(created.Id + ":$SAVED").Content!.Template);
    }

    [Fact]
    public void View_content_is_checked()
    {
        Assert.Contains("JSON object", _client.Fails(CreateViewRequest("bad", "SAVED", "not json"), "InvalidParameterException").Message);
        Assert.Contains("requires a Template", _client.Fails(CreateViewRequest("bad", "PUBLISHED", null), "InvalidParameterException").Message);
        var twice = CreateViewRequest("bad", "SAVED", Template);
        twice.Content!.Actions = ["Go", "Go"];
        Assert.Contains("more than once", _client.Fails(twice, "InvalidParameterException").Message);
        Assert.Contains("400 kB", _client.Fails(CreateViewRequest("big", "SAVED", "{\"a\":\"" + new string('x', 410 * 1024) + "\"}"), "InvalidParameterException").Message);

        CreateView("taken", "PUBLISHED", Template);
        _client.Fails(CreateViewRequest("taken", "SAVED", Template), "DuplicateResourceException");
        var other = CreateView("free", "SAVED", Template);
        _client.Fails(new UpdateViewMetadataRequest { InstanceId = _instanceId, ViewId = other.Id, Name = "taken" }, "DuplicateResourceException");
        _client.Fails(new UpdateViewMetadataRequest { InstanceId = _instanceId, ViewId = other.Id }, "InvalidParameterException");
        _client.Invoke(new UpdateViewMetadataRequest { InstanceId = _instanceId, ViewId = other.Arn, Description = "described" });
        Assert.Equal(("free", "described"), (Describe2(other.Id + ":$SAVED").Name, Describe2(other.Id + ":$SAVED").Description));
    }

    [Fact]
    public void Versions_snapshot_latest_and_are_listed_highest_first()
    {
        var view = CreateView("versioned", "PUBLISHED", Template);
        _client.Fails(new CreateViewVersionRequest { InstanceId = _instanceId, ViewId = view.Id, ViewContentSha256 = "x" }, "InvalidRequestException");

        var v1 = Version(view.Id!, "first");
        Assert.Equal((1, $"{view.Id}:1", "first"), (v1.Version, v1.Id, v1.VersionDescription));
        Assert.Equal(1, Version(view.Id!, "unchanged").Version);

        _client.Invoke<UpdateViewContentResponse>(new UpdateViewContentRequest
        {
            InstanceId = _instanceId, ViewId = view.Id, Status = "PUBLISHED", Content = new ViewInputContent { Template = """{"Body":[1]}""", Actions = ["Go"] },
        });
        Assert.Equal(2, Version(view.Id!, null).Version);

        var listed = _client.Invoke<ListViewVersionsResponse>(new ListViewVersionsRequest { InstanceId = _instanceId, ViewId = view.Arn });
        Assert.Equal([2, 1], listed.ViewVersionSummaryList!.Select(v => v.Version!.Value));
        Assert.Equal(Template, Describe2(view.Id + ":1").Content!.Template);

        _client.Invoke(new DeleteViewVersionRequest { InstanceId = _instanceId, ViewId = view.Id, ViewVersion = 2 });
        _client.Fails(Describe(view.Id + ":2"), "ResourceNotFoundException");
        _client.Fails(new DeleteViewVersionRequest { InstanceId = _instanceId, ViewId = view.Id, ViewVersion = 2 }, "ResourceNotFoundException");
        // Numbers are never reused: the next version after deleting 2 is 3.
        Assert.Equal(3, Version(view.Id!, null).Version);

        _client.Invoke(new DeleteViewRequest { InstanceId = _instanceId, ViewId = view.Arn });
        _client.Fails(Describe(view.Id + ":1"), "ResourceNotFoundException");
    }

    [Fact]
    public void Views_are_listed_by_type_then_name()
    {
        CreateView("b-view", "SAVED", Template);
        CreateView("a-view", "SAVED", Template);
        var all = _client.Invoke<ListViewsResponse>(new ListViewsRequest { InstanceId = _instanceId }).ViewsSummaryList!;
        Assert.Equal(["a-view", "b-view"], all.Select(v => v.Name!));
        Assert.Empty(_client.Invoke<ListViewsResponse>(new ListViewsRequest { InstanceId = _instanceId, Type = "AWS_MANAGED" }).ViewsSummaryList!);
        var page = _client.Invoke<ListViewsResponse>(new ListViewsRequest { InstanceId = _instanceId, MaxResults = 1 });
        Assert.Equal("a-view", page.ViewsSummaryList!.Single().Name);
        Assert.Equal("b-view", _client.Invoke<ListViewsResponse>(new ListViewsRequest { InstanceId = _instanceId, MaxResults = 1, NextToken = page.NextToken }).ViewsSummaryList!.Single().Name);
    }

    private static TaskTemplateFieldIdentifier Field(string name) => new() { Name = name };

    private CreateTaskTemplateRequest TemplateRequest(string name) => new()
    {
        InstanceId = _instanceId,
        Name = name,
        ContactFlowId = Inbound.Id,
        Constraints = new TaskTemplateConstraints { RequiredFields = [new() { Id = Field("Title") }] },
        Fields =
        [
            new TaskTemplateField { Id = Field("Title"), Type = "NAME" },
            new TaskTemplateField { Id = Field("Amount"), Type = "NUMBER" },
            new TaskTemplateField { Id = Field("Kind"), Type = "SINGLE_SELECT", SingleSelectOptions = ["a", "b"] },
        ],
    };

    private GetTaskTemplateResponse Get(string id) =>
        _client.Invoke<GetTaskTemplateResponse>(new GetTaskTemplateRequest { InstanceId = _instanceId, TaskTemplateId = id });

    private CreateViewRequest CreateViewRequest(string name, string status, string? template) => new()
    {
        InstanceId = _instanceId, Name = name, Status = status, Content = new ViewInputContent { Template = template, Actions = ["Go"] },
    };

    private View CreateView(string name, string status, string template) => _client.Invoke<CreateViewResponse>(CreateViewRequest(name, status, template)).View!;

    private DescribeViewRequest Describe(string viewId) => new() { InstanceId = _instanceId, ViewId = viewId };

    private View Describe2(string viewId) => _client.Invoke<DescribeViewResponse>(Describe(viewId)).View!;

    private View Version(string viewId, string? description) =>
        _client.Invoke<CreateViewVersionResponse>(new CreateViewVersionRequest { InstanceId = _instanceId, ViewId = viewId, VersionDescription = description }).View!;
}
