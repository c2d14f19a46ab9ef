using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Evaluations;

/// <summary>A finding of a validation, members named as EvaluationFormValidationFinding's.</summary>
public sealed record FormValidationFinding(string IssueCode, string Description, string Severity);

/// <summary>A validation of one version: its status, when it started, and its findings once COMPLETED.</summary>
public sealed record FormValidation(string Status, DateTimeOffset StartedTime, IReadOnlyList<FormValidationFinding> Findings, string? FailureReason = null)
{
    public const string Completed = "COMPLETED";
}

/// <summary>
/// StartEvaluationFormValidation and GetEvaluationFormValidation. AWS validates asynchronously: structural checks, then
/// an analysis of the generative-AI questions against best practices. [choice] Here the validation completes within
/// StartEvaluationFormValidation (GetEvaluationFormValidation never answers IN_PROGRESS, and a second start is never a
/// conflict): the structural checks are the ones a complete (not AsDraft) form must pass on create, update and
/// activation (EvaluationFormRules, weights summing to 100 included); the first one a version fails is its one finding,
/// IssueCode STRUCTURAL_ERROR, Severity ERROR, with the message CreateEvaluationForm would give. No generative-AI
/// analysis is made, so no WARNING findings. Starting a validation does not change the form's LastModifiedTime.
/// </summary>
public sealed class EvaluationFormValidations(IConnectStore store)
{
    public const string StructuralError = "STRUCTURAL_ERROR";
    public const string Error = "ERROR";

    public (EvaluationForm Form, int Version) Start(Caller caller, string instanceIdOrArn, string formIdOrArn, int version) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var form = EvaluationFormService.Type.Require(session, caller, instance.Id, formIdOrArn);
        var target = form.Version(version) ?? throw Errors.NotFound(EvaluationFormService.VersionNoun);
        var validation = new FormValidation(FormValidation.Completed, caller.Now, Findings(target));
        var validated = form with
        {
            Versions = form.Versions.Select(v => v.EvaluationFormVersion == version ? v with { LastValidation = validation } : v).ToList(),
        };
        session.Put(new ResourceScope(caller.AccountId, caller.Region, instance.Id), validated);
        return (validated, version);
    });

    /// <summary>
    /// The last validation of the version, or [choice] without a version the one started last on any version of the
    /// form. A version (or form) never validated is ResourceNotFoundException.
    /// </summary>
    public (EvaluationForm Form, int Version, FormValidation Validation) Get(Caller caller, string instanceIdOrArn, string formIdOrArn, int? version) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var form = EvaluationFormService.Type.Require(session, caller, instance.Id, formIdOrArn);
        var validated = version is { } number
            ? form.Version(number) ?? throw Errors.NotFound(EvaluationFormService.VersionNoun)
            : form.Versions.Where(v => v.LastValidation is not null).MaxBy(v => v.LastValidation!.StartedTime);
        return validated?.LastValidation is { } validation
            ? (form, validated.EvaluationFormVersion, validation)
            : throw Errors.NotFound(ErrorTexts.EvaluationValidationNoun);
    });

    private static IReadOnlyList<FormValidationFinding> Findings(FormVersion version)
    {
        try
        {
            EvaluationFormRules.Validate(version, complete: true);
            return [];
        }
        catch (DomainException problem)
        {
            return [new FormValidationFinding(StructuralError, problem.Message, Error)];
        }
    }
}
