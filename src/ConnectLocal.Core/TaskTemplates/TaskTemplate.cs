using ConnectLocal.Core.Flows;

namespace ConnectLocal.Core.TaskTemplates;

/// <summary>One field of a task template: its name (its identifier), what it is for, its type and a single select's options.</summary>
public sealed record TaskTemplateFieldSpec(string Name, string? Description, string? Type, IReadOnlyList<string>? SingleSelectOptions);

/// <summary>The names of the fields agents must fill, cannot edit and cannot see.</summary>
public sealed record TaskTemplateFieldConstraints(IReadOnlyList<string> Required, IReadOnlyList<string> ReadOnly, IReadOnlyList<string> Invisible);

/// <summary>A field's default value.</summary>
public sealed record TaskTemplateFieldDefault(string Name, string? DefaultValue);

/// <summary>A task template: the form an agent fills for a task, the flow its tasks start in, and whether tasks may use it.</summary>
public sealed record TaskTemplate : InstanceResource, IResource<TaskTemplate>, ITaggable<TaskTemplate>
{
    public static string Kind => "task-template";

    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";

    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? ContactFlowId { get; init; }

    public string? SelfAssignFlowId { get; init; }

    public required TaskTemplateFieldConstraints Constraints { get; init; }

    /// <summary>Null when the request carried no Defaults (kept apart from an empty list, so each reads back as sent).</summary>
    public IReadOnlyList<TaskTemplateFieldDefault>? Defaults { get; init; }

    public required IReadOnlyList<TaskTemplateFieldSpec> Fields { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public TaskTemplate WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>
/// The rules of task templates beyond the routine ones (docs/templates-views.md): exactly one NAME field, listed among
/// the required fields; constraints and defaults name fields of the template; field names are unique; a SINGLE_SELECT
/// field has options and no other field has; a ContactFlowId or a QUICK_CONNECT field; each flow named is a flow of the
/// instance that tasks can start in.
/// [choice] Names are not unique: no task-template operation models DuplicateResourceException.
/// </summary>
public static class TaskTemplateRules
{
    public const string NameField = "NAME";
    public const string QuickConnectField = "QUICK_CONNECT";
    public const string SingleSelectField = "SINGLE_SELECT";

    public static readonly ResourceType<TaskTemplate> Type = new()
    {
        ArnSegment = "task-template",
        Noun = "Task template",
        UniqueNames = false,
        Check = Check,
    };

    private static void Check(ResourceContext context, TaskTemplate template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in template.Fields)
        {
            if (!names.Add(field.Name))
            {
                throw Errors.InvalidParameter(ErrorTexts.TaskTemplateFieldTwice(field.Name));
            }

            // [choice] A field without a Type is refused: every field type changes what an agent sees.
            if (field.Type is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.TaskTemplateFieldWithoutType(field.Name));
            }

            if ((field.Type == SingleSelectField) != (field.SingleSelectOptions is { Count: > 0 }))
            {
                throw Errors.InvalidParameter(ErrorTexts.TaskTemplateSingleSelectOptions(field.Name));
            }
        }

        var nameFields = template.Fields.Where(f => f.Type == NameField).ToList();
        if (nameFields.Count != 1)
        {
            throw Errors.InvalidParameter(ErrorTexts.TaskTemplateNameFieldCount(nameFields.Count));
        }

        var constraints = template.Constraints;
        if (!constraints.Required.Contains(nameFields[0].Name, StringComparer.Ordinal))
        {
            throw Errors.InvalidParameter(ErrorTexts.TaskTemplateNameFieldNotRequired(nameFields[0].Name));
        }

        foreach (var name in constraints.Required.Concat(constraints.ReadOnly).Concat(constraints.Invisible).Concat((template.Defaults ?? []).Select(d => d.Name)))
        {
            if (!names.Contains(name))
            {
                throw Errors.InvalidParameter(ErrorTexts.TaskTemplateUnknownField(name));
            }
        }

        if (template.ContactFlowId is null && !template.Fields.Any(f => f.Type == QuickConnectField))
        {
            throw Errors.InvalidParameter(ErrorTexts.TaskTemplateWithoutFlow);
        }

        // Tasks start in inbound flows (StartTaskContact checks the same): [choice] a self-assigned task's flow too.
        if (template.ContactFlowId is { } flow)
        {
            FlowReferences.Require(context, flow, FlowReferences.ContactFlowType);
        }

        if (template.SelfAssignFlowId is { } selfAssign)
        {
            FlowReferences.Require(context, selfAssign, FlowReferences.ContactFlowType);
        }
    }
}
