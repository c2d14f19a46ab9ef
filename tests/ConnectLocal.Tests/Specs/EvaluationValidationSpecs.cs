using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>StartEvaluationFormValidation and GetEvaluationFormValidation (issue 15, config-rest), specified in-process.</summary>
public sealed class EvaluationValidationSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public EvaluationValidationSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "evaluation-validation-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_complete_form_validates_without_findings()
    {
        var id = Create(weights: [50, 50], asDraft: false);

        var started = _client.Invoke<StartEvaluationFormValidationResponse>(Start(id, 1));
        var result = Get(id, 1);

        Assert.Equal((id, 1), (started.EvaluationFormId, started.EvaluationFormVersion));
        Assert.EndsWith($"/evaluation-form/{id}", started.EvaluationFormArn);
        Assert.Equal(("COMPLETED", id, 1, ConnectClient.DefaultStart), (result.Status, result.EvaluationFormId, result.EvaluationFormVersion, result.StartedTime));
        Assert.Empty(result.Findings ?? []);
        Assert.Null(result.FailureReason);
    }

    [Fact]
    public void A_draft_whose_weights_do_not_total_100_has_a_structural_error()
    {
        var id = Create(weights: [30, 20], asDraft: true);
        var before = Describe(id).LastModifiedTime;
        _client.Advance(TimeSpan.FromMinutes(1));

        _client.Invoke<StartEvaluationFormValidationResponse>(Start(id, 1));
        var finding = Assert.Single(Get(id, null).Findings!);

        Assert.Equal(("STRUCTURAL_ERROR", "ERROR"), (finding.IssueCode, finding.Severity));
        Assert.Contains("100", finding.Description);
        Assert.Equal(before, Describe(id).LastModifiedTime);
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(1), Get(id, 1).StartedTime);
    }

    [Fact]
    public void An_update_of_the_content_drops_the_version_s_validation()
    {
        var id = Create(weights: [30, 20], asDraft: true);
        _client.Invoke<StartEvaluationFormValidationResponse>(Start(id, 1));

        _client.Invoke<UpdateEvaluationFormResponse>(new UpdateEvaluationFormRequest
        {
            InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1, Title = "quality", Items = Items([50, 50]), ScoringStrategy = Scoring,
        });

        _client.Fails(new GetEvaluationFormValidationRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 1 }, "ResourceNotFoundException");
        _client.Invoke<StartEvaluationFormValidationResponse>(Start(id, 1));
        Assert.Empty(Get(id, 1).Findings ?? []);
    }

    [Fact]
    public void Forms_versions_and_validations_that_do_not_exist_are_not_found()
    {
        var id = Create(weights: [50, 50], asDraft: false);

        _client.Fails(Start(id, 2), "ResourceNotFoundException");
        _client.Fails(Start("11111111-2222-4333-8444-555555555555", 1), "ResourceNotFoundException");
        _client.Fails(new GetEvaluationFormValidationRequest { InstanceId = _instanceId, EvaluationFormId = id }, "ResourceNotFoundException");
        _client.Fails(new GetEvaluationFormValidationRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = 3 }, "ResourceNotFoundException");
    }

    private static EvaluationFormScoringStrategy Scoring => new() { Mode = "SECTION_ONLY", Status = "ENABLED" };

    private static List<EvaluationFormItem> Items(double[] weights) =>
    [
        .. weights.Select((w, i) => new EvaluationFormItem
        {
            Section = new EvaluationFormSection
            {
                Title = $"s{i}", RefId = $"s{i}", Weight = w,
                Items = [new EvaluationFormItem { Question = new EvaluationFormQuestion { Title = $"q{i}", RefId = $"q{i}", QuestionType = "TEXT" } }],
            },
        }),
    ];

    private string Create(double[] weights, bool asDraft) => _client.Invoke<CreateEvaluationFormResponse>(new CreateEvaluationFormRequest
    {
        InstanceId = _instanceId, Title = "quality", Items = Items(weights), ScoringStrategy = Scoring, AsDraft = asDraft,
    }).EvaluationFormId!;

    private StartEvaluationFormValidationRequest Start(string id, int version) => new() { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = version };

    private GetEvaluationFormValidationResponse Get(string id, int? version) =>
        _client.Invoke<GetEvaluationFormValidationResponse>(new GetEvaluationFormValidationRequest { InstanceId = _instanceId, EvaluationFormId = id, EvaluationFormVersion = version });

    private EvaluationForm Describe(string id) =>
        _client.Invoke<DescribeEvaluationFormResponse>(new DescribeEvaluationFormRequest { InstanceId = _instanceId, EvaluationFormId = id }).EvaluationForm!;
}
