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
/// instance that tasks can start in. A property breaking these rules is PropertyValidationException, naming the property.
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

    public const string RequiredPropertyMissing = "REQUIRED_PROPERTY_MISSING";
    public const string UniqueConstraintViolated = "UNIQUE_CONSTRAINT_VIOLATED";
    public const string ReferencedResourceNotFound = "REFERENCED_RESOURCE_NOT_FOUND";
    public const string NotSupported = "NOT_SUPPORTED";

    /// <summary>
    /// A property of the template that is not valid: PropertyValidationException, which the template operations model.
    /// [choice] The path is written as in the request (Fields[1].Id.Name); the first property found is reported.
    /// </summary>
    public static DomainException Invalid(string path, string reason, string message) =>
        new(DomainErrorKind.InvalidProperty, message) { Properties = [new PropertyProblem(path, reason, message)] };

    private static void Check(ResourceContext context, TaskTemplate template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Fields.Count; i++)
        {
            var field = template.Fields[i];
            if (!names.Add(field.Name))
            {
                throw Invalid($"Fields[{i}].Id.Name", UniqueConstraintViolated, ErrorTexts.TaskTemplateFieldTwice(field.Name));
            }

            // [choice] A field without a Type is refused: every field type changes what an agent sees.
            if (field.Type is null)
            {
                throw Invalid($"Fields[{i}].Type", RequiredPropertyMissing, ErrorTexts.TaskTemplateFieldWithoutType(field.Name));
            }

            if ((field.Type == SingleSelectField) != (field.SingleSelectOptions is { Count: > 0 }))
            {
                throw Invalid(
                    $"Fields[{i}].SingleSelectOptions", field.Type == SingleSelectField ? RequiredPropertyMissing : NotSupported, ErrorTexts.TaskTemplateSingleSelectOptions(field.Name));
            }
        }

        var nameFields = template.Fields.Where(f => f.Type == NameField).ToList();
        if (nameFields.Count != 1)
        {
            throw Invalid("Fields", nameFields.Count == 0 ? RequiredPropertyMissing : UniqueConstraintViolated, ErrorTexts.TaskTemplateNameFieldCount(nameFields.Count));
        }

        var constraints = template.Constraints;
        if (!constraints.Required.Contains(nameFields[0].Name, StringComparer.Ordinal))
        {
            throw Invalid("Constraints.RequiredFields", RequiredPropertyMissing, ErrorTexts.TaskTemplateNameFieldNotRequired(nameFields[0].Name));
        }

        (string Path, IReadOnlyList<string> Names)[] references =
        [
            ("Constraints.RequiredFields[{0}].Id.Name", constraints.Required),
            ("Constraints.ReadOnlyFields[{0}].Id.Name", constraints.ReadOnly),
            ("Constraints.InvisibleFields[{0}].Id.Name", constraints.Invisible),
            ("Defaults.DefaultFieldValues[{0}].Id.Name", (template.Defaults ?? []).Select(d => d.Name).ToList()),
        ];
        foreach (var (path, referenced) in references)
        {
            for (var i = 0; i < referenced.Count; i++)
            {
                if (!names.Contains(referenced[i]))
                {
                    throw Invalid(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, i), ReferencedResourceNotFound, ErrorTexts.TaskTemplateUnknownField(referenced[i]));
                }
            }
        }

        if (template.ContactFlowId is null && !template.Fields.Any(f => f.Type == QuickConnectField))
        {
            throw Invalid("ContactFlowId", RequiredPropertyMissing, ErrorTexts.TaskTemplateWithoutFlow);
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
