using System.Globalization;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>
/// The UpdateRoutingCriteria action ("Set routing criteria" block): its RoutingCriteria parameter read into the
/// engine's <see cref="RoutingCriteria"/>. The flow language: Steps "May be set statically or dynamically", so Steps
/// (or the whole RoutingCriteria) may be a reference ($.Attributes.…) whose value is the JSON text; every other text
/// value is resolved too. Numbers come as their text (FlowAction.Parameters).
/// </summary>
internal static class FlowRoutingCriteria
{
    /// <summary>The criteria the parameter gives, or null with what is wrong (the action's error detail).</summary>
    public static RoutingCriteria? Read(object? parameter, FlowContact flowContact, IFlowResources resources, out string? problem)
    {
        problem = null;
        var contact = new In(flowContact, resources);
        try
        {
            var root = Value(parameter, contact) as IReadOnlyDictionary<string, object?>;
            if (root is null || Value(root.GetValueOrDefault("Steps"), contact) is not IReadOnlyList<object?> steps)
            {
                problem = "no RoutingCriteria.Steps";
                return null;
            }

            var criteria = new RoutingCriteria(steps.Select(s => Step(s, contact)).ToList());
            problem = criteria.Problem();
            return problem is null ? criteria : null;
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static RoutingStep Step(object? value, In contact)
    {
        var step = Map(value, contact, "a step")!;
        var expiry = Map(step.GetValueOrDefault("Expiry"), contact, null)?.GetValueOrDefault("DurationInSeconds") is { } seconds
            ? TimeSpan.FromSeconds(Integer(seconds, contact, "Expiry.DurationInSeconds"))
            : (TimeSpan?)null;
        return new RoutingStep(Expression(step.GetValueOrDefault("Expression"), contact), expiry);
    }

    private static RoutingExpression? Expression(object? value, In contact)
    {
        if (Map(value, contact, null) is not { } map)
        {
            return null;
        }

        return new RoutingExpression(
            Condition(map.GetValueOrDefault("AttributeCondition"), contact),
            List(map.GetValueOrDefault("AndExpression"), contact),
            List(map.GetValueOrDefault("OrExpression"), contact),
            Condition(map.GetValueOrDefault("NotAttributeCondition"), contact));
    }

    private static List<RoutingExpression>? List(object? value, In contact) =>
        Value(value, contact) switch
        {
            null => null,
            IReadOnlyList<object?> list => list.Select(e => Expression(e, contact) ?? new RoutingExpression()).ToList(),
            _ => throw new FormatException("an AndExpression or OrExpression is not a list"),
        };

    private static RoutingCondition? Condition(object? value, In contact)
    {
        if (Map(value, contact, null) is not { } map)
        {
            return null;
        }

        var range = Map(map.GetValueOrDefault("Range"), contact, null);
        var agents = Map(Map(map.GetValueOrDefault("MatchCriteria"), contact, null)?.GetValueOrDefault("AgentsCriteria"), contact, null);
        return new RoutingCondition(
            Text(map.GetValueOrDefault("Name"), contact),
            Text(map.GetValueOrDefault("Value"), contact),
            Text(map.GetValueOrDefault("ComparisonOperator"), contact),
            Level(map.GetValueOrDefault("ProficiencyLevel"), contact),
            Level(range?.GetValueOrDefault("MinProficiencyLevel"), contact),
            Level(range?.GetValueOrDefault("MaxProficiencyLevel"), contact),
            Value(agents?.GetValueOrDefault("AgentIds"), contact) is IReadOnlyList<object?> ids ? ids.Select(i => Text(i, contact) ?? string.Empty).ToList() : null);
    }

    private static IReadOnlyDictionary<string, object?>? Map(object? value, In contact, string? required) =>
        Value(value, contact) switch
        {
            IReadOnlyDictionary<string, object?> map => map,
            null when required is null => null,
            _ => throw new FormatException($"{required ?? "a member"} is not an object"),
        };

    private static string? Text(object? value, In contact) => Value(value, contact) as string;

    private static double? Level(object? value, In contact) =>
        Text(value, contact) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) ? level : throw new FormatException($"the proficiency level '{text}' is not a number")
            : null;

    private static int Integer(object? value, In contact, string name) =>
        int.TryParse(Text(value, contact), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw new FormatException($"{name} is not an integer");

    /// <summary>A text value resolved ($.…); one that resolves to JSON text of an object or list is read as that.</summary>
    private static object? Value(object? value, In contact)
    {
        if (value is not string text)
        {
            return value;
        }

        var resolved = contact.Contact.Resolve(text);
        if (!text.StartsWith("$.", StringComparison.Ordinal) || resolved.TrimStart() is not ['{' or '[', ..])
        {
            return resolved;
        }

        return contact.Resources.JsonValue(resolved);
    }

    /// <summary>What reading a value needs: the contact its references resolve against, and the reader of JSON text.</summary>
    private readonly record struct In(FlowContact Contact, IFlowResources Resources);
}
