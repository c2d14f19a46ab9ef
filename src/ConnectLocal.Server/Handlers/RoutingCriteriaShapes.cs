using ConnectLocal.Core.Routing;
using ConnectLocal.Model.Shapes;
using RoutingCriteriaShape = ConnectLocal.Model.Shapes.RoutingCriteria;

namespace ConnectLocal.Server.Handlers;

/// <summary>Routing criteria between the wire shapes (RoutingCriteriaInput, Contact.RoutingCriteria) and the engine's.</summary>
internal static class RoutingCriteriaShapes
{
    public static Core.Routing.RoutingCriteria FromInput(RoutingCriteriaInput input) =>
        new((input.Steps ?? []).Select(s => new RoutingStep(
            s.Expression is null ? null : FromShape(s.Expression),
            s.Expiry?.DurationInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)).ToList());

    public static RoutingCriteriaShape Out(RoutingCriteriaState state) => new()
    {
        Steps = state.Steps.Select(s => new Step
        {
            Expression = Out(s.Step.Expression),
            Expiry = s.Step.Expiry is { } expiry ? new Expiry { DurationInSeconds = (int)expiry.TotalSeconds, ExpiryTimestamp = s.ExpiresAt } : null,
            Status = s.Status.ToString().ToUpperInvariant(),
        }).ToList(),
        ActivationTimestamp = state.ActivatedAt,
        Index = state.Index,
    };

    private static RoutingExpression FromShape(Expression shape) => new(
        FromShape(shape.AttributeCondition),
        shape.AndExpression?.Select(FromShape).ToList(),
        shape.OrExpression?.Select(FromShape).ToList(),
        FromShape(shape.NotAttributeCondition));

    private static RoutingCondition? FromShape(AttributeCondition? shape) => shape is null ? null : new RoutingCondition(
        shape.Name,
        shape.Value,
        shape.ComparisonOperator,
        shape.ProficiencyLevel,
        shape.Range?.MinProficiencyLevel,
        shape.Range?.MaxProficiencyLevel,
        shape.MatchCriteria?.AgentsCriteria?.AgentIds);

    public static Expression? Out(RoutingExpression? expression) => expression is null ? null : new Expression
    {
        AttributeCondition = Out(expression.Condition),
        AndExpression = expression.And?.Select(e => Out(e)!).ToList(),
        OrExpression = expression.Or?.Select(e => Out(e)!).ToList(),
        NotAttributeCondition = Out(expression.Not),
    };

    private static AttributeCondition? Out(RoutingCondition? condition) => condition is null ? null : new AttributeCondition
    {
        Name = condition.Name,
        Value = condition.Value,
        ComparisonOperator = condition.ComparisonOperator,
        ProficiencyLevel = (float?)condition.ProficiencyLevel,
        Range = condition.MinLevel is null && condition.MaxLevel is null ? null
            : new ConnectLocal.Model.Shapes.Range { MinProficiencyLevel = (float?)condition.MinLevel, MaxProficiencyLevel = (float?)condition.MaxLevel },
        MatchCriteria = condition.AgentIds is null ? null : new MatchCriteria { AgentsCriteria = new AgentsCriteria { AgentIds = condition.AgentIds.ToList() } },
    };
}
