using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Rules (issue 15, rules-evals; docs/rules-evaluations.md), specified in-process.</summary>
public sealed class RuleSpecs : IDisposable
{
    private const string Function = "$.ContactLens.PostCall.Sentiment.Overall.Customer < 0";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public RuleSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "rule-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    private static RuleAction EventBridge(string name = "negative") => new() { ActionType = "GENERATE_EVENTBRIDGE_EVENT", EventBridgeAction = new EventBridgeActionDefinition { Name = name } };

    private CreateRuleRequest Request(string name, string source = "OnPostCallAnalysisAvailable", RuleAction? action = null, string? integration = null, string? token = null) => new()
    {
        InstanceId = _instanceId,
        Name = name,
        TriggerEventSource = new RuleTriggerEventSource { EventSourceName = source, IntegrationAssociationId = integration },
        Function = Function,
        Actions = [action ?? EventBridge()],
        PublishStatus = "DRAFT",
        ClientToken = token,
    };

    private CreateRuleResponse Create(CreateRuleRequest request) => _client.Invoke<CreateRuleResponse>(request);

    private Rule Describe(string id) => _client.Invoke<DescribeRuleResponse>(new DescribeRuleRequest { InstanceId = _instanceId, RuleId = id }).Rule!;

    [Fact]
    public void A_rule_is_stored_as_sent_and_stamped()
    {
        var created = Create(Request("negative-sentiment"));

        var rule = Describe(created.RuleId!);

        Assert.EndsWith($"/rule/{created.RuleId}", created.RuleArn);
        Assert.Equal((created.RuleId, created.RuleArn, "negative-sentiment", Function, "DRAFT"), (rule.RuleId, rule.RuleArn, rule.Name, rule.Function, rule.PublishStatus));
        Assert.Equal("OnPostCallAnalysisAvailable", rule.TriggerEventSource!.EventSourceName);
        Assert.Equal("negative", Assert.Single(rule.Actions!).EventBridgeAction!.Name);
        Assert.Equal(ConnectClient.DefaultStart, rule.CreatedTime);
        Assert.Equal(ConnectClient.DefaultStart, rule.LastUpdatedTime);
        Assert.Equal($"arn:aws:iam::{ConnectClient.DefaultAccount}:root", rule.LastUpdatedBy);
    }

    [Fact]
    public void Names_are_unique_in_an_instance()
    {
        Create(Request("dup"));

        _client.Fails(Request("dup"), "ResourceConflictException");
    }

    [Fact]
    public void A_client_token_repeated_with_the_same_request_answers_the_same_rule()
    {
        var first = Create(Request("tokened", token: "t-1"));

        Assert.Equal(first.RuleId, Create(Request("tokened", token: "t-1")).RuleId);
        _client.Fails(Request("other", token: "t-1"), "ResourceConflictException");
    }

    [Fact]
    public void An_action_carries_the_parameters_its_type_names()
    {
        var wrong = new RuleAction { ActionType = "SEND_NOTIFICATION", EventBridgeAction = new EventBridgeActionDefinition { Name = "x" } };

        var error = _client.Fails(Request("mismatch", action: wrong), "InvalidRequestException");

        Assert.Contains("SEND_NOTIFICATION", error.Message);
    }

    [Fact]
    public void An_action_type_runs_only_on_the_sources_the_model_lists()
    {
        var updateCase = new RuleAction { ActionType = "UPDATE_CASE", UpdateCaseAction = new UpdateCaseActionDefinition { Fields = [] } };

        _client.Fails(Request("case-on-call", action: updateCase), "InvalidRequestException");
        Create(Request("case-on-case", source: "OnCaseUpdate", action: updateCase));
    }

    [Fact]
    public void Third_party_sources_need_an_integration_association_of_the_instance()
    {
        var category = new RuleAction { ActionType = "ASSIGN_CONTACT_CATEGORY", AssignContactCategoryAction = new AssignContactCategoryActionDefinition() };

        _client.Fails(Request("zendesk", source: "OnZendeskTicketCreate", action: category), "InvalidRequestException");
        _client.Fails(Request("zendesk", source: "OnZendeskTicketCreate", action: category, integration: Guid.NewGuid().ToString()), "ResourceNotFoundException");
    }

