using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Evaluations;

/// <summary>
/// Evaluation forms and their versions (docs/rules-evaluations.md). A form starts with version 1 in DRAFT; an update
/// changes a version in place while it is unlocked, or adds the next version (CreateNewVersion); activating a version
/// locks it and returns the previously active one to DRAFT, so at most one version is ACTIVE.
/// </summary>
public sealed class EvaluationFormService(IConnectStore store)
{
    public const string CreateOperation = "CreateEvaluationForm";
    public const string UpdateOperation = "UpdateEvaluationForm";

    public static readonly ResourceType<EvaluationForm> Type = new()
    {
        ArnSegment = "evaluation-form",
        Noun = "Evaluation form",
        UniqueNames = false,
        // [choice] SearchEvaluationForms' StringCondition fields, named as the search summary's members (the model
        // names none): text comparisons on Title and Description, exact ones on the rest.
        SearchFields =
        [
            SearchField<EvaluationForm>.Text("Title", f => f.Title),
            SearchField<EvaluationForm>.Text("Description", f => f.Description),
            SearchField<EvaluationForm>.Id("Status", f => f.Status),
            SearchField<EvaluationForm>.Id("EvaluationFormId", f => f.Id),
            SearchField<EvaluationForm>.Id("ContactInteractionType", f => f.ContactInteractionType),
            SearchField<EvaluationForm>.Id("EvaluationFormLanguage", f => f.EvaluationFormLanguage),
        ],
    };

    public const string VersionNoun = "Evaluation form version";

    /// <summary>CreateEvaluationForm: version 1, DRAFT. A ClientToken repeated with the same request answers the same form.</summary>
    public EvaluationForm Create(Caller caller, string instanceIdOrArn, FormVersion content, bool asDraft, IReadOnlyDictionary<string, string> tags, string? clientToken, string fingerprint) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var print = instance.Id + "\n" + fingerprint;
        if (Idempotency.Replay(session, caller, CreateOperation, clientToken, print) is { } replayed)
        {
            return Type.Require(session, caller, instance.Id, replayed);
        }

