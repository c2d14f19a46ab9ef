namespace ConnectLocal.Core.TaskTemplates;

/// <summary>A task's reference as StartTaskContact carries it (the model's Reference: its Value and Type).</summary>
public sealed record ContactReference(string? Value, string Type);

/// <summary>
/// UpdateContactTaskTemplate's rules on the task's references (the model's prose): the references must be compatible
/// with the target template's fields. A required field needs a reference of its name; a reference named as a field has
/// the reference type the field's type maps to (TEXT, TEXT_AREA, BOOLEAN and SINGLE_SELECT to STRING, NUMBER to
/// NUMBER, DATE_TIME to DATE, URL to URL, EMAIL to EMAIL); a TEXT reference is under 512 characters, a TEXT_AREA one
/// under 4,096, a BOOLEAN one true or false. Each breach is PropertyValidationException naming the reference.
/// [choice] Fields of the other types (NAME, DESCRIPTION, SCHEDULED_TIME, QUICK_CONNECT, EXPIRY_DURATION, …) are the
/// task's own members, not references, and are not checked; references that name no field are kept as they are.
/// </summary>
public static class ContactTaskTemplateRules
{
    /// <summary>The model's prose: a task template can be updated at most 5 times per contact.</summary>
    public const int MaxUpdatesPerContact = 5;

    private static readonly Dictionary<string, string> ReferenceTypes = new(StringComparer.Ordinal)
    {
        ["TEXT"] = "STRING", ["TEXT_AREA"] = "STRING", ["BOOLEAN"] = "STRING", ["SINGLE_SELECT"] = "STRING",
        ["NUMBER"] = "NUMBER", ["DATE_TIME"] = "DATE", ["URL"] = "URL", ["EMAIL"] = "EMAIL",
    };

    private const string TypeMismatch = "TYPE_MISMATCH";
    private const string InvalidFormat = "INVALID_FORMAT";

    public static void CheckReferences(TaskTemplate template, IReadOnlyDictionary<string, ContactReference> references)
    {
        foreach (var field in template.Fields)
        {
            if (field.Type is null || !ReferenceTypes.TryGetValue(field.Type, out var referenceType))
            {
                continue;
            }

            var path = $"References.{field.Name}";
            if (!references.TryGetValue(field.Name, out var reference))
            {
                if (template.Constraints.Required.Contains(field.Name, StringComparer.Ordinal))
                {
                    throw TaskTemplateRules.Invalid(path, TaskTemplateRules.RequiredPropertyMissing, ErrorTexts.TaskReferenceMissing(field.Name));
                }

                continue;
            }

            if (reference.Type != referenceType)
            {
                throw TaskTemplateRules.Invalid(path, TypeMismatch, ErrorTexts.TaskReferenceType(field.Name, field.Type, referenceType));
            }

            var value = reference.Value ?? string.Empty;
            var tooLong = field.Type switch
            {
                "TEXT" => value.Length >= 512 ? 512 : 0,
                "TEXT_AREA" => value.Length >= 4096 ? 4096 : 0,
                _ => 0,
            };
            if (tooLong > 0)
            {
                throw TaskTemplateRules.Invalid(path, InvalidFormat, ErrorTexts.TaskReferenceTooLong(field.Name, tooLong));
            }

            if (field.Type == "BOOLEAN" && value is not ("true" or "false"))
            {
                throw TaskTemplateRules.Invalid(path, InvalidFormat, ErrorTexts.TaskReferenceNotBoolean(field.Name));
            }
        }
    }
}
