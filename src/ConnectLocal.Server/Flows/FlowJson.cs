using System.Text.Json;
using ConnectLocal.Core.Common;
using ConnectLocal.Core.Flows;

namespace ConnectLocal.Server.Flows;

/// <summary>
/// Reads flow-language JSON into Core's <see cref="FlowDocument"/> (Core knows no JSON). Content that is not JSON, or
/// whose outline is not the flow language's (an object whose Actions is a list of objects), is refused here as an
/// invalid flow with its one problem; everything else is the validator's (Core/Flows/FlowValidator.cs).
/// </summary>
internal static class FlowJson
{
    public static FlowDocument Read(string content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            throw Errors.InvalidFlow([ErrorTexts.FlowNotJson]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Errors.InvalidFlow([ErrorTexts.FlowNotObject]);
            }

            var actions = Member(root, "Actions");
            if (actions.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined))
            {
                throw Errors.InvalidFlow([ErrorTexts.FlowActionsNotList]);
            }

            var items = actions.ValueKind == JsonValueKind.Array ? actions.EnumerateArray().ToList() : [];
            if (items.Any(a => a.ValueKind != JsonValueKind.Object))
            {
                throw Errors.InvalidFlow([ErrorTexts.FlowActionNotObject]);
            }

            return new FlowDocument(Text(root, "Version"), Text(root, "StartAction"), items.Select(Action).ToList());
        }
    }

    private static FlowAction Action(JsonElement action)
    {
        var references = new List<FlowParameter>();
        Leaves(Member(action, "Parameters"), "Parameters", references);
        var transitions = Member(action, "Transitions");
        var parameters = Member(action, "Parameters");
        return new FlowAction(
            Text(action, "Identifier"),
            Text(action, "Type"),
            references,
            transitions.ValueKind == JsonValueKind.Object
                ? new FlowTransitions(Text(transitions, "NextAction"), Branches(transitions, "Errors"), Branches(transitions, "Conditions"))
                : FlowTransitions.None)
        {
            Parameters = parameters.ValueKind == JsonValueKind.Object ? (IReadOnlyDictionary<string, object?>)Value(parameters)! : null,
        };
    }

    /// <summary>JSON text as Core's plain tree (IFlowResources.JsonValue); not JSON: FormatException.</summary>
    public static object? ReadValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Value(document.RootElement);
        }
        catch (JsonException)
        {
            throw new FormatException(ErrorTexts.FlowValueNotJson(text));
        }
    }

    /// <summary>A JSON value as Core's plain tree: text (numbers and booleans as their JSON text), lists and maps.</summary>
    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.Object => element.EnumerateObject().GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Value(g.Last().Value), StringComparer.Ordinal),
        _ => null,
    };

    private static List<FlowBranch> Branches(JsonElement transitions, string name) =>
        Member(transitions, name) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(b => new FlowBranch(Text(b, "NextAction"), Text(b, "ErrorType")) { Condition = Condition(Member(b, "Condition")) }).ToList()
            : [];

    private static FlowCondition? Condition(JsonElement condition) =>
        condition.ValueKind != JsonValueKind.Object
            ? null
            : new FlowCondition(Text(condition, "Operator"), Member(condition, "Operands") is { ValueKind: JsonValueKind.Array } operands
                ? operands.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String ? o.GetString()! : o.GetRawText()).ToList()
                : []);

    /// <summary>Every string under <paramref name="element"/>, named by the object member that holds it (or holds its list).</summary>
    private static void Leaves(JsonElement element, string name, List<FlowParameter> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(new FlowParameter(name, element.GetString()!));
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Leaves(item, name, into);
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Leaves(member.Value, member.Name, into);
                }

                break;
        }
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) => Member(element, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