    [Fact]
    public void A_task_action_names_a_flow_of_the_instance()
    {
        var flow = _client.Invoke<ListContactFlowsResponse>(new ListContactFlowsRequest { InstanceId = _instanceId, ContactFlowTypes = ["CONTACT_FLOW"] }).ContactFlowSummaryList![0].Arn;
        RuleAction Task(string flowId) => new() { ActionType = "CREATE_TASK", TaskAction = new TaskActionDefinition { Name = "follow up", ContactFlowId = flowId } };

        _client.Fails(Request("task-missing", action: Task(Guid.NewGuid().ToString())), "ResourceNotFoundException");
        var created = Create(Request("task", action: Task(flow!)));

        Assert.Equal(flow, Describe(created.RuleId!).Actions![0].TaskAction!.ContactFlowId);
    }

    [Fact]
    public void An_update_replaces_function_actions_and_status_but_keeps_the_name_where_the_source_fixes_it()
    {
        var id = Create(Request("contact-lens")).RuleId!;
        _client.Advance(TimeSpan.FromMinutes(5));

        _client.Invoke(new UpdateRuleRequest { InstanceId = _instanceId, RuleId = id, Name = "contact-lens", Function = "true", Actions = [EventBridge("changed")], PublishStatus = "PUBLISHED" });
        var renamed = _client.Fails(new UpdateRuleRequest { InstanceId = _instanceId, RuleId = id, Name = "renamed", Function = "true", Actions = [EventBridge()], PublishStatus = "PUBLISHED" }, "InvalidRequestException");

        var rule = Describe(id);
        Assert.Equal(("contact-lens", "true", "PUBLISHED", "changed"), (rule.Name, rule.Function, rule.PublishStatus, rule.Actions![0].EventBridgeAction!.Name));
        Assert.Equal(ConnectClient.DefaultStart, rule.CreatedTime);
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(5), rule.LastUpdatedTime);
        Assert.Contains("OnPostCallAnalysisAvailable", renamed.Message);
    }

    [Fact]
    public void List_filters_by_publish_status_and_event_source()
    {
        var draft = Create(Request("draft-rule")).RuleId;
        var onCase = Create(Request("case-rule", source: "OnCaseCreate", action: new RuleAction { ActionType = "UPDATE_CASE", UpdateCaseAction = new UpdateCaseActionDefinition { Fields = [] } })).RuleId;

        var drafts = _client.Invoke<ListRulesResponse>(new ListRulesRequest { InstanceId = _instanceId, PublishStatus = "DRAFT" }).RuleSummaryList!;
        var cases = _client.Invoke<ListRulesResponse>(new ListRulesRequest { InstanceId = _instanceId, EventSourceName = "OnCaseCreate" }).RuleSummaryList!;
        var published = _client.Invoke<ListRulesResponse>(new ListRulesRequest { InstanceId = _instanceId, PublishStatus = "PUBLISHED" }).RuleSummaryList!;

        Assert.Equal(new[] { draft, onCase }.Order(), drafts.Select(r => r.RuleId).Order());
        Assert.Equal(onCase, Assert.Single(cases).RuleId);
        Assert.Equal("UPDATE_CASE", cases[0].ActionSummaries![0].ActionType);
        Assert.Empty(published);
    }

    [Fact]
    public void A_deleted_rule_is_not_found_and_tags_go_by_its_arn()
    {
        var created = Create(Request("doomed"));
        _client.Invoke(new TagResourceRequest { ResourceArn = created.RuleArn, Tags = new() { ["team"] = "qa" } });
        Assert.Equal("qa", Describe(created.RuleId!).Tags!["team"]);

        _client.Invoke(new DeleteRuleRequest { InstanceId = _instanceId, RuleId = created.RuleId });

        _client.Fails(new DescribeRuleRequest { InstanceId = _instanceId, RuleId = created.RuleId }, "ResourceNotFoundException");
        _client.Fails(new DeleteRuleRequest { InstanceId = _instanceId, RuleId = created.RuleId }, "ResourceNotFoundException");
    }
}
