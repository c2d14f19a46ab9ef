using System.Globalization;

namespace ConnectLocal.Core.Flows.Interpreter;

/// <summary>What a running flow asks of the routing around it (Flows/Interpreter/FlowRouting.cs implements it on the engine).</summary>
public interface IFlowHost
{
    DateTimeOffset Now { get; }

    IFlowResources Resources { get; }

    /// <summary>Puts the contact in the queue (its priority and age adjustment set); the capacity rules are checked already.</summary>
    void Queue(FlowContact contact, FlowQueue queue);

    /// <summary>Contacts waiting in the queue now, all channels, in the contact's Region.</summary>
    int WaitingIn(FlowContact contact, FlowQueue queue);

    /// <summary>CheckMetricData's metric for the queue; null: a metric type ConnectLocal does not know.</summary>
    double? Metric(FlowContact contact, FlowQueue queue, string metricType);

    /// <summary>The contact is already queued and its priority or age adjustment changed (a customer queue flow).</summary>
    void Reorder(FlowContact contact);

    /// <summary>A random whole number from 1 to 100 (DistributeByPercentage).</summary>
    int Percent();

    LambdaResponse? Lambda(string functionArn);

    /// <summary>An action the contact ran was logged (the simulator counts branches here); nothing by default.</summary>
    void Logged(FlowContact contact, in FlowStep step)
    {
    }
}

/// <summary>Where a run stands after <see cref="FlowInterpreter.Run"/>.</summary>
public enum FlowRunState
{
    /// <summary>Paused by a Wait (or an endless prompt of a queue flow) until <see cref="FlowRun.ResumeTicks"/>.</summary>
    Waiting,

    /// <summary>TransferContactToQueue queued the contact; the flow is over.</summary>
    Queued,

    /// <summary>DisconnectParticipant, or no branch to take after an error.</summary>
    Disconnected,

    /// <summary>EndFlowExecution, or an action with no next action.</summary>
    Ended,
}

/// <summary>One contact's run of a flow: the flow (and modules) it is in, the action it is at, and whether it waits.</summary>
public sealed class FlowRun
{
    internal readonly Stack<Frame> Frames = new();

    public FlowRun(FlowContact contact, FlowProgram flow, bool queueFlow = false)
    {
        Contact = contact;
        QueueFlow = queueFlow;
        Frames.Push(new Frame(flow, flow.Document.StartAction, null));
    }

    public FlowContact Contact { get; }

    /// <summary>A customer queue flow (runs while the contact waits; its ending leaves the contact in queue).</summary>
    public bool QueueFlow { get; }

    public FlowRunState State { get; internal set; } = FlowRunState.Waiting;

    /// <summary>When a waiting run goes on (UTC ticks; long.MaxValue: never by itself).</summary>
    public long ResumeTicks { get; internal set; }

    /// <summary>The flow the run is in now.</summary>
    public FlowProgram Flow => Frames.Peek().Program;

    /// <summary>The Wait action the run is paused at (its result is WaitCompleted when it goes on).</summary>
    internal FlowAction? Waiting { get; set; }

    internal sealed class Frame(FlowProgram program, string? next, FlowAction? caller)
    {
        public FlowProgram Program { get; } = program;

        public string? Next { get; set; } = next;

        /// <summary>The InvokeFlowModule action of the flow below, whose NextAction follows the module's return.</summary>
        public FlowAction? Caller { get; } = caller;
    }
}

/// <summary>
/// Runs the Amazon Connect flow language for a contact, action by action, following each action's Transitions: the
/// NextAction, the first Conditions branch whose Condition holds for the action's result, or the Errors branch of the
/// error (else the NoMatchingError branch). Every action is logged (<see cref="FlowContact.Log"/>). An action type the
/// interpreter does not run takes its error branch with the error "UnsupportedAction" — a flow never crashes.
/// Time passes only in Wait (and endless prompts of queue flows): the run pauses, and the caller resumes it at its time.
/// docs/routing.md, "Contact flows", lists what each action does here.
/// </summary>
public static class FlowInterpreter
{
    /// <summary>[choice] Actions a run may take without pausing before it is stopped as a loop (the contact is disconnected).</summary>
    public const int MaxStepsWithoutPause = 1000;

