using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Rules;

/// <summary>
/// The rules of rules (docs/rules-evaluations.md): names are unique in an instance, the event sources the model names
/// need an integration association of the instance, each action carries the member its ActionType names (and no
/// other) and is one the event source supports, and a rule's name changes only on the sources that allow it.
/// </summary>
public sealed class RuleService(IConnectStore store, ConnectSettings settings)
{
    public const string CreateOperation = "CreateRule";

    /// <summary>The event sources whose TriggerEventSource needs an IntegrationAssociationId (RuleTriggerEventSource's documentation).</summary>
    public static readonly IReadOnlySet<string> SourcesWithIntegration = new HashSet<string>(StringComparer.Ordinal)
    {
        "OnZendeskTicketCreate", "OnZendeskTicketStatusUpdate", "OnSalesforceCaseCreate", "OnContactEvaluationSubmit", "OnMetricDataUpdate",
    };

    /// <summary>The event sources on which UpdateRule may change the name (UpdateRuleRequest.Name's documentation).</summary>
    public static readonly IReadOnlySet<string> SourcesWithRenaming = new HashSet<string>(StringComparer.Ordinal)
    {
        "OnZendeskTicketCreate", "OnZendeskTicketStatusUpdate", "OnSalesforceCaseCreate",
    };

    private const string PostCall = "OnPostCallAnalysisAvailable";
    private const string RealTimeCall = "OnRealTimeCallAnalysisAvailable";
    private const string RealTimeChat = "OnRealTimeChatAnalysisAvailable";
    private const string PostChat = "OnPostChatAnalysisAvailable";

