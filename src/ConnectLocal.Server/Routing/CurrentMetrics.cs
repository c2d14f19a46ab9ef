using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Model;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Server.Handlers;

using ContactState = ConnectLocal.Core.Routing.ContactState;

namespace ConnectLocal.Server.Routing;

/// <summary>
/// GetCurrentMetricData from the routing engine's live state, in the caller's Region. An agent counts for a group when
/// it works in that Region and its routing profile serves one of the group's queues on one of its channels.
///
/// Definitions follow the Administrator Guide's real-time metrics definitions (docs/routing.md has the table):
/// AGENTS_AVAILABLE counts agents whose activity is Available -- a routable status and no contact at all, so an agent
/// with one chat and a free chat slot is On contact, not Available; SLOTS_ACTIVE counts contacts connected or in
/// after-contact work (a contact still ringing holds a slot but is not active); AGENTS_AFTER_CONTACT_WORK counts the
/// contacts in after-contact work, not the agents, as the guide says of the ACW metric.
/// [choice] Where the guide leaves an edge open: AGENTS_ONLINE — in any status but an OFFLINE one; AGENTS_ON_CONTACT
/// (and the older AGENTS_ON_CALL) — connected to, or in after-contact work on, a contact of those channels;
/// AGENTS_STAFFED — online and routable or working; AGENTS_NON_PRODUCTIVE — online in a custom status, with no contact;
/// AGENTS_ERROR — 0 (no contact here ends in an error state); CONTACTS_SCHEDULED — tasks waiting for their scheduled
/// time; SLOTS_AVAILABLE — the slots the engine would offer a contact into now; ESTIMATED_WAIT_TIME — no value.
/// OLDEST_CONTACT_AGE is in seconds with groupings and, as AWS documents, in milliseconds without.
/// ROUTING_STEP_EXPRESSION (rules-gaps): one group per expression of the RoutingStepExpressions filter, expressions
/// compared as JSON trees (key order and whitespace aside, array order kept), the first spelling answered as the
/// dimension. A step's contact metrics count the contacts of the group's queues and channels whose routing criteria
/// (proficiency routing) are at a step of that expression: CONTACTS_IN_QUEUE and OLDEST_CONTACT_AGE the waiting ones
/// whose ACTIVE step it is, SLOTS_ACTIVE the connected or after-contact-work ones whose JOINED step it is. An
/// expression matches a step when both read as the Expression shape and write the same JSON (so key order, whitespace
/// and 3 vs 3.0 aside). [choice] CONTACTS_SCHEDULED of a step is 0 (a scheduled task's criteria activate when it is
/// queued); a step's agent metrics are the queue's; without the filter there are no steps, so no groups. An
/// expression that is not JSON is InvalidParameterException. Results page (<see cref="PageOf"/>): the token is bound to every request parameter but
/// MaxResults.
/// </summary>
internal static class CurrentMetrics
{
    private static readonly string[] SupportedGroupings = ["QUEUE", "CHANNEL", "ROUTING_PROFILE", "ROUTING_STEP_EXPRESSION"];

    /// <summary>The metrics that count contacts, which a routing step narrows to the contacts at that step.</summary>
    private static readonly string[] ContactMetrics = ["CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "CONTACTS_SCHEDULED", "SLOTS_ACTIVE"];

    /// <summary>Filters.AgentStatuses: "up to 50" (prose only).</summary>
    private const int MaxAgentStatuses = 50;

    /// <summary>CurrentMetrics: at most 10 given by MetricId (prose only).</summary>
    private const int MaxMetricIds = 10;

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["AGENTS_ONLINE"] = "COUNT",
        ["AGENTS_AVAILABLE"] = "COUNT",
        ["AGENTS_ON_CALL"] = "COUNT",
        ["AGENTS_NON_PRODUCTIVE"] = "COUNT",
        ["AGENTS_AFTER_CONTACT_WORK"] = "COUNT",
        ["AGENTS_ERROR"] = "COUNT",
        ["AGENTS_STAFFED"] = "COUNT",
        ["CONTACTS_IN_QUEUE"] = "COUNT",
        ["OLDEST_CONTACT_AGE"] = "SECONDS",
        ["CONTACTS_SCHEDULED"] = "COUNT",
        ["AGENTS_ON_CONTACT"] = "COUNT",
        ["SLOTS_ACTIVE"] = "COUNT",
        ["SLOTS_AVAILABLE"] = "COUNT",
        ["ESTIMATED_WAIT_TIME"] = "SECONDS",
    };

