namespace ConnectLocal.Core.Rules;

// Member names follow the model's (TriggerEventSource, Actions, TaskAction, …): the generic handlers map shapes by name.
public sealed record RuleTriggerEventSource(string EventSourceName, string? IntegrationAssociationId);

/// <summary>A structure without members (AssignContactCategoryActionDefinition, EndAssociatedTasksActionDefinition, EmptyFieldValue).</summary>
public sealed record EmptyDefinition;

public sealed record RuleReference(string? Value, string Type, string? Status, string? Arn, string? StatusReason);

public sealed record TaskActionDefinition(string Name, string? Description, string ContactFlowId, IReadOnlyDictionary<string, RuleReference>? References);

public sealed record EventBridgeActionDefinition(string Name);

public sealed record NotificationRecipientType(IReadOnlyDictionary<string, string>? UserTags, IReadOnlyList<string>? UserIds);

public sealed record SendNotificationActionDefinition(
    string DeliveryMethod, string? Subject, string Content, string ContentType, NotificationRecipientType Recipient, NotificationRecipientType? Exclusion);

public sealed record FieldValueUnion(bool? BooleanValue, double? DoubleValue, EmptyDefinition? EmptyValue, string? StringValue);

public sealed record FieldValue(string Id, FieldValueUnion Value);

public sealed record CreateCaseActionDefinition(IReadOnlyList<FieldValue> Fields, string TemplateId);

public sealed record UpdateCaseActionDefinition(IReadOnlyList<FieldValue> Fields);

public sealed record CaseSlaConfiguration(string Name, string Type, string? FieldId, IReadOnlyList<FieldValueUnion>? TargetFieldValues, long TargetSlaMinutes);

public sealed record AssignSlaActionDefinition(string SlaAssignmentType, CaseSlaConfiguration? CaseSlaConfiguration);

public sealed record SubmitAutoEvaluationActionDefinition(string EvaluationFormId);

public sealed record RuleAction(
    string ActionType,
    TaskActionDefinition? TaskAction,
    EventBridgeActionDefinition? EventBridgeAction,
    EmptyDefinition? AssignContactCategoryAction,
    SendNotificationActionDefinition? SendNotificationAction,
    CreateCaseActionDefinition? CreateCaseAction,
    UpdateCaseActionDefinition? UpdateCaseAction,
    AssignSlaActionDefinition? AssignSlaAction,
    EmptyDefinition? EndAssociatedTasksAction,
    SubmitAutoEvaluationActionDefinition? SubmitAutoEvaluationAction)
{
    /// <summary>Each action type and the member that carries its parameters.</summary>
    public (string Type, object? Value)[] Definitions() =>
    [
        ("CREATE_TASK", TaskAction), ("GENERATE_EVENTBRIDGE_EVENT", EventBridgeAction), ("ASSIGN_CONTACT_CATEGORY", AssignContactCategoryAction),
        ("SEND_NOTIFICATION", SendNotificationAction), ("CREATE_CASE", CreateCaseAction), ("UPDATE_CASE", UpdateCaseAction),
        ("ASSIGN_SLA", AssignSlaAction), ("END_ASSOCIATED_TASKS", EndAssociatedTasksAction), ("SUBMIT_AUTO_EVALUATION", SubmitAutoEvaluationAction),
    ];
}

public sealed record ActionSummary(string ActionType);

/// <summary>
/// A rule: conditions in the Rules Function language (kept as sent, never evaluated) on an event source, and the
/// actions to run when they hold. LIMITATIONS: rules are stored and validated; no event ever triggers one.
/// </summary>
public sealed record Rule : InstanceResource, IResource<Rule>, ITaggable<Rule>
{
    public static string Kind => "rule";

    public const string Draft = "DRAFT";
    public const string Published = "PUBLISHED";

    public required string Name { get; init; }

    public required RuleTriggerEventSource TriggerEventSource { get; init; }

    public required string Function { get; init; }

    public required IReadOnlyList<RuleAction> Actions { get; init; }

    public required string PublishStatus { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>Who last created or updated it (an IAM ARN; see RuleService.CallerArn).</summary>
    public string LastUpdatedBy { get; init => field = value ?? field; } = string.Empty;

    public string RuleId => Id;

    public string RuleArn => Arn;

    public DateTimeOffset LastUpdatedTime => LastModifiedTime;

    public string EventSourceName => TriggerEventSource.EventSourceName;

    public IReadOnlyList<ActionSummary> ActionSummaries => Actions.Select(a => new ActionSummary(a.ActionType)).ToList();

    public Rule WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}