    /// <summary>
    /// The action types the model restricts ("Supported only for TriggerEventSource values: …" on RuleAction's
    /// members), with the sources each supports. Types not listed are accepted on every source.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> SupportedSources = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["GENERATE_EVENTBRIDGE_EVENT"] = [PostCall, RealTimeCall, RealTimeChat, PostChat, "OnContactEvaluationSubmit", "OnMetricDataUpdate"],
        ["ASSIGN_CONTACT_CATEGORY"] = [PostCall, RealTimeCall, RealTimeChat, PostChat, "OnZendeskTicketCreate", "OnZendeskTicketStatusUpdate", "OnSalesforceCaseCreate"],
        ["SEND_NOTIFICATION"] = [PostCall, RealTimeCall, RealTimeChat, PostChat, "OnContactEvaluationSubmit", "OnMetricDataUpdate"],
        ["CREATE_CASE"] = [PostCall, PostChat],
        ["UPDATE_CASE"] = ["OnCaseCreate", "OnCaseUpdate"],
        ["END_ASSOCIATED_TASKS"] = ["OnCaseUpdate"],
    };

    /// <summary>
    /// [choice] Rules carry no quota of their own here, and names are compared exactly; a second rule of the same name is
    /// a conflict (ResourceConflictException, which CreateRule and UpdateRule model; the model says names are unique).
    /// SearchRules' fields are the ones RulesSearchCriteria's prose names; ActionSummaries matches any of the rule's
    /// action types. [choice] Rules have no capability tiers here (no request sets them), so RuleCapabilityTiers matches none.
    /// </summary>
    public static readonly ResourceType<Rule> Type = new()
    {
        ArnSegment = "rule",
        Noun = "Rule",
        UniqueNames = false,
        Check = Check,
        SearchFields =
        [
            SearchField<Rule>.Text("Name", r => r.Name),
            SearchField<Rule>.Id("PublishStatus", r => r.PublishStatus),
            SearchField<Rule>.Id("EventSourceName", r => r.EventSourceName),
            SearchField<Rule>.Id("RuleId", r => r.Id),
            SearchField<Rule>.Id("IntegrationAssociationId", r => r.TriggerEventSource.IntegrationAssociationId),
            new SearchField<Rule>("ActionSummaries", r => r.Actions.Select(a => a.ActionType), IsId: true),
            new SearchField<Rule>("RuleCapabilityTiers", _ => [], IsId: true),
        ],
    };

    /// <summary>
    /// [choice] LastUpdatedBy: requests carry no IAM principal here, so it is the account's root ARN.
    /// </summary>
    public static string CallerArn(Caller caller) => $"arn:{Arns.PartitionOf(caller.Region)}:iam::{caller.AccountId}:root";

    /// <summary>
    /// Stores <paramref name="draft"/> (the request's members) as a new rule. A ClientToken seen before with the same
    /// request answers the rule it created; with another request it is a conflict.
    /// </summary>
    public Rule Create(Caller caller, string instanceIdOrArn, Rule draft, string? clientToken, string fingerprint) => store.Write(session =>
    {
        var context = new ResourceContext(session, caller, InstanceService.Require(session, caller, instanceIdOrArn), settings);
        var print = context.Instance.Id + "\n" + fingerprint;
        if (Idempotency.Replay(session, caller, CreateOperation, clientToken, print) is { } replayed)
        {
            return Type.Require(session, caller, context.Instance.Id, replayed);
        }

        var id = DefaultResources.NewId();
        var rule = draft with
        {
            Id = id,
            InstanceId = context.Instance.Id,
            Arn = Type.ArnOf(caller, context.Instance.Id, id),
            CreatedTime = caller.Now,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
            LastUpdatedBy = CallerArn(caller),
        };
        Check(context, rule);
        session.Put(context.Scope, rule);
        Idempotency.Remember(session, caller, CreateOperation, clientToken, print, id);
        return rule;
    });

    /// <summary>UpdateRule: a full replacement of the name, function, actions and publish status.</summary>
    public Rule Update(Caller caller, string instanceIdOrArn, string ruleIdOrArn, string name, string function, IReadOnlyList<RuleAction> actions, string publishStatus) =>
        new ResourceOperations<Rule>(store, settings, Type).Update(caller, instanceIdOrArn, ruleIdOrArn, (_, current) =>
        {
            if (name != current.Name && !SourcesWithRenaming.Contains(current.EventSourceName))
            {
                throw Errors.InvalidRequest(ErrorTexts.RuleNameFixed(current.EventSourceName));
            }

            return current with { Name = name, Function = function, Actions = actions, PublishStatus = publishStatus, LastUpdatedBy = CallerArn(caller) };
        });

    public Page<Rule> List(Caller caller, string instanceIdOrArn, string? publishStatus, string? eventSourceName, string? nextToken, int pageSize) =>
        new ResourceOperations<Rule>(store, settings, Type).List(
            caller,
            instanceIdOrArn,
            Paging.Listing("ListRules", [publishStatus], [eventSourceName]),
            nextToken,
            pageSize,
            r => (publishStatus is null || r.PublishStatus == publishStatus) && (eventSourceName is null || r.EventSourceName == eventSourceName));

    private static void Check(ResourceContext context, Rule rule)
    {
        if (context.Session.GetByName<Rule>(context.Scope, rule.Name) is { } named && named.Id != rule.Id)
        {
            throw Errors.Conflict(ErrorTexts.Duplicate(Type.Noun, rule.Name));
        }

        var source = rule.TriggerEventSource;
        if (source.IntegrationAssociationId is { } association)
        {
            ResourceTypes.IntegrationAssociation.Require(context.Session, context.Caller, context.Instance.Id, association);
        }
        else if (SourcesWithIntegration.Contains(source.EventSourceName))
        {
            throw Errors.InvalidRequest(ErrorTexts.RuleIntegrationRequired(source.EventSourceName));
        }

        foreach (var action in rule.Actions)
        {
            // [choice] As with quick connects, an action carries exactly the member its type names: no other.
            foreach (var (type, value) in action.Definitions())
            {
                if ((type == action.ActionType) != (value is not null))
                {
                    throw Errors.InvalidRequest(ErrorTexts.RuleActionMismatch(action.ActionType));
                }
            }

            if (SupportedSources.TryGetValue(action.ActionType, out var sources) && !sources.Contains(source.EventSourceName))
            {
                throw Errors.InvalidRequest(ErrorTexts.RuleActionUnsupported(action.ActionType, source.EventSourceName));
            }

            // [choice] A task action's flow must be a flow of the instance (by id or ARN).
            if (action.TaskAction is { } task)
            {
                Flows.ContactFlowRules.Type.Require(context.Session, context.Caller, context.Instance.Id, task.ContactFlowId);
                CheckDateReferences(task);
            }

            // [choice] An automated evaluation names an evaluation form of the instance (by id or ARN).
            if (action.SubmitAutoEvaluationAction is { } evaluation)
            {
                Evaluations.EvaluationFormService.Type.Require(context.Session, context.Caller, context.Instance.Id, evaluation.EvaluationFormId);
            }
        }
    }

    /// <summary>
    /// The model's prose on a task action's references: a DATE one is an epoch timestamp. [choice] That is a whole
    /// number of seconds, as StartTaskContact reads its DATE references (InvalidRequestException otherwise, the error
    /// CreateRule and UpdateRule model for rules).
    /// </summary>
    private static void CheckDateReferences(TaskActionDefinition task)
    {
        foreach (var (name, reference) in task.References ?? new Dictionary<string, RuleReference>())
        {
            if (reference.Type == "DATE" && !System.Text.RegularExpressions.Regex.IsMatch(reference.Value ?? string.Empty, @"^[0-9]+$"))
            {
                throw Errors.InvalidRequest(ErrorTexts.RuleDateReferenceNotEpoch(name));
            }
        }
    }
}
