namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>What an action does when it runs: its type, read once per flow instead of once per contact.</summary>
internal enum FlowOp : byte
{
    Unsupported,
    Recorded,

    /// <summary>A MessageParticipantIteratively with no next action: plays until the contact leaves the queue.</summary>
    RecordedEndless,
    UpdateContactTargetQueue,
    TransferContactToQueue,
    CheckHoursOfOperation,
    CheckMetricData,
    Compare,
    UpdateContactAttributes,
    UpdateContactRoutingBehavior,
    UpdateRoutingCriteria,
    UpdateContactEventHooks,
    TransferToFlow,
    InvokeFlowModule,
    EndFlowModuleExecution,
    DisconnectParticipant,
    EndFlowExecution,
    Loop,
    DistributeByPercentage,
    Wait,
    InvokeLambdaFunction,
}

/// <summary>A branch resolved to the index of the action it goes to.</summary>
/// <param name="Target">The action's index in the flow; <see cref="CompiledAction.None"/>: no next action; <see cref="CompiledAction.Missing"/>: it names no action of the flow.</param>
internal readonly record struct CompiledBranch(string? TargetId, int Target, string? ErrorType, CompiledCondition? Condition);

/// <summary>A Conditions branch's condition with its first operand read as a number once (null: not a number).</summary>
internal sealed class CompiledCondition(FlowCondition condition)
{
    public FlowCondition Condition { get; } = condition;

    public double? OperandNumber { get; } = condition.Operands.Count > 0 ? FlowInterpreter.Number(condition.Operands[0]) : null;
}

/// <summary>
/// An action of a flow as the interpreter runs it: its operation, its branches as action indices, and the parameters
/// that are the same for every contact (made once). A contact's run holds the index of the action it is at, so going
/// from one action to the next needs no lookup by identifier.
/// </summary>
internal sealed class CompiledAction
{
    public const int None = -1;
    public const int Missing = -2;

    public CompiledAction(FlowAction action, int index, Func<string?, int> indexOf)
    {
        Action = action;
        Index = index;
        Identifier = action.Identifier ?? string.Empty;
        Type = action.Type ?? string.Empty;
        var transitions = action.Transitions;
        NextId = transitions.NextAction;
        Next = indexOf(NextId);
        Op = OpOf(Type, NextId);
        Conditions = transitions.Conditions.Where(c => c.Condition is not null)
            .Select(c => new CompiledBranch(c.NextAction, indexOf(c.NextAction), null, new CompiledCondition(c.Condition!))).ToArray();
        Errors = transitions.Errors.Select(e => new CompiledBranch(e.NextAction, indexOf(e.NextAction), e.ErrorType, null)).ToArray();
        NoMatchingError = Array.FindIndex(Errors, e => e.ErrorType == FlowInterpreter.NoMatchingError);
        if (!HasDynamicValue(action.Parameters))
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (action.Parameters is not null)
            {
                foreach (var (name, value) in action.Parameters)
                {
                    FlowInterpreter.Flatten(name, value, null, parameters);
                }
            }

            StaticParameters = parameters;
        }