        EvaluationFormRules.Validate(content, complete: !asDraft);
        var id = DefaultResources.NewId();
        var by = Rules.RuleService.CallerArn(caller);
        var form = new EvaluationForm
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = Type.ArnOf(caller, instance.Id, id),
            Tags = tags,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
            CreatedTime = caller.Now,
            CreatedBy = by,
            LastModifiedBy = by,
            Versions = [Stamped(content, 1, caller, created: null)],
        };
        session.Put(new ResourceScope(caller.AccountId, caller.Region, instance.Id), form);
        Idempotency.Remember(session, caller, CreateOperation, clientToken, print, id);
        return form;
    });

    /// <summary>DescribeEvaluationForm: the given version, or the latest.</summary>
    public (EvaluationForm Form, FormVersion Version) Describe(Caller caller, string instanceIdOrArn, string formIdOrArn, int? version) => store.Read(session =>
    {
        var form = Require(session, caller, instanceIdOrArn, formIdOrArn);
        return (form, VersionOf(form, version));
    });

    public Page<FormVersion> ListVersions(Caller caller, string instanceIdOrArn, string formIdOrArn, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var form = Type.Require(session, caller, instance.Id, formIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        return Paging.Slice(session, scope, Paging.Listing("ListEvaluationFormVersions", [form.Id]), form.Versions,
            v => v.EvaluationFormVersion.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), nextToken, pageSize);
    });

    /// <summary>
    /// UpdateEvaluationForm, a full replacement of a version's content: in place while the version is unlocked, or as
    /// the next version with <paramref name="createNewVersion"/>. Answers the version written.
    /// [choice] A locked (once activated) version is changed only through a new version: ResourceConflictException.
    /// </summary>
    public (EvaluationForm Form, int Version) Update(
        Caller caller, string instanceIdOrArn, string formIdOrArn, int version, bool createNewVersion, FormVersion content, bool asDraft, string? clientToken, string fingerprint) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var form = Type.Require(session, caller, instance.Id, formIdOrArn);
        var print = form.Id + "\n" + fingerprint;
        if (Idempotency.Replay(session, caller, UpdateOperation, clientToken, print) is { } replayed)
        {
            return (form, int.Parse(replayed, System.Globalization.CultureInfo.InvariantCulture));
        }

        var current = VersionOf(form, version);
        if (!createNewVersion && current.Locked)
        {
            throw Errors.Conflict(ErrorTexts.EvaluationVersionLocked(version));
        }

        EvaluationFormRules.Validate(content, complete: !asDraft);
        var written = createNewVersion ? form.LatestVersion + 1 : version;
        var stamped = Stamped(content, written, caller, createNewVersion ? null : current);
        var versions = createNewVersion ? [.. form.Versions, stamped] : form.Versions.Select(v => v.EvaluationFormVersion == version ? stamped : v).ToList();
        var updated = Touched(form, caller) with { Versions = versions };
        session.Put(new ResourceScope(caller.AccountId, caller.Region, instance.Id), updated);
        Idempotency.Remember(session, caller, UpdateOperation, clientToken, print, written.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (updated, written);
    });

    /// <summary>
    /// ActivateEvaluationForm: the version becomes ACTIVE and locked; the one active before returns to DRAFT.
    /// [choice] Activating is refused for a version already ACTIVE (ResourceConflictException), and runs the complete
    /// validation (a form saved AsDraft must be complete to be activated).
    /// </summary>
    public EvaluationForm Activate(Caller caller, string instanceIdOrArn, string formIdOrArn, int version) => Change(caller, instanceIdOrArn, formIdOrArn, form =>
    {
        var target = VersionOf(form, version);
        if (target.Status == FormVersion.Active)
        {
            throw Errors.Conflict(ErrorTexts.EvaluationVersionAlreadyActive(version));
        }

        EvaluationFormRules.Validate(target, complete: true);
        var versions = form.Versions.Select(v => v.EvaluationFormVersion == version
            ? v with { Status = FormVersion.Active, Locked = true }
            : v.Status == FormVersion.Active ? v with { Status = FormVersion.Draft } : v).ToList();
        return form with { Versions = versions, LastActivatedTime = caller.Now, LastActivatedBy = Rules.RuleService.CallerArn(caller) };
    });

    /// <summary>DeactivateEvaluationForm: an ACTIVE version returns to DRAFT (it stays locked). Another version: ResourceConflictException.</summary>
    public EvaluationForm Deactivate(Caller caller, string instanceIdOrArn, string formIdOrArn, int version) => Change(caller, instanceIdOrArn, formIdOrArn, form =>
    {
        if (VersionOf(form, version).Status != FormVersion.Active)
        {
            throw Errors.Conflict(ErrorTexts.EvaluationVersionNotActive(version));
        }

        return form with { Versions = form.Versions.Select(v => v.EvaluationFormVersion == version ? v with { Status = FormVersion.Draft } : v).ToList() };
    });

    /// <summary>
    /// DeleteEvaluationForm: one version, or the whole form.
    /// [choice] An ACTIVE version, or a form with one, is not deleted (ResourceConflictException): deactivate it first.
    /// Deleting the only version left deletes the form.
    /// </summary>
    public void Delete(Caller caller, string instanceIdOrArn, string formIdOrArn, int? version) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var form = Type.Require(session, caller, instance.Id, formIdOrArn);
        var doomed = version is { } number ? [VersionOf(form, number)] : form.Versions;
        if (doomed.FirstOrDefault(v => v.Status == FormVersion.Active) is { } active)
        {
            throw Errors.Conflict(ErrorTexts.EvaluationVersionActiveNotDeleted(active.EvaluationFormVersion));
        }

        if (doomed.Count == form.Versions.Count)
        {
            session.Delete<EvaluationForm>(scope, form.Id);
        }
        else
        {
            session.Put(scope, Touched(form, caller) with { Versions = form.Versions.Where(v => v.EvaluationFormVersion != version).ToList() });
        }

        return true;
    });

    private EvaluationForm Change(Caller caller, string instanceIdOrArn, string formIdOrArn, Func<EvaluationForm, EvaluationForm> change) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var form = Type.Require(session, caller, instance.Id, formIdOrArn);
        var changed = Touched(change(form), caller);
        session.Put(new ResourceScope(caller.AccountId, caller.Region, instance.Id), changed);
        return changed;
    });

    private static EvaluationForm Require(IStoreSession session, Caller caller, string instanceIdOrArn, string formIdOrArn) =>
        Type.Require(session, caller, InstanceService.Require(session, caller, instanceIdOrArn).Id, formIdOrArn);

    private static FormVersion VersionOf(EvaluationForm form, int? version) =>
        version is { } number ? form.Version(number) ?? throw Errors.NotFound(VersionNoun) : form.Versions[^1];

    private static EvaluationForm Touched(EvaluationForm form, Caller caller) =>
        form with { LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region, LastModifiedBy = Rules.RuleService.CallerArn(caller) };

    private static FormVersion Stamped(FormVersion content, int number, Caller caller, FormVersion? created) => content with
    {
        EvaluationFormVersion = number,
        Status = FormVersion.Draft,
        Locked = false,
        CreatedTime = created?.CreatedTime ?? caller.Now,
        CreatedBy = created?.CreatedBy ?? Rules.RuleService.CallerArn(caller),
        LastModifiedTime = caller.Now,
        LastModifiedBy = Rules.RuleService.CallerArn(caller),
    };
}
