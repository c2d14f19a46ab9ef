using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Evaluation forms and their versions (issue 15, rules-evals; docs/rules-evaluations.md), specified in-process.</summary>
public sealed class EvaluationFormSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public EvaluationFormSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "evaluation-form-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    private static EvaluationFormItem Question(string refId, double? weight = null, string type = "TEXT", EvaluationFormQuestionTypeProperties? properties = null) => new()
    {
        Question = new EvaluationFormQuestion { Title = refId, RefId = refId, QuestionType = type, QuestionTypeProperties = properties, Weight = weight },
    };

    private static EvaluationFormItem Section(string refId, double? weight, params EvaluationFormItem[] items) => new()
    {
        Section = new EvaluationFormSection { Title = refId, RefId = refId, Weight = weight, Items = [.. items] },
    };

    private static EvaluationFormScoringStrategy SectionScoring => new() { Mode = "SECTION_ONLY", Status = "ENABLED" };

    private string Create(List<EvaluationFormItem> items, EvaluationFormScoringStrategy? scoring = null, string title = "quality") =>
        _client.Invoke<CreateEvaluationFormResponse>(new CreateEvaluationFormRequest { InstanceId = _instanceId, Title = title, Items = items, ScoringStrategy = scoring }).EvaluationFormId!;

    private ConnectLocal.Model.Metadata.ServiceErrorException Refused(List<EvaluationFormItem> items, EvaluationFormScoringStrategy? scoring = null) =>
        _client.Fails(new CreateEvaluationFormRequest { InstanceId = _instanceId, Title = "bad", Items = items, ScoringStrategy = scoring }, "InvalidParameterException");

    private EvaluationForm Describe(string id, int? version = null) =>
        _client.Invoke<DescribeEvaluationFormResponse>(new DescribeEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = version }).EvaluationForm!;

    [Fact]
    public void A_form_starts_as_version_one_in_draft()
    {
        var id = Create([Section("s1", null, Question("q1"))]);

        var form = Describe(id);

        Assert.Equal((id, 1, "DRAFT", false, "quality"), (form.EvaluationFormId, form.EvaluationFormVersion, form.Status, form.Locked, form.Title));
        Assert.EndsWith($"/evaluation-form/{id}", form.EvaluationFormArn);
        Assert.Equal("q1", form.Items![0].Section!.Items![0].Question!.RefId);
        Assert.Equal(ConnectClient.DefaultStart, form.CreatedTime);
    }

    [Fact]
    public void Items_follow_the_model_s_structure()
    {
        Assert.Contains("contained in a section", Refused([Question("q1")]).Message);
        Assert.Contains("'s3'", Refused([Section("s1", null, Section("s2", null, Section("s3", null, Question("q1"))))]).Message);
        Assert.Contains("'x'", Refused([Section("x", null, Question("x"))]).Message);
        Refused([new EvaluationFormItem()]);
        Refused([new EvaluationFormItem { Section = Section("s", null, Question("q")).Section, Question = Question("q2").Question }]);
        Assert.Contains("at most 100 questions", Refused([Section("s", null, [.. Enumerable.Range(0, 101).Select(i => Question($"q{i}"))])]).Message);
    }

    [Fact]
    public void Question_properties_are_those_of_the_question_s_type()
    {
        var numeric = new EvaluationFormQuestionTypeProperties { Numeric = new EvaluationFormNumericQuestionProperties { MinValue = 0, MaxValue = 10 } };

        Refused([Section("s", null, Question("q", type: "NUMERIC"))]);
        Refused([Section("s", null, Question("q", type: "SINGLESELECT", properties: numeric))]);
        Refused([Section("s", null, Question("q", type: "NUMERIC", properties: new() { Numeric = new() { MinValue = 5, MaxValue = 5 } }))]);
        Refused([Section("s", null, Question("q", type: "NUMERIC", properties: new() { Numeric = new() { MinValue = 0, MaxValue = 10, Options = [new() { MinValue = 5, MaxValue = 11 }] } }))]);
        var single = new EvaluationFormQuestionTypeProperties
        {
            SingleSelect = new EvaluationFormSingleSelectQuestionProperties { Options = [new() { RefId = "yes", Text = "Yes" }, new() { RefId = "yes", Text = "Also yes" }] },
        };
        Assert.Contains("option RefId 'yes'", Refused([Section("s", null, Question("q", type: "SINGLESELECT", properties: single))]).Message);

        Create([Section("s", null, Question("q", type: "NUMERIC", properties: numeric))]);
    }

    [Fact]
    public void With_scoring_enabled_section_weights_total_100_unless_saved_as_draft()
    {
        Assert.Contains("total 90", Refused([Section("a", 40, Question("q1")), Section("b", 50, Question("q2"))], SectionScoring).Message);

        var draft = _client.Invoke<CreateEvaluationFormResponse>(new CreateEvaluationFormRequest
        {
            InstanceId = _instanceId, Title = "draft", AsDraft = true, ScoringStrategy = SectionScoring, Items = [Section("a", 40, Question("q1"))],
        }).EvaluationFormId!;
        Create([Section("a", 40, Question("q1")), Section("b", 60, Question("q2"))], SectionScoring);

        _client.Fails(new ActivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = draft, EvaluationFormVersion = 1 }, "InvalidParameterException");
    }

    [Fact]
    public void Activation_locks_a_version_and_keeps_one_active()
    {
        var id = Create([Section("s", null, Question("q"))]);
        _client.Invoke(new ActivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1 });

        _client.Fails(new UpdateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1, Title = "x", Items = [Section("s", null, Question("q"))] },
            "ResourceConflictException");
        var updated = _client.Invoke<UpdateEvaluationFormResponse>(new UpdateEvaluationFormRequest
        {
            InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1, CreateNewVersion = true, Title = "second", Items = [Section("s", null, Question("q2"))],
        });
        _client.Invoke(new ActivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 2 });

        Assert.Equal(2, updated.EvaluationFormVersion);
        Assert.Equal(("DRAFT", true), (Describe(id, 1).Status, Describe(id, 1).Locked));
        Assert.Equal(("ACTIVE", true, "second"), (Describe(id).Status, Describe(id).Locked, Describe(id).Title));
        var versions = _client.Invoke<ListEvaluationFormVersionsResponse>(new ListEvaluationFormVersionsRequest { InstanceId = _instanceId, EvaluationFormId = id })
            .EvaluationFormVersionSummaryList!;
        Assert.Equal([(1, "DRAFT"), (2, "ACTIVE")], versions.Select(v => (v.EvaluationFormVersion!.Value, v.Status!)));
        var summary = _client.Invoke<ListEvaluationFormsResponse>(new ListEvaluationFormsRequest { InstanceId = _instanceId }).EvaluationFormSummaryList!.Single(f => f.EvaluationFormId == id);
        Assert.Equal((2, 2, "second"), (summary.LatestVersion, summary.ActiveVersion, summary.Title));
        _client.Fails(new ActivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 2 }, "ResourceConflictException");
    }

    [Fact]
    public void An_unlocked_version_is_updated_in_place()
    {
        var id = Create([Section("s", null, Question("q"))]);

        var updated = _client.Invoke<UpdateEvaluationFormResponse>(new UpdateEvaluationFormRequest
        {
            InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1, Title = "renamed", Description = "d", Items = [Section("s", null, Question("q"))],
        });

        Assert.Equal(1, updated.EvaluationFormVersion);
        Assert.Equal(("renamed", "d", 1), (Describe(id).Title, Describe(id).Description, Describe(id).EvaluationFormVersion));
        _client.Fails(new DescribeEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 2 }, "ResourceNotFoundException");
    }

    [Fact]
    public void Deactivation_and_deletion_of_versions_and_forms()
    {
        var id = Create([Section("s", null, Question("q"))]);
        _client.Invoke(new UpdateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1, CreateNewVersion = true, Title = "v2", Items = [Section("s", null, Question("q"))] });
        _client.Invoke(new ActivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 2 });

        _client.Fails(new DeactivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1 }, "ResourceConflictException");
        _client.Fails(new DeleteEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id }, "ResourceConflictException");
        _client.Invoke(new DeleteEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1 });
        _client.Invoke(new DeactivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 2 });
        Assert.Equal(("DRAFT", 2), (Describe(id).Status, Describe(id).EvaluationFormVersion));
        _client.Fails(new DescribeEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1 }, "ResourceNotFoundException");

        _client.Invoke(new DeleteEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id });

        _client.Fails(new DescribeEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id }, "ResourceNotFoundException");
    }

    [Fact]
    public void Search_finds_forms_by_title_and_status_and_refuses_conditions_it_does_not_support()
    {
        var active = Create([Section("s", null, Question("q"))], title: "Sales calls");
        Create([Section("s", null, Question("q"))], title: "Support calls");
        _client.Invoke(new ActivateEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = active, EvaluationFormVersion = 1 });
        EvaluationFormSearchCriteria Text(string field, string value, string comparison) =>
            new() { StringCondition = new StringCondition { FieldName = field, Value = value, ComparisonType = comparison } };

        var sales = _client.Invoke<SearchEvaluationFormsResponse>(new SearchEvaluationFormsRequest { InstanceId = _instanceId, SearchCriteria = Text("Title", "sales", "CONTAINS") });
        var actives = _client.Invoke<SearchEvaluationFormsResponse>(new SearchEvaluationFormsRequest { InstanceId = _instanceId, SearchCriteria = Text("Status", "ACTIVE", "EXACT") });
        var all = _client.Invoke<SearchEvaluationFormsResponse>(new SearchEvaluationFormsRequest { InstanceId = _instanceId });

        Assert.Equal(("Sales calls", "ACTIVE", 1), (Assert.Single(sales.EvaluationFormSearchSummaryList!).Title, sales.EvaluationFormSearchSummaryList![0].Status, sales.EvaluationFormSearchSummaryList[0].ActiveVersion));
        Assert.Equal(active, Assert.Single(actives.EvaluationFormSearchSummaryList!).EvaluationFormId);
        Assert.Equal(2, all.ApproximateTotalCount);
        _client.Fails(new SearchEvaluationFormsRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new EvaluationFormSearchCriteria { OrConditions = [new() { BooleanCondition = new BooleanCondition { FieldName = "AutoEvaluationEnabled", ComparisonType = "IS_TRUE" } }] },
        }, "InvalidParameterException");
    }

    [Fact]
    public void A_rule_s_automated_evaluation_names_a_form_of_the_instance()
    {
        var id = Create([Section("s", null, Question("q"))]);
        CreateRuleRequest Rule(string name, string formId) => new()
        {
            InstanceId = _instanceId,
            Name = name,
            TriggerEventSource = new RuleTriggerEventSource { EventSourceName = "OnPostCallAnalysisAvailable" },
            Function = "true",
            PublishStatus = "DRAFT",
            Actions = [new RuleAction { ActionType = "SUBMIT_AUTO_EVALUATION", SubmitAutoEvaluationAction = new SubmitAutoEvaluationActionDefinition { EvaluationFormId = formId } }],
        };

        _client.Fails(Rule("missing-form", Guid.NewGuid().ToString()), "ResourceNotFoundException");
        _client.Invoke<CreateRuleResponse>(Rule("auto", id));
    }
}
