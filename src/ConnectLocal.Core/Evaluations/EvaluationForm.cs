namespace ConnectLocal.Core.Evaluations;

/// <summary>One version of an evaluation form: its content (members named as the model's EvaluationForm) and its state.</summary>
public sealed record FormVersion
{
    public const string Draft = "DRAFT";
    public const string Active = "ACTIVE";

    public int EvaluationFormVersion { get; init; }

    /// <summary>A version is locked once it has been activated: it is then changed only through a new version.</summary>
    public bool Locked { get; init; }

    public string Status { get; init => field = value ?? field; } = Draft;

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<EvaluationFormItem> Items { get; init; }

    public EvaluationFormScoringStrategy? ScoringStrategy { get; init; }

    public EvaluationFormAutoEvaluationConfiguration? AutoEvaluationConfiguration { get; init; }

    public EvaluationReviewConfiguration? ReviewConfiguration { get; init; }

    public EvaluationFormTargetConfiguration? TargetConfiguration { get; init; }

    public EvaluationFormLanguageConfiguration? LanguageConfiguration { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public string CreatedBy { get; init => field = value ?? field; } = string.Empty;

    public DateTimeOffset LastModifiedTime { get; init; }

    public string LastModifiedBy { get; init => field = value ?? field; } = string.Empty;

    /// <summary>The last StartEvaluationFormValidation of this version's content (an update of the content drops it).</summary>
    public FormValidation? LastValidation { get; init; }
}

/// <summary>
/// An evaluation form: its versions (1, 2, … in order; at most one ACTIVE) and what a summary shows of it. The
/// read-only members are what ListEvaluationForms' and SearchEvaluationForms' summaries show.
/// </summary>
public sealed record EvaluationForm : InstanceResource, IResource<EvaluationForm>, ITaggable<EvaluationForm>
{
    public static string Kind => "evaluation-form";

    public required IReadOnlyList<FormVersion> Versions { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public string CreatedBy { get; init => field = value ?? field; } = string.Empty;

    public string LastModifiedBy { get; init => field = value ?? field; } = string.Empty;

    public DateTimeOffset? LastActivatedTime { get; init; }

    public string? LastActivatedBy { get; init; }

    /// <summary>[choice] Titles are not unique (AWS documents no such rule).</summary>
    public string? Name => null;

    public string EvaluationFormId => Id;

    public string EvaluationFormArn => Arn;

    public int LatestVersion => Versions[^1].EvaluationFormVersion;

    public int? ActiveVersion => Versions.FirstOrDefault(v => v.Status == FormVersion.Active)?.EvaluationFormVersion;

    /// <summary>[choice] A form is ACTIVE while one of its versions is, DRAFT otherwise; its title and settings are the latest version's.</summary>
    public string Status => ActiveVersion is null ? FormVersion.Draft : FormVersion.Active;

    public string Title => Versions[^1].Title;

    public string? Description => Versions[^1].Description;

    public bool? AutoEvaluationEnabled => Versions[^1].AutoEvaluationConfiguration?.Enabled;

    public string? EvaluationFormLanguage => Versions[^1].LanguageConfiguration?.FormLanguage;

    public string? ContactInteractionType => Versions[^1].TargetConfiguration?.ContactInteractionType;

    public FormVersion? Version(int number) => Versions.FirstOrDefault(v => v.EvaluationFormVersion == number);

    public EvaluationForm WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