    public const string NoMatchingError = "NoMatchingError";
    public const string NoMatchingCondition = "NoMatchingCondition";
    public const string QueueAtCapacity = "QueueAtCapacity";

    /// <summary>Actions that only show or record something: logged, then the NextAction.</summary>
    public static readonly IReadOnlySet<string> Recorded = new HashSet<string>(StringComparer.Ordinal)
    {
        "MessageParticipant", "MessageParticipantIteratively", "UpdateContactTextToSpeechVoice", "UpdateFlowLoggingBehavior",
        "UpdateContactRecordingBehavior", "UpdateContactMediaStreamingBehavior", "UpdateContactData", "TagContact", "UnTagContact",
    };

    /// <summary>The action types the interpreter runs (every other known type takes its error branch).</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "UpdateContactTargetQueue", "TransferContactToQueue", "CheckHoursOfOperation", "CheckMetricData", "Compare",
        "UpdateContactAttributes", "UpdateContactRoutingBehavior", "UpdateRoutingCriteria", "UpdateContactEventHooks", "TransferToFlow", "InvokeFlowModule",
        "EndFlowModuleExecution", "DisconnectParticipant", "EndFlowExecution", "Loop", "DistributeByPercentage", "Wait",
        "InvokeLambdaFunction", "MessageParticipant", "MessageParticipantIteratively", "UpdateContactTextToSpeechVoice",
        "UpdateFlowLoggingBehavior", "UpdateContactRecordingBehavior", "UpdateContactMediaStreamingBehavior", "UpdateContactData", "TagContact", "UnTagContact",
    };

    /// <summary>Runs (or resumes) the run until it pauses or is over.</summary>
    public static FlowRunState Run(FlowRun run, IFlowHost host)
    {
        var contact = run.Contact;
        string? resumeResult = null;
        if (run.Waiting is { } waited)
        {
            run.Waiting = null;
            resumeResult = "WaitCompleted";
            var frame = run.Frames.Peek();
            var next = ConditionBranch(waited, resumeResult) ?? waited.Transitions.NextAction;
            Log(run, host, waited, Parameters(waited, contact), resumeResult, next, null);
            frame.Next = next;
        }

        for (var steps = 0; steps < MaxStepsWithoutPause; steps++)
        {
            var frame = run.Frames.Peek();
            if (frame.Next is null)
            {
                if (run.Frames.Count > 1)
                {
                    // A module without a Return block ends like one [choice].
                    run.Frames.Pop();
                    run.Frames.Peek().Next = frame.Caller?.Transitions.NextAction;
                    continue;
                }

                return run.State = FlowRunState.Ended;
            }

            var action = frame.Program.Action(frame.Next);
            if (action is null)
            {
                return run.State = FlowRunState.Disconnected;
            }

            var program = frame.Program;
            var step = Execute(run, host, action);
            switch (step.Kind)
            {
                case StepKind.Pause:
                    run.ResumeTicks = step.ResumeTicks;
                    run.Waiting = action.Type == "Wait" ? action : null;
                    if (run.Waiting is null)
                    {
                        Log(run, host, action, step.Parameters, step.Result, null, null);
                    }

                    return run.State = FlowRunState.Waiting;
                case StepKind.Stop:
                    Log(run, host, action, step.Parameters, step.Result, null, null);
                    return run.State = step.Stop;
                case StepKind.Jumped:
                    Log(run, host, program, action, step.Parameters, step.Result, run.Frames.Peek().Next, null);
                    continue;
            }

            var target = step.Kind == StepKind.Error
                ? ErrorBranch(action, step.Error!)
                : step.Kind == StepKind.Condition
                    ? ConditionBranch(action, step.Result!) ?? ErrorBranch(action, NoMatchingCondition)
                    : action.Transitions.NextAction;
            var error = step.Kind == StepKind.Error ? step.Error : step.Kind == StepKind.Condition && ConditionBranch(action, step.Result!) is null ? NoMatchingCondition : null;
            Log(run, host, action, step.Parameters, step.Result, target, step.Detail is null ? error : $"{error}: {step.Detail}");
            if (target is null && error is not null)
            {
                // [choice] An error with no branch to take disconnects the contact (a queue flow's contact too).
                return run.State = FlowRunState.Disconnected;
            }

            frame.Next = target;
        }

        var last = run.Frames.Peek();
        Add(contact, host, new FlowStep(last.Program.Arn, last.Program.Name, last.Next ?? string.Empty, "Loop", null, null, $"StepLimit: {MaxStepsWithoutPause} actions without a pause"),
            new Dictionary<string, string>());
        return run.State = FlowRunState.Disconnected;
    }

    private static void Log(FlowRun run, IFlowHost host, FlowAction action, IReadOnlyDictionary<string, string> parameters, string? result, string? next, string? error) =>
        Log(run, host, run.Flow, action, parameters, result, next, error);

    private static void Log(FlowRun run, IFlowHost host, FlowProgram program, FlowAction action, IReadOnlyDictionary<string, string> parameters, string? result, string? next, string? error) =>
        Add(run.Contact, host, new FlowStep(program.Arn, program.Name, action.Identifier ?? string.Empty, action.Type ?? string.Empty, result, next, error), parameters);

    /// <summary>The log entry is made only when the contact keeps its log; the host hears of every step.</summary>
    private static void Add(FlowContact contact, IFlowHost host, in FlowStep step, IReadOnlyDictionary<string, string> parameters)
    {
        if (contact.KeepLog)
        {
            contact.Log.Add(new FlowLogEntry(host.Now, contact.Id, step.FlowArn, step.FlowName, step.ActionIdentifier, step.ActionType, parameters, step.Results, step.NextAction, step.Error));
        }

        host.Logged(contact, step);
    }

    // Loops, not LINQ: these run for every action of every contact the simulator routes.
    private static string? ErrorBranch(FlowAction action, string error)
    {
        var errors = action.Transitions.Errors;
        FlowBranch? noMatching = null;
        for (var i = 0; i < errors.Count; i++)
        {
            if (errors[i].ErrorType == error)
            {
                return errors[i].NextAction;
            }

            if (noMatching is null && errors[i].ErrorType == NoMatchingError)
            {
                noMatching = errors[i];
            }
        }

        return noMatching?.NextAction;
    }

    /// <summary>The first Conditions branch whose condition holds for the result.</summary>
    private static string? ConditionBranch(FlowAction action, string result)
    {
        var conditions = action.Transitions.Conditions;
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Condition is { } condition && Holds(condition, result))
            {
                return conditions[i].NextAction;
            }
        }

        return null;
    }

    /// <summary>
    /// A condition on a result. [choice] Equals compares as numbers when both sides are numbers, else as exact text;
    /// the Number* operators need both to be numbers (else the condition does not hold); the Text* operators compare
    /// exact text.
    /// </summary>
    public static bool Holds(FlowCondition condition, string value)
    {
        if (condition.Operands.Count == 0)
        {
            return false;
        }

        var operand = condition.Operands[0];
        var numbers = Number(value) is { } v && Number(operand) is { } o ? (v, o) : ((double, double)?)null;
        return condition.Operator switch
        {
            "Equals" => numbers is { } n ? n.Item1 == n.Item2 : condition.Operands.Contains(value, StringComparer.Ordinal),
            "NumberGreaterThan" => numbers is { } n && n.Item1 > n.Item2,
            "NumberLessThan" or "NumericLessThan" => numbers is { } n && n.Item1 < n.Item2,
            "NumberGreaterOrEqualTo" => numbers is { } n && n.Item1 >= n.Item2,
            "NumberLessOrEqualTo" => numbers is { } n && n.Item1 <= n.Item2,
            "TextStartsWith" => value.StartsWith(operand, StringComparison.Ordinal),
            "TextEndsWith" => value.EndsWith(operand, StringComparison.Ordinal),
            "TextContains" => value.Contains(operand, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private enum StepKind
    {
        Next,
        Condition,
        Error,
        Pause,
        Stop,
        Jumped,
    }

    private readonly record struct Step(StepKind Kind, IReadOnlyDictionary<string, string> Parameters)
    {
        public string? Result { get; init; }

        public string? Error { get; init; }

        public string? Detail { get; init; }

        public long ResumeTicks { get; init; }

        public FlowRunState Stop { get; init; }
    }

    private static Step Execute(FlowRun run, IFlowHost host, FlowAction action)
    {
        var contact = run.Contact;
        var parameters = Parameters(action, contact);
        Step Next(string? result = "Success") => new(StepKind.Next, parameters) { Result = result };
        Step Condition(string result) => new(StepKind.Condition, parameters) { Result = result };
        Step Fail(string detail, string error = NoMatchingError) => new(StepKind.Error, parameters) { Error = error, Detail = detail };
        Step Stop(FlowRunState state, string? result = null) => new(StepKind.Stop, parameters) { Stop = state, Result = result };

        var type = action.Type ?? string.Empty;
        var kind = KindOf(action);
        if (kind == ActionKind.Unsupported)
        {
            return Fail($"{type} is not run by ConnectLocal");
        }

        if (kind == ActionKind.Recorded)
        {
            // A queue flow's endless prompt (no next action) plays until the contact leaves the queue.
            return type == "MessageParticipantIteratively" && action.Transitions.NextAction is null
                ? new Step(StepKind.Pause, parameters) { ResumeTicks = long.MaxValue, Result = "Playing" }
                : Next();
        }

        switch (type)
        {
            case "UpdateContactTargetQueue":
            {
                var queue = parameters.TryGetValue("QueueId", out var queueId) ? host.Resources.Queue(queueId)
                    : parameters.TryGetValue("AgentId", out var agentId) ? host.Resources.AgentQueue(agentId) : null;
                if (queue is null)
                {
                    return Fail("the queue was not found");
                }

                contact.TargetQueue = queue;
                return Next();
            }

            case "TransferContactToQueue":
            {
                if (run.QueueFlow || contact.Outcome == FlowOutcome.Queued)
                {
                    return Fail("the contact is already in a queue");
                }

                if (contact.TargetQueue is not { } queue)
                {
                    return Fail("no working queue is set");
                }

                // [choice] A DISABLED queue takes no new contact: the error branch.
                if (!queue.Enabled)
                {
                    return Fail("the queue is disabled");
                }

                if (queue.MaxContacts is { } max && host.WaitingIn(contact, queue) >= max)
                {
                    return Fail($"the queue holds its MaxContacts ({max})", QueueAtCapacity);
                }

                host.Queue(contact, queue);
                contact.Outcome = FlowOutcome.Queued;
                return Stop(FlowRunState.Queued, "Success");
            }

            case "CheckHoursOfOperation":
            {
                var hoursId = parameters.GetValueOrDefault("HoursOfOperationId") ?? contact.TargetQueue?.HoursOfOperationId;
                if (hoursId is null)
                {
                    return Fail("no hours of operation given and no working queue");
                }

                return host.Resources.HoursOpen(hoursId, host.Now) is { } open
                    ? Condition(open ? "True" : "False")
                    : Fail("the hours of operation were not found");
            }

            case "CheckMetricData":
            {
                var queue = parameters.TryGetValue("QueueId", out var queueId) ? host.Resources.Queue(queueId)
                    : parameters.TryGetValue("AgentId", out var agentId) ? host.Resources.AgentQueue(agentId) : contact.TargetQueue;
                if (queue is null)
                {
                    return Fail("no queue to read the metric of");
                }

                var metric = parameters.GetValueOrDefault("MetricType") ?? string.Empty;
                return host.Metric(contact, queue, metric) is { } value
                    ? Condition(value.ToString(CultureInfo.InvariantCulture))
                    : Fail($"unknown MetricType '{metric}'");
            }

            case "Compare":
                return Condition(parameters.GetValueOrDefault("ComparisonValue") ?? string.Empty);

            case "UpdateContactAttributes":
            {
                if (action.Parameters?.GetValueOrDefault("Attributes") is not IReadOnlyDictionary<string, object?> attributes)
                {
                    return Fail("no Attributes");
                }

                foreach (var (key, value) in attributes)
                {
                    contact.Attributes[key] = value is string text ? contact.Resolve(text) : string.Empty;
                }

                return Next();
            }

            case "UpdateContactRoutingBehavior":
            {
                var hasPriority = parameters.TryGetValue("QueuePriority", out var priorityText);
                var hasAdjustment = parameters.TryGetValue("QueueTimeAdjustmentSeconds", out var adjustmentText);
                if (hasPriority == hasAdjustment && hasPriority)
                {
                    return Fail("QueuePriority and QueueTimeAdjustmentSeconds together");
                }

                if (hasPriority)
                {
                    if (!long.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) || priority < 1)
                    {
                        return Fail("QueuePriority is not an integer above zero");
                    }

                    contact.QueuePriority = priority;
                }
                else if (hasAdjustment)
                {
                    if (!int.TryParse(adjustmentText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                    {
                        return Fail("QueueTimeAdjustmentSeconds is not an integer");
                    }

                    contact.QueueTimeAdjustment = TimeSpan.FromSeconds(seconds);
                }

                if (contact.Outcome == FlowOutcome.Queued)
                {
                    host.Reorder(contact);
                }

                return Next();
            }

            case "UpdateRoutingCriteria":
            {
                if (FlowRoutingCriteria.Read(action.Parameters?.GetValueOrDefault("RoutingCriteria"), contact, out var problem) is not { } criteria)
                {
                    return Fail(problem!);
                }

                contact.RoutingCriteria = criteria;
                if (contact.Outcome == FlowOutcome.Queued)
                {
                    host.Reorder(contact);
                }

                return Next();
            }

            case "UpdateContactEventHooks":
            {
                if (action.Parameters?.GetValueOrDefault("EventHooks") is not IReadOnlyDictionary<string, object?> hooks || hooks.Count == 0)
                {
                    return Fail("no EventHooks");
                }

                foreach (var (hook, value) in hooks)
                {
                    var flowId = value is string text ? contact.Resolve(text) : string.Empty;
                    if (hook == "CustomerQueue" && host.Resources.Flow(flowId) is null)
                    {
                        return Fail($"the {hook} flow was not found or is not published");
                    }

                    contact.EventHooks[hook] = flowId;
                }

                return Next();
            }

            case "TransferToFlow":
            {
                if (host.Resources.Flow(parameters.GetValueOrDefault("ContactFlowId") ?? string.Empty) is not { } flow)
                {
                    return Fail("the flow was not found or is not published");
                }

                run.Frames.Clear();
                run.Frames.Push(new FlowRun.Frame(flow, flow.Document.StartAction, null));
                return new Step(StepKind.Jumped, parameters) { Result = flow.Arn };
            }

            case "InvokeFlowModule":
            {
                if (host.Resources.Module(parameters.GetValueOrDefault("FlowModuleId") ?? string.Empty) is not { } module)
                {
                    return Fail("the flow module was not found");
                }

                run.Frames.Peek().Next = null;
                run.Frames.Push(new FlowRun.Frame(module, module.Document.StartAction, action));
                return new Step(StepKind.Jumped, parameters) { Result = module.Arn };
            }

            case "EndFlowModuleExecution":
            {
                if (run.Frames.Count < 2)
                {
                    return Stop(FlowRunState.Ended);
                }

                var module = run.Frames.Pop();
                run.Frames.Peek().Next = module.Caller?.Transitions.NextAction;
                return new Step(StepKind.Jumped, parameters) { Result = "Return" };
            }

            case "DisconnectParticipant":
                return Stop(FlowRunState.Disconnected);

            case "EndFlowExecution":
                return Stop(FlowRunState.Ended);

            case "Loop":
            {
                if (!int.TryParse(parameters.GetValueOrDefault("LoopCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 100)
                {
                    return Fail("LoopCount is not a number from 0 to 100");
                }

                var key = (run.Flow.Id, action.Identifier ?? string.Empty);
                var done = contact.Loops.GetValueOrDefault(key);
                if (done < count)
                {
                    contact.Loops[key] = done + 1;
                    return Condition("ContinueLooping");
                }

                contact.Loops.Remove(key);
                return Condition("DoneLooping");
            }

            case "DistributeByPercentage":
                return Condition(host.Percent().ToString(CultureInfo.InvariantCulture));

            case "Wait":
            {
                var text = parameters.GetValueOrDefault("TimeoutSeconds") ?? parameters.GetValueOrDefault("TimeLimitSeconds");
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 604800)
                {
                    return Fail("TimeoutSeconds is not a number of seconds from 1 to 604800");
                }

                return new Step(StepKind.Pause, parameters) { ResumeTicks = host.Now.UtcTicks + TimeSpan.FromSeconds(seconds).Ticks };
            }

            case "InvokeLambdaFunction":
            {
                var arn = parameters.GetValueOrDefault("LambdaFunctionARN") ?? string.Empty;
                if (host.Lambda(arn) is not { } response)
                {
                    return Fail($"no response is set for {arn} (PUT /_connectlocal/flows/lambda-responses)");
                }

                if (response.Fails)
                {
                    return Fail("the function's canned response is a failure");
                }

                contact.External.Clear();
                foreach (var (key, value) in response.Values)
                {
                    contact.External[key] = value;
                }

                return Next("Success");
            }
        }

        return Fail($"{type} is not run by ConnectLocal");
    }

    /// <summary>The action's parameters as run: each top-level text value resolved; nested ones flattened as Name.Member.</summary>
    private static IReadOnlyDictionary<string, string> Parameters(FlowAction action, FlowContact contact)
    {
        if (StaticParameters.TryGetValue(action, out var fixedParameters))
        {
            return fixedParameters;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (action.Parameters is not null)
        {
            foreach (var (name, value) in action.Parameters)
            {
                Flatten(name, value, contact, result);
            }
        }

        // Parameters with no dynamic value ($.…) are the same for every contact: made once per action.
        if (!HasDynamicValue(action.Parameters))
        {
            StaticParameters.AddOrUpdate(action, result);
        }

        return result;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FlowAction, IReadOnlyDictionary<string, string>> StaticParameters = [];

    private enum ActionKind
    {
        Unsupported,
        Recorded,
        Run,
    }

    private sealed class KindBox(ActionKind kind)
    {
        public ActionKind Kind { get; } = kind;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FlowAction, KindBox> Kinds = [];

    /// <summary>Whether the action is run, only recorded, or not run: found once per action.</summary>
    private static ActionKind KindOf(FlowAction action)
    {
        if (!Kinds.TryGetValue(action, out var box))
        {
            var type = action.Type ?? string.Empty;
            box = new KindBox(!Supported.Contains(type) ? ActionKind.Unsupported : Recorded.Contains(type) ? ActionKind.Recorded : ActionKind.Run);
            Kinds.AddOrUpdate(action, box);
        }

        return box.Kind;
    }

    private static bool HasDynamicValue(object? value) => value switch
    {
        string text => text.StartsWith("$.", StringComparison.Ordinal),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(HasDynamicValue),
        IReadOnlyList<object?> list => list.Any(HasDynamicValue),
        _ => false,
    };

    private static void Flatten(string name, object? value, FlowContact contact, Dictionary<string, string> into)
    {
        switch (value)
        {
            case string text:
                into[name] = contact.Resolve(text);
                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (member, inner) in map)
                {
                    Flatten($"{name}.{member}", inner, contact, into);
                }

                break;
            case IReadOnlyList<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    Flatten($"{name}.{i}", list[i], contact, into);
                }

                break;
        }
    }
}