        if (action.Parameters?.GetValueOrDefault("Attributes") is IReadOnlyDictionary<string, object?> attributes)
        {
            Attributes = attributes.Select(a => new KeyValuePair<string, string>(a.Key, a.Value as string ?? string.Empty)).ToArray();
            if (Attributes.All(a => !a.Value.StartsWith("$.", StringComparison.Ordinal)))
            {
                StaticAttributes = new Dictionary<string, string>(Attributes, StringComparer.Ordinal);
            }
        }
    }

    public FlowAction Action { get; }

    public int Index { get; }

    public string Identifier { get; }

    public string Type { get; }

    public FlowOp Op { get; }

    public string? NextId { get; }

    public int Next { get; }

    public CompiledBranch[] Conditions { get; }

    public CompiledBranch[] Errors { get; }

    /// <summary>The index in <see cref="Errors"/> of the NoMatchingError branch; -1: none.</summary>
    public int NoMatchingError { get; }

    /// <summary>The parameters as run when none is dynamic ($.…); null: made per contact.</summary>
    public IReadOnlyDictionary<string, string>? StaticParameters { get; }

    /// <summary>UpdateContactAttributes' Attributes (values as written, dynamic ones resolved per contact).</summary>
    public KeyValuePair<string, string>[]? Attributes { get; }

    /// <summary>The Attributes when none is dynamic: a contact with no attributes yet shares this map until it changes one.</summary>
    public Dictionary<string, string>? StaticAttributes { get; }

    /// <summary>
    /// The last resource answer this action read (a queue, or hours open in a minute), with the resources' cache token
    /// it is good for (<see cref="IFlowResources.CacheToken"/>). Replaced as a whole, so readers on other threads see
    /// an old or a new answer, never half of one.
    /// </summary>
    public ResourceAnswer? Answer { get; set; }

    private static FlowOp OpOf(string type, string? next) => type switch
    {
        "UpdateContactTargetQueue" => FlowOp.UpdateContactTargetQueue,
        "TransferContactToQueue" => FlowOp.TransferContactToQueue,
        "CheckHoursOfOperation" => FlowOp.CheckHoursOfOperation,
        "CheckMetricData" => FlowOp.CheckMetricData,
        "Compare" => FlowOp.Compare,
        "UpdateContactAttributes" => FlowOp.UpdateContactAttributes,
        "UpdateContactRoutingBehavior" => FlowOp.UpdateContactRoutingBehavior,
        "UpdateRoutingCriteria" => FlowOp.UpdateRoutingCriteria,
        "UpdateContactEventHooks" => FlowOp.UpdateContactEventHooks,
        "TransferToFlow" => FlowOp.TransferToFlow,
        "InvokeFlowModule" => FlowOp.InvokeFlowModule,
        "EndFlowModuleExecution" => FlowOp.EndFlowModuleExecution,
        "DisconnectParticipant" => FlowOp.DisconnectParticipant,
        "EndFlowExecution" => FlowOp.EndFlowExecution,
        "Loop" => FlowOp.Loop,
        "DistributeByPercentage" => FlowOp.DistributeByPercentage,
        "Wait" => FlowOp.Wait,
        "InvokeLambdaFunction" => FlowOp.InvokeLambdaFunction,
        "MessageParticipantIteratively" when next is null => FlowOp.RecordedEndless,
        _ when FlowInterpreter.Recorded.Contains(type) => FlowOp.Recorded,
        _ => FlowOp.Unsupported,
    };

    private static bool HasDynamicValue(object? value) => value switch
    {
        string text => text.StartsWith("$.", StringComparison.Ordinal),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(HasDynamicValue),
        IReadOnlyList<object?> list => list.Any(HasDynamicValue),
        _ => false,
    };
}

/// <summary>A resource answer remembered by an action: the queue an id names, or whether hours are open in a UTC minute.</summary>
internal sealed record ResourceAnswer(object Token, string Key, long Minute, FlowQueue? Queue, bool? Open);

/// <summary>A flow's actions compiled once: by index, with the index of the start action.</summary>
internal sealed class CompiledFlow
{
    public CompiledFlow(FlowDocument document)
    {
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < document.Actions.Count; i++)
        {
            if (document.Actions[i].Identifier is { } id)
            {
                indices.TryAdd(id, i);
            }
        }

        int IndexOf(string? id) => id is null ? CompiledAction.None : indices.TryGetValue(id, out var index) ? index : CompiledAction.Missing;

        Document = document;
        Actions = document.Actions.Select((a, i) => new CompiledAction(a, i, IndexOf)).ToArray();
        Start = IndexOf(document.StartAction);
    }

    public FlowDocument Document { get; }

    public CompiledAction[] Actions { get; }

    public int Start { get; }
}
