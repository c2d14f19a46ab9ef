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
    // The modules' callers below the flow the run is in now (null until a flow invokes a module).
    private List<(FlowProgram Program, CompiledAction? Caller)>? _outer;

    public FlowRun(FlowContact contact, FlowProgram flow, bool queueFlow = false) => Reset(contact, flow, queueFlow);

    public FlowContact Contact { get; private set; } = null!;

    /// <summary>A customer queue flow (runs while the contact waits; its ending leaves the contact in queue).</summary>
    public bool QueueFlow { get; private set; }

    public FlowRunState State { get; internal set; } = FlowRunState.Waiting;

    /// <summary>When a waiting run goes on (UTC ticks; long.MaxValue: never by itself).</summary>
    public long ResumeTicks { get; internal set; }

    /// <summary>The flow the run is in now.</summary>
    public FlowProgram Flow { get; private set; } = null!;

    /// <summary>The index of the action the run goes to next (<see cref="CompiledAction.None"/>, <see cref="CompiledAction.Missing"/>).</summary>
    internal int Next { get; private set; }

    /// <summary>The identifier of that action, as the flow names it (what the log shows).</summary>
    internal string? NextId { get; private set; }

    /// <summary>The InvokeFlowModule action whose module the run is in (null: the run is in its flow).</summary>
    internal CompiledAction? Caller { get; private set; }

    /// <summary>The Wait action the run is paused at (its result is WaitCompleted when it goes on).</summary>
    internal CompiledAction? Waiting { get; set; }

    internal bool InModule => Caller is not null;

    /// <summary>Makes the run new again, for another contact (FlowRouting reuses finished runs).</summary>
    internal void Reset(FlowContact contact, FlowProgram flow, bool queueFlow)
    {
        Contact = contact;
        QueueFlow = queueFlow;
        State = FlowRunState.Waiting;
        ResumeTicks = 0;
        Waiting = null;
        _outer?.Clear();
        Enter(flow, null);
    }

    internal void Goto(int next, string? nextId) => (Next, NextId) = (next, nextId);

    /// <summary>TransferToFlow: the run leaves its flow and every module it is in.</summary>
    internal void Jump(FlowProgram flow)
    {
        _outer?.Clear();
        Enter(flow, null);
    }

    /// <summary>InvokeFlowModule: the run goes into the module; it comes back to the caller's next action.</summary>
    internal void Push(FlowProgram module, CompiledAction caller)
    {
        (_outer ??= []).Add((Flow, Caller));
        Enter(module, caller);
    }

    /// <summary>The module ends: the run goes on in the flow below, at its caller's next action.</summary>
    internal void Pop()
    {
        var caller = Caller;
        var (program, outerCaller) = _outer![^1];
        _outer.RemoveAt(_outer.Count - 1);
        Flow = program;
        Caller = outerCaller;
        Goto(caller?.Next ?? CompiledAction.None, caller?.NextId);
    }

    private void Enter(FlowProgram flow, CompiledAction? caller)
    {
        Flow = flow;
        Caller = caller;
        var compiled = flow.Compiled;
        Goto(compiled.Start, flow.Document.StartAction);
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

    /// <summary>Runs (or resumes) the run until it pauses or is over.</summary>
    public static FlowRunState Run(FlowRun run, IFlowHost host)
    {
        var contact = run.Contact;
        if (run.Waiting is { } waited)
        {
            run.Waiting = null;
            const string resumeResult = "WaitCompleted";
            var (next, nextId) = ConditionBranch(waited, resumeResult) is { } branch ? (branch.Target, branch.TargetId) : (waited.Next, waited.NextId);
            Log(run, host, run.Flow, waited, Parameters(waited, contact), resumeResult, nextId, null);
            run.Goto(next, nextId);
        }

        for (var steps = 0; steps < MaxStepsWithoutPause; steps++)
        {
            if (run.Next == CompiledAction.None)
            {
                if (run.InModule)
                {
                    // A module without a Return block ends like one [choice].
                    run.Pop();
                    continue;
                }

                return run.State = FlowRunState.Ended;
            }

            if (run.Next == CompiledAction.Missing)
            {
                return run.State = FlowRunState.Disconnected;
            }

            var program = run.Flow;
            var action = program.Compiled.Actions[run.Next];
            var step = Execute(run, host, action);
            switch (step.Kind)
            {
                case StepKind.Pause:
                    run.ResumeTicks = step.ResumeTicks;
                    run.Waiting = action.Op == FlowOp.Wait ? action : null;
                    if (run.Waiting is null)
                    {
                        Log(run, host, program, action, step.Parameters, step.Result, null, null);
                    }

                    return run.State = FlowRunState.Waiting;
                case StepKind.Stop:
                    Log(run, host, program, action, step.Parameters, step.Result, null, null);
                    return run.State = step.Stop;
                case StepKind.Jumped:
                    Log(run, host, program, action, step.Parameters, step.Result, run.NextId, null);
                    continue;
            }

            int target;
            string? targetId;
            string? error = null;
            if (step.Kind == StepKind.Next)
            {
                (target, targetId) = (action.Next, action.NextId);
            }
            else
            {
                CompiledBranch? branch;
                if (step.Kind == StepKind.Error)
                {
                    error = step.Error;
                    branch = ErrorBranch(action, error!);
                }
                else if ((branch = ConditionBranch(action, step.Result!)) is null)
                {
                    error = NoMatchingCondition;
                    branch = ErrorBranch(action, NoMatchingCondition);
                }

                (target, targetId) = branch is { } taken ? (taken.Target, taken.TargetId) : (CompiledAction.None, null);
            }

            Log(run, host, program, action, step.Parameters, step.Result, targetId, step.Detail is null ? error : $"{error}: {step.Detail}");
            if (targetId is null && error is not null)
            {
                // [choice] An error with no branch to take disconnects the contact (a queue flow's contact too).
                return run.State = FlowRunState.Disconnected;
            }

            run.Goto(target, targetId);
        }

        Add(contact, host, new FlowStep(run.Flow.Arn, run.Flow.Name, run.NextId ?? string.Empty, "Loop", null, null, $"StepLimit: {MaxStepsWithoutPause} actions without a pause"),
            new Dictionary<string, string>());
        return run.State = FlowRunState.Disconnected;
    }

    private static void Log(FlowRun run, IFlowHost host, FlowProgram program, CompiledAction action, IReadOnlyDictionary<string, string> parameters, string? result, string? next, string? error) =>
        Add(run.Contact, host, new FlowStep(program.Arn, program.Name, action.Identifier, action.Type, result, next, error) { Compiled = action }, parameters);

    /// <summary>The log entry is made only when the contact keeps its log; the host hears of every step.</summary>
    private static void Add(FlowContact contact, IFlowHost host, in FlowStep step, IReadOnlyDictionary<string, string> parameters)
    {
        if (contact.KeepLog)
        {
            contact.Log.Add(new FlowLogEntry(host.Now, contact.Id, step.FlowArn, step.FlowName, step.ActionIdentifier, step.ActionType, parameters, step.Results, step.NextAction, step.Error));
        }

        host.Logged(contact, step);
    }

    // Loops over arrays, not LINQ: these run for every action of every contact the simulator routes.
    private static CompiledBranch? ErrorBranch(CompiledAction action, string error)
    {
        var errors = action.Errors;
        for (var i = 0; i < errors.Length; i++)
        {
            if (errors[i].ErrorType == error)
            {
                return errors[i];
            }
        }

        return action.NoMatchingError >= 0 ? errors[action.NoMatchingError] : null;
    }

    /// <summary>The first Conditions branch whose condition holds for the result.</summary>
    private static CompiledBranch? ConditionBranch(CompiledAction action, string result)
    {
        var conditions = action.Conditions;
        double? number = null;
        var parsed = false;
        for (var i = 0; i < conditions.Length; i++)
        {
            var condition = conditions[i].Condition!;
            if (condition.OperandNumber is not null && !parsed)
            {
                // The result is read as a number once, and only when an operand is one.
                number = Number(result);
                parsed = true;
            }

            if (Holds(condition.Condition, condition.OperandNumber, number, result))
            {
                return conditions[i];
            }
        }

        return null;
    }

    /// <summary>
    /// A condition on a result. [choice] Equals compares as numbers when both sides are numbers, else as exact text;
    /// the Number* operators need both to be numbers (else the condition does not hold); the Text* operators compare
    /// exact text.
    /// </summary>
    public static bool Holds(FlowCondition condition, string value) =>
        Holds(condition, condition.Operands.Count > 0 ? Number(condition.Operands[0]) : null, Number(value), value);

    private static bool Holds(FlowCondition condition, double? operandNumber, double? valueNumber, string value)
    {
        if (condition.Operands.Count == 0)
        {
            return false;
        }

        var operand = condition.Operands[0];
        var numbers = valueNumber is { } v && operandNumber is { } o ? (v, o) : ((double, double)?)null;
        return condition.Operator switch
        {
            "Equals" => numbers is { } n ? n.Item1 == n.Item2 : Contains(condition.Operands, value),
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

    private static bool Contains(IReadOnlyList<string> operands, string value)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (string.Equals(operands[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static double? Number(string? text) =>
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

    /// <summary>The text of 1 … 100, DistributeByPercentage's draws, made once.</summary>
    private static readonly string[] Percents = Enumerable.Range(0, 101).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static Step Execute(FlowRun run, IFlowHost host, CompiledAction action)
    {
        var contact = run.Contact;
        var parameters = Parameters(action, contact);
        Step Next(string? result = "Success") => new(StepKind.Next, parameters) { Result = result };
        Step Condition(string result) => new(StepKind.Condition, parameters) { Result = result };
        Step Fail(string detail, string error = NoMatchingError) => new(StepKind.Error, parameters) { Error = error, Detail = detail };
        Step Stop(FlowRunState state, string? result = null) => new(StepKind.Stop, parameters) { Stop = state, Result = result };

        switch (action.Op)
        {
            case FlowOp.Recorded:
                return Next();

            case FlowOp.RecordedEndless:
                // A queue flow's endless prompt (no next action) plays until the contact leaves the queue.
                return new Step(StepKind.Pause, parameters) { ResumeTicks = long.MaxValue, Result = "Playing" };

            case FlowOp.UpdateContactTargetQueue:
            {
                var queue = parameters.TryGetValue("QueueId", out var queueId) ? Queue(host, action, queueId)
                    : parameters.TryGetValue("AgentId", out var agentId) ? host.Resources.AgentQueue(agentId) : null;
                if (queue is null)
                {
                    return Fail("the queue was not found");
                }

                contact.TargetQueue = queue;
                return Next();
            }

            case FlowOp.TransferContactToQueue:
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

            case FlowOp.CheckHoursOfOperation:
            {
                var hoursId = parameters.GetValueOrDefault("HoursOfOperationId") ?? contact.TargetQueue?.HoursOfOperationId;
                if (hoursId is null)
                {
                    return Fail("no hours of operation given and no working queue");
                }

                return HoursOpen(host, action, hoursId) is { } open
                    ? Condition(open ? "True" : "False")
                    : Fail("the hours of operation were not found");
            }

            case FlowOp.CheckMetricData:
            {
                var queue = parameters.TryGetValue("QueueId", out var queueId) ? Queue(host, action, queueId)
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

            case FlowOp.Compare:
                return Condition(parameters.GetValueOrDefault("ComparisonValue") ?? string.Empty);

            case FlowOp.UpdateContactAttributes:
            {
                if (action.Attributes is not { } attributes)
                {
                    return Fail("no Attributes");
                }

                if (action.StaticAttributes is { } literal)
                {
                    contact.SetAttributes(literal);
                    return Next();
                }

                foreach (var (key, value) in attributes)
                {
                    contact.Attributes[key] = contact.Resolve(value);
                }

                return Next();
            }

            case FlowOp.UpdateContactRoutingBehavior:
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

            case FlowOp.UpdateRoutingCriteria:
            {
                if (FlowRoutingCriteria.Read(action.Action.Parameters?.GetValueOrDefault("RoutingCriteria"), contact, host.Resources, out var problem) is not { } criteria)
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

            case FlowOp.UpdateContactEventHooks:
            {
                if (action.Action.Parameters?.GetValueOrDefault("EventHooks") is not IReadOnlyDictionary<string, object?> hooks || hooks.Count == 0)
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

            case FlowOp.TransferToFlow:
            {
                if (host.Resources.Flow(parameters.GetValueOrDefault("ContactFlowId") ?? string.Empty) is not { } flow)
                {
                    return Fail("the flow was not found or is not published");
                }

                run.Jump(flow);
                return new Step(StepKind.Jumped, parameters) { Result = flow.Arn };
            }

            case FlowOp.InvokeFlowModule:
            {
                if (host.Resources.Module(parameters.GetValueOrDefault("FlowModuleId") ?? string.Empty) is not { } module)
                {
                    return Fail("the flow module was not found");
                }

                run.Push(module, action);
                return new Step(StepKind.Jumped, parameters) { Result = module.Arn };
            }

            case FlowOp.EndFlowModuleExecution:
            {
                if (!run.InModule)
                {
                    return Stop(FlowRunState.Ended);
                }

                run.Pop();
                return new Step(StepKind.Jumped, parameters) { Result = "Return" };
            }

            case FlowOp.DisconnectParticipant:
                return Stop(FlowRunState.Disconnected);

            case FlowOp.EndFlowExecution:
                return Stop(FlowRunState.Ended);

            case FlowOp.Loop:
            {
                if (!int.TryParse(parameters.GetValueOrDefault("LoopCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 100)
                {
                    return Fail("LoopCount is not a number from 0 to 100");
                }

                var key = (run.Flow.Id, action.Identifier);
                var done = contact.Loops.GetValueOrDefault(key);
                if (done < count)
                {
                    contact.Loops[key] = done + 1;
                    return Condition("ContinueLooping");
                }

                contact.Loops.Remove(key);
                return Condition("DoneLooping");
            }

            case FlowOp.DistributeByPercentage:
                return Condition(Percents[host.Percent()]);

            case FlowOp.Wait:
            {
                var text = parameters.GetValueOrDefault("TimeoutSeconds") ?? parameters.GetValueOrDefault("TimeLimitSeconds");
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 604800)
                {
                    return Fail("TimeoutSeconds is not a number of seconds from 1 to 604800");
                }

                return new Step(StepKind.Pause, parameters) { ResumeTicks = host.Now.UtcTicks + TimeSpan.FromSeconds(seconds).Ticks };
            }

            case FlowOp.InvokeLambdaFunction:
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

            default:
                return Fail($"{action.Type} is not run by ConnectLocal");
        }
    }

    /// <summary>The queue an id or ARN names, remembered by the action while the resources' answers stay the same.</summary>
    private static FlowQueue? Queue(IFlowHost host, CompiledAction action, string idOrArn)
    {
        var resources = host.Resources;
        if (resources.CacheToken is not { } token)
        {
            return resources.Queue(idOrArn);
        }

        if (action.Answer is { Minute: -1 } answer && ReferenceEquals(answer.Token, token) && string.Equals(answer.Key, idOrArn, StringComparison.Ordinal))
        {
            return answer.Queue;
        }

        var queue = resources.Queue(idOrArn);
        action.Answer = new ResourceAnswer(token, idOrArn, -1, queue, null);
        return queue;
    }

    /// <summary>Whether the hours are open now, remembered by the action for the UTC minute while the resources' answers stay the same.</summary>
    private static bool? HoursOpen(IFlowHost host, CompiledAction action, string hoursIdOrArn)
    {
        var resources = host.Resources;
        var now = host.Now;
        if (resources.CacheToken is not { } token)
        {
            return resources.HoursOpen(hoursIdOrArn, now);
        }

        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (action.Answer is { } answer && answer.Minute == minute && ReferenceEquals(answer.Token, token) && string.Equals(answer.Key, hoursIdOrArn, StringComparison.Ordinal))
        {
            return answer.Open;
        }

        var open = resources.HoursOpen(hoursIdOrArn, now);
        action.Answer = new ResourceAnswer(token, hoursIdOrArn, minute, null, open);
        return open;
    }

    /// <summary>The action's parameters as run: each top-level text value resolved; nested ones flattened as Name.Member.</summary>
    private static IReadOnlyDictionary<string, string> Parameters(CompiledAction action, FlowContact contact)
    {
        if (action.StaticParameters is { } fixedParameters)
        {
            return fixedParameters;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (action.Action.Parameters is { } parameters)
        {
            foreach (var (name, value) in parameters)
            {
                Flatten(name, value, contact, result);
            }
        }

        return result;
    }

    /// <summary>Flattens a parameter into Name / Name.Member / Name.0 entries, resolving dynamic values for the contact (none: literal).</summary>
    internal static void Flatten(string name, object? value, FlowContact? contact, Dictionary<string, string> into)
    {
        switch (value)
        {
            case string text:
                into[name] = contact is null ? text : contact.Resolve(text);
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
