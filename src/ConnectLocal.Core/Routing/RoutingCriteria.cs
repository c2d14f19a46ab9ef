using System.Globalization;

namespace ConnectLocal.Core.Routing;

/// <summary>
/// An agent's proficiencies (AssociateUserProficiencies): a level for each predefined attribute name and value the
/// agent holds. Compared by value, so that <see cref="AgentSettings"/> stays equal when nothing changed.
/// </summary>
public sealed class AgentProficiencies : IEquatable<AgentProficiencies>
{
    private readonly Dictionary<(string Name, string Value), double> _levels;

    public AgentProficiencies(IEnumerable<(string Name, string Value, double Level)> proficiencies)
    {
        _levels = [];
        foreach (var (name, value, level) in proficiencies)
        {
            _levels[(name, value)] = level;
        }
    }

    public int Count => _levels.Count;

    /// <summary>The level the agent holds for the attribute's value; null when it holds none.</summary>
    public double? Level(string name, string value) => _levels.TryGetValue((name, value), out var level) ? level : null;

    public bool Equals(AgentProficiencies? other) =>
        other is not null && other._levels.Count == _levels.Count
        && _levels.All(p => other._levels.TryGetValue(p.Key, out var level) && level == p.Value);

    public override bool Equals(object? obj) => Equals(obj as AgentProficiencies);

    public override int GetHashCode() => _levels.Count;
}