    /// <summary>
    /// The rules GetCurrentMetricData's reference states in its Filters and Groupings prose, each an
    /// InvalidParameterException ([choice]: the prose names no error; the operation models it for bad input).
    /// "If you group by CHANNEL, you should include a Channels filter" is advice, not a rule: without one, every
    /// channel is a group.
    /// </summary>
    private static void CheckDocumentedRules(Filters filters, List<string> groupings, GetCurrentMetricDataRequest request)
    {
        if (filters.Queues is not null && filters.RoutingProfiles is not null)
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricFiltersQueueAndProfile);
        }

        // rules-b: limits the prose states but the model does not (AgentStatuses has no length trait; MetricId none).
        if (filters.AgentStatuses is { Count: > MaxAgentStatuses })
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricFilterTooMany("AgentStatuses", MaxAgentStatuses));
        }

        if ((request.CurrentMetrics ?? []).Count(m => m.MetricId is not null) > MaxMetricIds)
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricIdsTooMany(MaxMetricIds));
        }

        if ((request.CurrentMetrics ?? []).FirstOrDefault(m => m.MetricId is not null && m.Unit is not null) is { MetricId: { } custom })
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricUnitOfCustomMetric(custom));
        }

        foreach (var (name, given) in new[] { ("AgentStatuses", filters.AgentStatuses is not null), ("Subtypes", filters.Subtypes is not null), ("ValidationTestTypes", filters.ValidationTestTypes is not null) })
        {
            if (given && filters.Queues is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.MetricFilterNeedsQueues(name));
            }
        }

        if (filters.RoutingStepExpressions is not null)
        {
            if (filters.Queues is not { Count: 1 })
            {
                throw Errors.InvalidParameter(ErrorTexts.MetricStepExpressionNeedsOneQueue);
            }

            if (!groupings.Contains("ROUTING_STEP_EXPRESSION"))
            {
                throw Errors.InvalidParameter(ErrorTexts.MetricStepExpressionNeedsGrouping);
            }
        }

        foreach (var grouping in new[] { "AGENT_STATUS", "SUBTYPE", "VALIDATION_TEST_TYPE" }.Where(groupings.Contains))
        {
            if (groupings[0] != "QUEUE" || filters.Queues is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.MetricGroupingNeedsQueueFirst(grouping));
            }
        }

        var metrics = request.CurrentMetrics ?? [];
        if (groupings.Contains("AGENT_STATUS") && metrics.Any(m => m.Name is { } name && name != "AGENTS_ONLINE"))
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricAgentStatusOnlyOnline);
        }

        if (groupings.Contains("ROUTING_PROFILE") && filters.RoutingProfiles is null
            && metrics.FirstOrDefault(m => m.Name is "CONTACTS_SCHEDULED" or "CONTACTS_IN_QUEUE" or "OLDEST_CONTACT_AGE") is { Name: { } queueMetric })
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricRoutingProfileGroupingNeedsProfiles(queueMetric));
        }

        if (request.SortCriteria?.FirstOrDefault(s => s.SortByMetric is "SLOTS_ACTIVE" or "SLOTS_AVAILABLE") is { SortByMetric: { } sorted })
        {
            throw Errors.InvalidParameter(ErrorTexts.MetricSortNotSupported(sorted));
        }
    }

    public static List<CurrentMetricResult> Compute(RoutingEngine engine, RoutingRecords records, Caller caller, GetCurrentMetricDataRequest request)
    {
        var filters = request.Filters!;
        var groupings = request.Groupings ?? [];
        CheckDocumentedRules(filters, groupings, request);
        foreach (var grouping in groupings.Where(g => !SupportedGroupings.Contains(g)))
        {
            throw Errors.InvalidParameter($"ConnectLocal does not group current metrics by {grouping} yet (QUEUE, CHANNEL, ROUTING_PROFILE and ROUTING_STEP_EXPRESSION are supported).");
        }

        if (filters.Queues is null && filters.RoutingProfiles is null)
        {
            throw Errors.InvalidParameter("Filters must include Queues or RoutingProfiles.");
        }

        var profiles = filters.RoutingProfiles?.Select(IdOf).ToList();
        var queues = filters.Queues?.Select(IdOf).ToList()
            ?? profiles!.SelectMany(p => records.Profile(p)?.Queues.Select(q => q.QueueId) ?? []).Distinct(StringComparer.Ordinal).ToList();
        var channels = (filters.Channels ?? ["VOICE", "CHAT", "TASK"]).Select(RoutingChannels.Parse).Distinct().ToList();
        foreach (var queue in queues.Where(q => records.Queue(q) is null))
        {
            throw Errors.NotFound($"Queue {queue}");
        }

        var byQueue = groupings.Contains("QUEUE");
        var byChannel = groupings.Contains("CHANNEL");
        var byProfile = groupings.Contains("ROUTING_PROFILE");
        var steps = groupings.Contains("ROUTING_STEP_EXPRESSION") ? DistinctExpressions(filters.RoutingStepExpressions ?? []) : [null];
        var atSteps = steps[0] is null ? null : ContactsAtSteps(engine, caller.Region);
        var groupProfiles = byProfile
            ? (profiles ?? records.Profiles.Keys.Where(p => queues.Any(q => records.Serves(p, q))).Order(StringComparer.Ordinal).ToList()).Select(p => (IReadOnlyList<string>?)[p]).ToList()
            : [profiles];
        var agents = engine.Agents.Where(a => a.Region == caller.Region).ToList();
        var now = caller.Now;
        var results = new List<CurrentMetricResult>();
        foreach (var queueGroup in byQueue ? queues.Select(q => (IReadOnlyList<string>)[q]) : [queues])
        {
            foreach (var channelGroup in byChannel ? channels.Select(c => (IReadOnlyList<RoutingChannel>)[c]) : [channels])
            {
                foreach (var (profileGroup, step) in groupProfiles.SelectMany(p => steps.Select(s => (p, s))))
                {
                    var members = agents.Where(a =>
                        (profileGroup is null || profileGroup.Contains(a.RoutingProfileId))
                        && queueGroup.Any(q => q == a.UserId || channelGroup.Any(c => records.Serves(a.RoutingProfileId, q, c)))).ToList();
                    results.Add(new CurrentMetricResult
                    {
                        Dimensions = groupings.Count == 0 ? null : new Dimensions
                        {
                            Queue = byQueue ? new QueueReference { Id = queueGroup[0], Arn = records.Queue(queueGroup[0])!.Arn } : null,
                            Channel = byChannel ? RoutingChannels.Name(channelGroup[0]) : null,
                            RoutingProfile = byProfile ? new RoutingProfileReference { Id = profileGroup![0], Arn = records.Profile(profileGroup[0])?.Arn } : null,
                            RoutingStepExpression = step,
                        },
                        Collections = request.CurrentMetrics!.Select(m => new CurrentMetricData
                        {
                            Metric = new CurrentMetric { Name = m.Name, MetricId = m.MetricId, Unit = m.Name is { } name ? Units.GetValueOrDefault(name, m.Unit ?? "COUNT") : m.Unit },
                            Value = step is not null && m.Name is { } counted && ContactMetrics.Contains(counted)
                                ? StepValue(counted, atSteps!.GetValueOrDefault(Canonical(step) ?? string.Empty) ?? [], queueGroup, channelGroup, now)
                                : Value(m.Name, members, queueGroup, channelGroup, engine, caller.Region, now, milliseconds: groupings.Count == 0),
                        }).ToList(),
                    });
                }
            }
        }

        return results;
    }

    private static double? Value(string? metric, List<RoutedAgent> agents, IReadOnlyList<string> queues, IReadOnlyList<RoutingChannel> channels, RoutingEngine engine, string region, DateTimeOffset now, bool milliseconds)
    {
        bool Working(RoutedContact c) => channels.Contains(c.Channel) && c.State is ContactState.Connected or ContactState.AfterContactWork;
        return metric switch
        {
            "AGENTS_ONLINE" => agents.Count(a => a.IsOnline),
            "AGENTS_AVAILABLE" => agents.Count(a => a.IsOnline && a.IsRoutable && a.Contacts.Count == 0 && channels.Any(c => a.AvailableSlots(c) > 0)),
            "AGENTS_ON_CONTACT" or "AGENTS_ON_CALL" => agents.Count(a => a.Contacts.Any(Working)),
            "AGENTS_AFTER_CONTACT_WORK" => agents.Sum(a => a.Contacts.Count(c => channels.Contains(c.Channel) && c.State == ContactState.AfterContactWork)),
            "AGENTS_STAFFED" => agents.Count(a => a.IsOnline && (a.IsRoutable || a.Contacts.Count > 0)),
            "AGENTS_NON_PRODUCTIVE" => agents.Count(a => a.IsOnline && !a.IsRoutable && a.Contacts.Count == 0),
            "AGENTS_ERROR" => 0,
            "CONTACTS_SCHEDULED" => queues.Sum(q => channels.Sum(c => engine.ScheduledCount(region, q, c))),
            "CONTACTS_IN_QUEUE" => queues.Sum(q => channels.Sum(c => engine.WaitingCount(region, q, c))),
            "OLDEST_CONTACT_AGE" => queues.SelectMany(q => channels.Select(c => engine.OldestWaiting(region, q, c)))
                .Where(c => c is not null)
                .Select(c => (now - c!.EnqueuedAt!.Value).TotalSeconds * (milliseconds ? 1000 : 1))
                .DefaultIfEmpty(0)
                .Max(),
            "SLOTS_ACTIVE" => agents.Sum(a => a.Contacts.Count(Working)),
            "SLOTS_AVAILABLE" => agents.Sum(a => channels.Sum(a.AvailableSlots)),
            _ => null,
        };
    }

    /// <summary>A routing step's contact metric over the contacts at the step (those of the group's queues and channels).</summary>
    private static double StepValue(string metric, List<(RoutedContact Contact, RoutingStepStatus Status)> atStep, IReadOnlyList<string> queues, IReadOnlyList<RoutingChannel> channels, DateTimeOffset now)
    {
        var inGroup = atStep.Where(c => c.Contact.QueueId is { } queue && queues.Contains(queue) && channels.Contains(c.Contact.Channel)).ToList();
        var waiting = inGroup.Where(c => c.Status == RoutingStepStatus.Active && c.Contact.State == ContactState.Queued).Select(c => c.Contact).ToList();
        return metric switch
        {
            "CONTACTS_IN_QUEUE" => waiting.Count,
            "OLDEST_CONTACT_AGE" => waiting.Select(c => (now - c.EnqueuedAt!.Value).TotalSeconds).DefaultIfEmpty(0).Max(),
            "SLOTS_ACTIVE" => inGroup.Count(c => c.Status == RoutingStepStatus.Joined && c.Contact.State is ContactState.Connected or ContactState.AfterContactWork),
            _ => 0, // CONTACTS_SCHEDULED
        };
    }

    /// <summary>The Region's contacts at a routing step (ACTIVE or JOINED), by the step's expression as canonical JSON.</summary>
    private static Dictionary<string, List<(RoutedContact Contact, RoutingStepStatus Status)>> ContactsAtSteps(RoutingEngine engine, string region)
    {
        var byStep = new Dictionary<string, List<(RoutedContact, RoutingStepStatus)>>(StringComparer.Ordinal);
        foreach (var contact in engine.Contacts)
        {
            if (contact.Region != region || RoutingEngine.CriteriaOf(contact) is not { } criteria)
            {
                continue;
            }

            foreach (var step in criteria.Steps)
            {
                if (step.Status is RoutingStepStatus.Active or RoutingStepStatus.Joined && RoutingCriteriaShapes.Out(step.Step.Expression) is { } expression)
                {
                    var key = JsonSerializer.Serialize(expression, ConnectJsonContext.Wire.Expression);
                    (byStep.TryGetValue(key, out var list) ? list : byStep[key] = []).Add((contact, step.Status));
                }
            }
        }

        return byStep;
    }

    /// <summary>An expression of the filter as the Expression shape writes it; null when it does not read as one.</summary>
    private static string? Canonical(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, ConnectJsonContext.Wire.Expression) is { } expression
                ? JsonSerializer.Serialize(expression, ConnectJsonContext.Wire.Expression)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The expressions of a RoutingStepExpressions filter, one per JSON tree: "expressions compare as JSON trees", so
    /// {"a":1, "b":[1,2]} and {"b":[1,2],"a":1} are one step and {"b":[2,1],"a":1} another.
    /// </summary>
    private static List<string?> DistinctExpressions(IEnumerable<string> expressions)
    {
        var distinct = new List<(string Text, JsonNode? Tree)>();
        foreach (var text in expressions)
        {
            JsonNode? tree;
            try
            {
                tree = JsonNode.Parse(text);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                throw Errors.InvalidParameter(ErrorTexts.RoutingStepExpressionNotJson(text));
            }

            if (!distinct.Any(d => JsonNode.DeepEquals(d.Tree, tree)))
            {
                distinct.Add((text, tree));
            }
        }

        return distinct.Select(d => (string?)d.Text).ToList();
    }

    /// <summary>
    /// One page of the results, in the order computed. The token is bound to the instance (its scope) and to every
    /// request parameter that shapes the results -- filters, groupings, metrics, sort criteria; [choice] MaxResults may
    /// change between pages. A token of other parameters is InvalidRequestException, as every listing answers one.
    /// </summary>
    public static Page<CurrentMetricResult> PageOf(IStoreSession session, Caller caller, string instanceId, GetCurrentMetricDataRequest request, List<CurrentMetricResult> results, int pageSize)
    {
        var f = request.Filters!;
        var listing = Paging.Listing(
            "current-metric-data",
            f.Queues ?? [], f.Channels ?? [], f.RoutingProfiles ?? [], f.RoutingStepExpressions ?? [],
            f.AgentStatuses ?? [], f.Subtypes ?? [], f.ValidationTestTypes ?? [], request.Groupings ?? [],
            (request.CurrentMetrics ?? []).SelectMany(m => new[] { m.Name, m.MetricId, m.Unit }),
            (request.SortCriteria ?? []).SelectMany(c => new[] { c.SortByMetric, c.SortOrder }));
        var keyed = results.Select((r, i) => (Key: i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), Result: r)).ToList();
        var page = Paging.Slice(session, new ResourceScope(caller.AccountId, caller.Region, instanceId), listing, keyed, k => k.Key, request.NextToken, pageSize);
        return new Page<CurrentMetricResult>(page.Items.Select(k => k.Result).ToList(), page.NextToken);
    }

    /// <summary>Filters take ids; an ARN (…/queue/{id}, …/routing-profile/{id}) is read as its id.</summary>
    private static string IdOf(string idOrArn) => idOrArn.StartsWith("arn:", StringComparison.Ordinal) ? idOrArn[(idOrArn.LastIndexOf('/') + 1)..] : idOrArn;
}
