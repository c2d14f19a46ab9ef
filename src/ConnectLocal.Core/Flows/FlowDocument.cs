namespace ConnectLocal.Core.Flows;

/// <summary>
/// A flow's content as the validator sees it: the Amazon Connect Flow language (Version "2019-10-30", StartAction,
/// Actions). Core knows no JSON; the edge reads the stored text into this (Server/Flows/FlowJson.cs). Fields the
/// validator does not check (Metadata, Condition operands) are not carried.
/// </summary>
public sealed record FlowDocument(string? Version, string? StartAction, IReadOnlyList<FlowAction> Actions);

/// <summary>
/// One action. <see cref="References"/> are the string leaves of its Parameters with the name of the member that
/// holds each (QueueId, PromptId, …), as far down as they are nested.
/// </summary>
public sealed record FlowAction(string? Identifier, string? Type, IReadOnlyList<FlowParameter> References, FlowTransitions Transitions)
{
    /// <summary>
    /// The Parameters object as the interpreter reads it (Flows/Interpreter): each member's value is a string (numbers
    /// and booleans as their text), a list of such values, or a nested map; null when the action has no Parameters.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }
}

public sealed record FlowParameter(string Name, string Value);

/// <summary>Transitions: the default NextAction, the Errors branches (ErrorType) and the Conditions branches.</summary>
public sealed record FlowTransitions(string? NextAction, IReadOnlyList<FlowBranch> Errors, IReadOnlyList<FlowBranch> Conditions)
{
    public static readonly FlowTransitions None = new(null, [], []);

    public IEnumerable<string> Targets =>
        Errors.Concat(Conditions).Select(b => b.NextAction).Prepend(NextAction).OfType<string>();
}

/// <summary>A branch: where it goes, and its ErrorType (for Errors).</summary>
public sealed record FlowBranch(string? NextAction, string? ErrorType)
{
    /// <summary>A Conditions branch's Condition (Operator and Operands); null for an Errors branch.</summary>
    public FlowCondition? Condition { get; init; }
}

/// <summary>A condition of a Conditions branch: its Operator (Equals, NumberLessThan, …) and its Operands, as text.</summary>
public sealed record FlowCondition(string? Operator, IReadOnlyList<string> Operands);

/// <summary>One thing wrong with a flow, and the action it is about (null: the document as a whole).</summary>
public sealed record FlowProblem(string? Action, string Message)
{
    public override string ToString() => Action is null ? Message : $"{Action}: {Message}";
}
