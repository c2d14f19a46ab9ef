namespace ConnectLocal.Core.Flows;

/// <summary>
/// Checks a flow document against the flow language's rules and, given <c>exists</c>, its references against the
/// instance. Every problem is reported, each naming its action (docs/flows.md lists the checks).
/// </summary>
public static class FlowValidator
{
    public const string Version = "2019-10-30";

    /// <param name="exists">Whether a referenced resource is in the instance; null checks no references (validate-flow offline).</param>
    public static IReadOnlyList<FlowProblem> Problems(FlowDocument flow, string flowType, Func<FlowReferenceKind, string, bool>? exists)
    {
        var problems = new List<FlowProblem>();
        if (flow.Version != Version)
        {
            problems.Add(new(null, ErrorTexts.FlowVersion(flow.Version, Version)));
        }

        // The document's problems come first, then each action's in the order of the actions.
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new List<FlowProblem>();
        foreach (var action in flow.Actions)
        {
            if (string.IsNullOrEmpty(action.Identifier))
            {
                repeated.Add(new(null, ErrorTexts.FlowActionWithoutIdentifier(action.Type)));
            }
            else if (!identifiers.Add(action.Identifier))
            {
                repeated.Add(new(action.Identifier, ErrorTexts.FlowActionIdentifierRepeated));
            }
        }

        if (string.IsNullOrEmpty(flow.StartAction))
        {
            problems.Add(new(null, ErrorTexts.FlowStartActionMissing));
        }
        else if (!identifiers.Contains(flow.StartAction))
        {
            problems.Add(new(null, ErrorTexts.FlowStartActionUnknown(flow.StartAction)));
        }

        problems.AddRange(repeated);
        foreach (var action in flow.Actions)
        {
            Check(action, flowType, identifiers, exists, problems);
        }

        return problems;
    }

    private static void Check(FlowAction action, string flowType, HashSet<string> identifiers, Func<FlowReferenceKind, string, bool>? exists, List<FlowProblem> problems)
    {
        var name = action.Identifier;
        if (string.IsNullOrEmpty(action.Type))
        {
            problems.Add(new(name, ErrorTexts.FlowActionWithoutType));
        }
        else if (!FlowActionTypes.All.TryGetValue(action.Type, out var type))
        {
            problems.Add(new(name, ErrorTexts.FlowActionTypeUnknown(action.Type)));
        }
        else
        {
            if (!type.FlowTypes.Contains(flowType))
            {
                problems.Add(new(name, ErrorTexts.FlowActionNotAllowed(action.Type, flowType)));
            }

            if (!type.HasConditions && action.Transitions.Conditions.Count > 0)
            {
                problems.Add(new(name, ErrorTexts.FlowActionWithoutConditions(action.Type)));
            }
        }

        foreach (var target in action.Transitions.Targets.Distinct(StringComparer.Ordinal).Where(t => !identifiers.Contains(t)))
        {
            problems.Add(new(name, ErrorTexts.FlowTransitionToMissingAction(target)));
        }

        if (exists is null)
        {
            return;
        }

        foreach (var (parameter, value, kind) in References(action))
        {
            if (!exists(kind, value))
            {
                problems.Add(new(name, ErrorTexts.FlowReferenceMissing(parameter, value)));
            }
        }
    }

    /// <summary>
    /// The resources an action names: a value that is an ARN of a known segment, or a plain value of a known id
    /// parameter. A dynamic value (a JSONPath such as $.Attributes.queue) names nothing until the flow runs.
    /// </summary>
    private static IEnumerable<(string Parameter, string Value, FlowReferenceKind Kind)> References(FlowAction action)
    {
        foreach (var (parameter, value) in action.References)
        {
            if (value.Contains('$', StringComparison.Ordinal))
            {
                continue;
            }

            if (value.StartsWith("arn:", StringComparison.Ordinal))
            {
                if (Arns.Parse(value) is { ResourceParts: ["instance", _, var segment, ..] } && FlowActionTypes.ArnSegments.TryGetValue(segment, out var byArn))
                {
                    yield return (parameter, value, byArn);
                }
            }
            else if (FlowActionTypes.IdParameters.TryGetValue(parameter, out var byName))
            {
                yield return (parameter, value, byName);
            }
        }
    }
}