/// <summary>
/// An AttributeCondition of a routing step (or the condition of a NotAttributeCondition). Its ComparisonOperator says
/// which form it has: NumberGreaterOrEqualTo (Name, Value, ProficiencyLevel: the agent holds the value at that level
/// or above), Range (Name, Value, Range: a level from MinProficiencyLevel to MaxProficiencyLevel) or Match
/// (MatchCriteria.AgentsCriteria.AgentIds: the agent is one of them).
/// </summary>
public sealed record RoutingCondition(
    string? Name,
    string? Value,
    string? ComparisonOperator,
    double? ProficiencyLevel = null,
    double? MinLevel = null,
    double? MaxLevel = null,
    IReadOnlyList<string>? AgentIds = null)
{
    public const string AtLeast = "NumberGreaterOrEqualTo";

    /// <summary>[choice] The operator name for a Range condition (the flow language documents only NumberGreaterOrEqualTo).</summary>
    public const string InRange = "Range";

    /// <summary>[choice] The operator name for a MatchCriteria (preferred agents) condition.</summary>
    public const string Match = "Match";

    /// <summary>The model's bounds of AttributeCondition.Name and .Value, held to wherever criteria come from (a flow too).</summary>
    public const int MaxNameLength = 100;

    public const int MaxValueLength = 128;

    internal bool Holds(RoutedAgent agent)
    {
        if (ComparisonOperator == Match)
        {
            return AgentIds!.Contains(agent.UserId, StringComparer.Ordinal);
        }

        if (agent.Settings.Proficiencies?.Level(Name!, Value!) is not { } level)
        {
            return false;
        }

        return ComparisonOperator == AtLeast ? level >= ProficiencyLevel : level >= MinLevel && level <= MaxLevel;
    }

    /// <summary>What is wrong with the condition (null: nothing).</summary>
    internal string? Problem()
    {
        switch (ComparisonOperator)
        {
            case Match:
                return AgentIds is not { Count: > 0 } || AgentIds.Any(string.IsNullOrEmpty)
                    ? ErrorTexts.RoutingConditionNeeds(Match, "MatchCriteria.AgentsCriteria.AgentIds")
                    : null;
            case AtLeast:
                if (string.IsNullOrEmpty(Name) || string.IsNullOrEmpty(Value) || ProficiencyLevel is null)
                {
                    return ErrorTexts.RoutingConditionNeeds(AtLeast, "Name, Value and ProficiencyLevel");
                }

                return LengthProblem() ?? LevelProblem(ProficiencyLevel.Value);
            case InRange:
                if (string.IsNullOrEmpty(Name) || string.IsNullOrEmpty(Value) || MinLevel is null || MaxLevel is null)
                {
                    return ErrorTexts.RoutingConditionNeeds(InRange, "Name, Value and Range with MinProficiencyLevel and MaxProficiencyLevel");
                }

                return LengthProblem() ?? LevelProblem(MinLevel.Value) ?? LevelProblem(MaxLevel.Value)
                    ?? (MinLevel > MaxLevel ? ErrorTexts.RoutingRangeReversed : null);
            default:
                return ErrorTexts.RoutingConditionOperator(ComparisonOperator);
        }
    }

    private string? LengthProblem() =>
        Name!.Length > MaxNameLength ? ErrorTexts.RoutingConditionTooLong("Name", MaxNameLength)
        : Value!.Length > MaxValueLength ? ErrorTexts.RoutingConditionTooLong("Value", MaxValueLength)
        : null;

    /// <summary>The flow language: "Valid values are: 1.0, 2.0, 3.0, 4.0 and 5.0".</summary>
    private static string? LevelProblem(double level) =>
        level is >= 1 and <= 5 && Math.Floor(level) == level ? null : ErrorTexts.RoutingLevel(level.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A routing step's Expression: a tagged union, exactly one member set.</summary>
public sealed record RoutingExpression(
    RoutingCondition? Condition = null,
    IReadOnlyList<RoutingExpression>? And = null,
    IReadOnlyList<RoutingExpression>? Or = null,
    RoutingCondition? Not = null)
{
    /// <summary>[choice] An agent that holds no proficiency for a NotAttributeCondition's attribute value satisfies it.</summary>
    internal bool Holds(RoutedAgent agent)
    {
        if (Condition is not null)
        {
            return Condition.Holds(agent);
        }

        if (Not is not null)
        {
            return !Not.Holds(agent);
        }

        if (And is not null)
        {
            for (var i = 0; i < And.Count; i++)
            {
                if (!And[i].Holds(agent))
                {
                    return false;
                }
            }

            return true;
        }

        for (var i = 0; i < Or!.Count; i++)
        {
            if (Or[i].Holds(agent))
            {
                return true;
            }
        }

        return false;
    }

    internal string? Problem(int depth)
    {
        var set = (Condition is null ? 0 : 1) + (And is null ? 0 : 1) + (Or is null ? 0 : 1) + (Not is null ? 0 : 1);
        if (set != 1)
        {
            return ErrorTexts.RoutingExpressionMembers;
        }

        if (depth > RoutingCriteria.MaxDepth)
        {
            return ErrorTexts.RoutingExpressionTooDeep(RoutingCriteria.MaxDepth);
        }

        if (Condition is not null || Not is not null)
        {
            return (Condition ?? Not)!.Problem();
        }

        var list = (And ?? Or)!;
        if (list.Count == 0)
        {
            return ErrorTexts.RoutingExpressionEmptyList;
        }

        foreach (var inner in list)
        {
            if (inner.Problem(depth + 1) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}

/// <summary>A routing step: the expression an agent must satisfy, for <see cref="Expiry"/> (null: for ever).</summary>
public sealed record RoutingStep(RoutingExpression? Expression, TimeSpan? Expiry);

/// <summary>
/// A contact's routing criteria (UpdateRoutingCriteria, UpdateContactRoutingData): steps applied one after the other.
/// While a step is active only agents satisfying its expression are offered the contact; when its expiry passes the
/// next step applies; "When all steps are exhausted, the contact will be offered to any agent in the queue"
/// (RoutingCriteriaInput.Steps). A step with no expiry stays until the contact joins an agent.
/// </summary>
public sealed record RoutingCriteria(IReadOnlyList<RoutingStep> Steps)
{
    /// <summary>[choice] How deeply And/Or expressions may nest.</summary>
    public const int MaxDepth = 5;

    /// <summary>What is wrong with the criteria (null: nothing): the message of the error it gets.</summary>
    public string? Problem()
    {
        if (Steps.Count == 0)
        {
            return ErrorTexts.RoutingCriteriaNoSteps;
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Expression is null)
            {
                return ErrorTexts.RoutingStepProblem(i, ErrorTexts.RoutingStepNoExpression);
            }

            if (step.Expiry is { } expiry && expiry <= TimeSpan.Zero)
            {
                return ErrorTexts.RoutingStepProblem(i, ErrorTexts.RoutingStepExpiry);
            }

            if (step.Expression.Problem(1) is { } problem)
            {
                return ErrorTexts.RoutingStepProblem(i, problem);
            }
        }

        return null;
    }
}

/// <summary>Where a step of a contact's routing criteria stands (DescribeContact's Step.Status).</summary>
public enum RoutingStepStatus
{
    Inactive,
    Active,
    Joined,
    Expired,
}

/// <summary>A step of a contact's routing criteria as it stands now.</summary>
/// <param name="ExpiresAt">When the step expires (or expired); null for a step not reached or without expiry.</param>
public sealed record RoutingStepState(RoutingStep Step, RoutingStepStatus Status, DateTimeOffset? ExpiresAt);

/// <summary>A contact's routing criteria as they stand now (DescribeContact's RoutingCriteria).</summary>
/// <param name="ActivatedAt">When the criteria became active (the contact was queued); null before that.</param>
/// <param name="Index">0 for the first criteria set on the contact, one more for each later one.</param>
public sealed record RoutingCriteriaState(IReadOnlyList<RoutingStepState> Steps, DateTimeOffset? ActivatedAt, int Index)
{
    /// <summary>Criteria set on a contact not queued yet (still in its inbound flow): every step inactive.</summary>
    public static RoutingCriteriaState Pending(RoutingCriteria criteria) =>
        new(criteria.Steps.Select(s => new RoutingStepState(s, RoutingStepStatus.Inactive, null)).ToList(), null, 0);
}
