using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.Routing.Simulation;
using ConnectLocal.Model;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Composition;
using ConnectLocal.Server.Hosting;
using ConnectLocal.Server.Options;
using Microsoft.Extensions.DependencyInjection;
using SimulationRun = ConnectLocal.Core.Routing.Simulation.Simulation;

namespace ConnectLocal.Server.Simulation;

/// <summary>What a scenario produced, and what it cost.</summary>
internal sealed record ScenarioRun(Scenario Scenario, SimulationResult Result, int Agents, int ApiCalls, TimeSpan SetupTime, TimeSpan RunTime, IReadOnlyList<ContactRecord>? Records = null);

/// <summary>
/// Sets a scenario up and runs it. The Connect configuration is made through the API — each call validated and
/// handled in-process exactly as an HTTP request would be (<see cref="InProcessInvoker"/>), against an in-memory
/// store — and the routing engine reads it from the stored records as the server's does (<see cref="RoutingSnapshot"/>).
/// Timeline changes are API calls too, made at their simulated time; the engine picks each change up at once.
///
/// [choice] Voice traffic that names no Region is calls on a number claimed to the default traffic distribution
/// group: each call's Region comes from the group's telephony distribution at that moment
/// (<see cref="TrafficSplit.RegionForCall"/> with the scenario's seed). Chat, task and email arrive in the first
/// Region unless the traffic names one.
/// </summary>
internal sealed class ScenarioRunner : IDisposable
{
    private const string Account = "000000000000";
    private const string DefaultGroupName = "default";

    private static readonly Dictionary<string, string> KindOfMember = new(StringComparer.Ordinal)
    {
        ["QueueId"] = "queue",
        ["DefaultOutboundQueueId"] = "queue",
        ["RoutingProfileId"] = "profile",
        ["AgentStatusId"] = "status",
        ["HoursOfOperationId"] = "hours",
        ["TrafficDistributionGroupId"] = "group",
        ["Id"] = "group",
        ["SecurityProfileIds"] = "security",
        ["ContactFlowId"] = "flow",
    };

    private readonly ServiceProvider _services;
    private readonly IConnectStore _store;
    private readonly InProcessInvoker _invoker;
    private readonly Dictionary<string, Dictionary<string, string>> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _groupUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _arns = new(StringComparer.Ordinal);
    private CachedFlowResources? _flowResources;
    private string _instanceArn = string.Empty;
    private IReadOnlyList<RegionShare>? _telephony;
    private RoutingEngine? _engine;
    private VirtualClock? _clock;
    private string _instanceId = string.Empty;
    private string _source = string.Empty;
    private DateTimeOffset _now;
    private int _calls;
    private long _voiceCalls;
    private bool _followGlobalRouting; // the scenario set globalRouting: the engine follows UpdateCrossRegionRouting

    /// <summary>
    /// The server's own services (<see cref="ConnectLocalServices.AddConnectLocal"/>) over an in-memory store, with
    /// the settings of a server started with no options: status transitions immediate, no throttling.
    /// </summary>
    public ScenarioRunner()
    {
        _services = ConnectLocalServices.BuildServiceProvider(new ServerOptions { InMemory = true });
        _store = _services.GetRequiredService<IConnectStore>();
        _invoker = _services.GetRequiredService<InProcessInvoker>();
    }

    /// <summary>Keep every answered and abandoned contact's record (<see cref="ScenarioRun.Records"/>, <c>--export-contacts</c>).</summary>
    public bool RecordContacts { get; init; }

    /// <summary>What the scenario's API calls run on (a test compares it with the server's).</summary>
    public IServiceProvider Services => _services;

    public void Dispose() => _services.Dispose();

    public ScenarioRun Run(Scenario scenario, Action<string>? log = null, Action<double>? progress = null)
    {
        var setup = Stopwatch.StartNew();
        var midnight = new DateTimeOffset(scenario.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _now = midnight + scenario.Start;
        _source = scenario.Regions[0];
        log?.Invoke($"setting up through the API: instance in {string.Join(" + ", scenario.Regions)}, {scenario.Queues.Count} queue(s), {scenario.RoutingProfiles.Count} routing profile(s), {scenario.Agents.Sum(a => a.Count)} agent(s)");
        SetUp(scenario);

        var settings = new SimulationSettings
        {
            Start = midnight + scenario.Start,
            End = midnight + scenario.End,
            Day = midnight,
            Interval = scenario.Interval,
            ServiceLevelSeconds = scenario.ServiceLevelSeconds,
            Seed = scenario.Seed,
            Regions = scenario.Regions,
            Concurrency = scenario.Curve,
            RecordContacts = RecordContacts,
        };
        var streams = scenario.Traffic.Select((t, i) => t.Flow is null && t.PhoneNumber is null
            ? new ArrivalStream(Name("queue", t.Queue, "traffic queue"), t.Queue, t.Channel, t.Rates, t.HandleTime, t.Patience, t.AfterContactWork, t.Region)
            : new ArrivalStream(t.Queue, t.Queue, t.Channel, t.Rates, t.HandleTime, t.Patience, t.AfterContactWork, t.Region, Flow: EntryFlow(t, $"traffic[{i}]"))).ToList();
        if (scenario.ContactRecords is { } records)
        {
            streams.AddRange(ContactRecordsCsv.Streams(ContactRecordsCsv.Read(records), scenario.Traffic, queue => Name("queue", queue, "contact records queue")));
        }

        var timeline = scenario.Timeline.Select(e => new TimelineAction(midnight + e.At, e.Label, () => Apply(e))).ToList();
        var simulation = new SimulationRun(settings, streams, timeline, RegionFor, _flowResources);
        _engine = simulation.Engine;
        _clock = simulation.Clock;
        Sync();
        setup.Stop();

        log?.Invoke($"simulating {scenario.Start:hh\\:mm}–{scenario.End:hh\\:mm} (seed {scenario.Seed})");
        var run = Stopwatch.StartNew();
        var result = simulation.Run(progress);
        run.Stop();
        return new ScenarioRun(scenario, result, scenario.Agents.Sum(a => a.Count), _calls, setup.Elapsed, run.Elapsed, simulation.Records);

        string RegionFor(ArrivalStream stream) =>
            stream.Channel == RoutingChannel.Voice && _telephony is { Count: > 0 } telephony
                ? TrafficSplit.RegionForCall(telephony, scenario.Seed, _voiceCalls++)
                : _source;
    }

    private void SetUp(Scenario scenario)
    {
        var created = Call("CreateInstance", _source, new Dictionary<string, object?>
        {
            // SAML, as Global Resiliency requires of an instance it replicates (and user names may be longer).
            ["IdentityManagementType"] = "SAML",
            ["InstanceAlias"] = "what-if-" + TrafficSplit.Mix(scenario.Seed).ToString("x", CultureInfo.InvariantCulture)[..8],
            ["InboundCallsEnabled"] = true,
            ["OutboundCallsEnabled"] = true,
        });
        _instanceId = created.GetProperty("Id").GetString()!;
        if (scenario.Regions.Count == 2)
        {
            Call("ReplicateInstance", _source, new Dictionary<string, object?>
            {
                ["InstanceId"] = _instanceId,
                ["ReplicaRegion"] = scenario.Regions[1],
                ["ReplicaAlias"] = "what-if-replica-" + TrafficSplit.Mix(scenario.Seed + 1).ToString("x", CultureInfo.InvariantCulture)[..8],
            });
            if (scenario.GlobalRouting is { } globalRouting)
            {
                // Global routing (docs/global-resiliency.md): set through the API; the engine follows the stored setting.
                _followGlobalRouting = true;
                Call("UpdateCrossRegionRouting", _source, new Dictionary<string, object?> { ["InstanceId"] = _instanceId, ["IsolatedAll"] = !globalRouting });
            }
        }

        Remember("hours", Call("ListHoursOfOperations", _source, Instance()), "HoursOfOperationSummaryList", "Id");
        Remember("status", Call("ListAgentStatuses", _source, Instance()), "AgentStatusSummaryList", "Id");
        Remember("security", Call("ListSecurityProfiles", _source, Instance()), "SecurityProfileSummaryList", "Id");
        Remember("queue", Call("ListQueues", _source, Instance(("QueueTypes", new[] { "STANDARD" }))), "QueueSummaryList", "Id");
        Remember("profile", Call("ListRoutingProfiles", _source, Instance()), "RoutingProfileSummaryList", "Id");
        Remember("flow", Call("ListContactFlows", _source, Instance()), "ContactFlowSummaryList", "Id");
        _instanceArn = created.GetProperty("Arn").GetString()!;
        _flowResources = new CachedFlowResources(new Flows.StoreFlowResources(_store, Account, _source, _instanceId));
        if (scenario.Regions.Count == 2)
        {
            // ListTrafficDistributionGroups pages by at most 10; a new replica has only its default group.
            var groups = Call("ListTrafficDistributionGroups", _source, new Dictionary<string, object?> { ["InstanceId"] = _instanceId });
            foreach (var group in groups.GetProperty("TrafficDistributionGroupSummaryList").EnumerateArray())
            {
                if (group.TryGetProperty("IsDefault", out var isDefault) && isDefault.GetBoolean())
                {
                    Names("group")[DefaultGroupName] = group.GetProperty("Arn").GetString()!;
                }
            }
        }

        foreach (var hours in scenario.HoursOfOperations ?? [])
        {
            var name = hours.TryGetProperty("Name", out var n) ? n.GetString()! : throw new ScenarioException("hoursOfOperations: each needs its Name");
            var output = Attempt($"hoursOfOperations ({name})", () => CallWithNames("CreateHoursOfOperation", _source, hours, null));
            Names("hours")[name] = output.GetProperty("HoursOfOperationId").GetString()!;
            Arns("hours")[name] = output.GetProperty("HoursOfOperationArn").GetString()!;
        }

        foreach (var queue in scenario.Queues)
        {
            var input = WithDefault(queue, "HoursOfOperationId", "Basic Hours");
            var output = CallWithNames("CreateQueue", _source, input, null);
            Names("queue")[queue.GetProperty("Name").GetString()!] = output.GetProperty("QueueId").GetString()!;
            Arns("queue")[queue.GetProperty("Name").GetString()!] = output.GetProperty("QueueArn").GetString()!;
        }

        foreach (var profile in scenario.RoutingProfiles)
        {
            var output = CallWithNames("CreateRoutingProfile", _source, profile, null);
            Names("profile")[profile.GetProperty("Name").GetString()!] = output.GetProperty("RoutingProfileId").GetString()!;
        }

        foreach (var group in scenario.TrafficDistributionGroups)
        {
            var name = group.GetProperty("Name").GetString()!;
            var output = Call("CreateTrafficDistributionGroup", _source, new Dictionary<string, object?> { ["Name"] = name, ["InstanceId"] = _instanceId });
            Names("group")[name] = output.GetProperty("Arn").GetString()!;
            if (group.EnumerateObject().Any(p => p.Name is "TelephonyConfig" or "AgentConfig" or "SignInConfig"))
            {
                var update = JsonSerializer.SerializeToElement(group.EnumerateObject()
                    .Where(p => p.Name is "TelephonyConfig" or "AgentConfig" or "SignInConfig")
                    .ToDictionary(p => p.Name, p => p.Value), ServerJsonContext.Default.DictionaryStringJsonElement);
                CallWithNames("UpdateTrafficDistribution", _source, WithDefault(update, "Id", name), null);
            }
        }

        // Agents pinned to a Region: a group of their own per Region, its agent distribution 100 % there.
        foreach (var region in scenario.Agents.Where(a => a.Region is not null && a.TrafficDistributionGroup is null).Select(a => a.Region!).Distinct())
        {
            if (scenario.Regions.Count < 2 || !scenario.Regions.Contains(region))
            {
                if (region == _source)
                {
                    continue; // users work where they were created
                }

                throw new ScenarioException($"agents: region {region} is not one of the scenario's regions");
            }

            var name = PinnedGroup(region);
            var output = Call("CreateTrafficDistributionGroup", _source, new Dictionary<string, object?> { ["Name"] = name, ["InstanceId"] = _instanceId });
            Names("group")[name] = output.GetProperty("Arn").GetString()!;
            Call("UpdateTrafficDistribution", _source, new Dictionary<string, object?>
            {
                ["Id"] = Names("group")[name],
                ["AgentConfig"] = new Dictionary<string, object?>
                {
                    ["Distributions"] = scenario.Regions.Select(r => new Dictionary<string, object?> { ["Region"] = r, ["Percentage"] = r == region ? 100 : 0 }).ToList(),
                },
            });
        }

        SetUpFlows(scenario);

        foreach (var group in scenario.Agents)
        {
            var users = new List<string>();
            var profileId = Name("profile", group.RoutingProfile, $"agent group {group.Name}");
            var statusId = Name("status", group.Status, $"agent group {group.Name}");
            var agentSecurity = Name("security", "Agent", "the Agent security profile");
            var groupName = group.TrafficDistributionGroup ?? (group.Region is { } pinned && Names("group").ContainsKey(PinnedGroup(pinned)) ? PinnedGroup(pinned) : null);
            var groupArn = groupName is null ? null : Name("group", groupName, $"agent group {group.Name}");
            for (var i = 1; i <= group.Count; i++)
            {
                var user = Call("CreateUser", _source, new Dictionary<string, object?>
                {
                    ["InstanceId"] = _instanceId,
                    ["Username"] = $"{group.Name}-{i:D4}",
                    ["IdentityInfo"] = new Dictionary<string, object?> { ["FirstName"] = group.Name, ["LastName"] = i.ToString(CultureInfo.InvariantCulture) },
                    ["PhoneConfig"] = new Dictionary<string, object?> { ["PhoneType"] = "SOFT_PHONE", ["AutoAccept"] = true, ["AfterContactWorkTimeLimit"] = 0 },
                    ["SecurityProfileIds"] = new[] { agentSecurity },
                    ["RoutingProfileId"] = profileId,
                }).GetProperty("UserId").GetString()!;
                users.Add(user);
                if (groupArn is not null)
                {
                    Call("AssociateTrafficDistributionGroupUser", _source, new Dictionary<string, object?>
                    {
                        ["TrafficDistributionGroupId"] = groupArn,
                        ["UserId"] = user,
                        ["InstanceId"] = _instanceId,
                    });
                }

                Call("PutUserStatus", _source, new Dictionary<string, object?> { ["InstanceId"] = _instanceId, ["UserId"] = user, ["AgentStatusId"] = statusId });
            }

            _groupUsers[group.Name] = users;
        }
    }

    /// <summary>
    /// The scenario's flows, made through the API in two passes so that flows may name one another in any order: each
    /// is created with a placeholder content, then its own content is set (UpdateContactFlowContent, validated as AWS
    /// validates it) with the scenario's names of queues, hours and flows replaced by their ARNs. Then the phone
    /// numbers: claimed, and associated with their flows.
    /// </summary>
    private void SetUpFlows(Scenario scenario)
    {
        var flows = scenario.Flows ?? [];
        if (flows.Any(f => f.File is not null))
        {
            flows = scenario.WithFlowFilesRead(Environment.CurrentDirectory).Flows!;
        }

        foreach (var flow in flows)
        {
            var output = Attempt(flow.Where, () => Call("CreateContactFlow", _source, new Dictionary<string, object?>
            {
                ["InstanceId"] = _instanceId,
                ["Name"] = flow.Name,
                ["Type"] = flow.Type,
                ["Content"] = PlaceholderFlow,
            }));
            Names("flow")[flow.Name] = output.GetProperty("ContactFlowId").GetString()!;
            Arns("flow")[flow.Name] = output.GetProperty("ContactFlowArn").GetString()!;
        }

        foreach (var flow in flows)
        {
            var content = ResolveFlow(flow);
            Attempt(flow.Where, () => Call("UpdateContactFlowContent", _source, new Dictionary<string, object?>
            {
                ["InstanceId"] = _instanceId,
                ["ContactFlowId"] = Names("flow")[flow.Name],
                ["Content"] = content,
            }));
        }

        foreach (var number in scenario.PhoneNumbers ?? [])
        {
            var target = scenario.Regions.Count == 2 && Names("group").TryGetValue(DefaultGroupName, out var group) ? group : _instanceArn;
            var claimed = Attempt(number.Where, () => Call("ClaimPhoneNumber", _source, new Dictionary<string, object?>
            {
                ["TargetArn"] = target,
                ["PhoneNumber"] = number.Number,
            }));
            Attempt(number.Where, () => Call("AssociatePhoneNumberContactFlow", _source, new Dictionary<string, object?>
            {
                ["PhoneNumberId"] = claimed.GetProperty("PhoneNumberId").GetString()!,
                ["InstanceId"] = _instanceId,
                ["ContactFlowId"] = Names("flow")[number.Flow],
            }));
        }
    }

    /// <summary>[choice] The placeholder a scenario flow is created with before its content is set: a flow that only ends.</summary>
    private const string PlaceholderFlow =
        "{\"Version\":\"2019-10-30\",\"StartAction\":\"end\",\"Actions\":[{\"Identifier\":\"end\",\"Type\":\"EndFlowExecution\",\"Parameters\":{},\"Transitions\":{}}]}";

    /// <summary>An API call of the set-up whose AWS error becomes the scenario's one-line error, saying where.</summary>
    private static JsonElement Attempt(string where, Func<JsonElement> call)
    {
        try
        {
            return call();
        }
        catch (ServiceErrorException e)
        {
            throw new ScenarioException($"{where}: {e.Code}: {e.Message}");
        }
    }

    /// <summary>
    /// The flow's content with names made ARNs: a QueueId names a scenario queue, a HoursOfOperationId hours, a
    /// ContactFlowId or an EventHooks value a flow. ARNs and dynamic values ($.…) stay as they are.
    /// </summary>
    private string ResolveFlow(FlowSpec flow)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(flow.Content!);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{flow.Where}: the content is not valid JSON: {e.Message}");
        }

        if (root?["Actions"] is JsonArray actions)
        {
            foreach (var action in actions.OfType<JsonObject>())
            {
                var id = action["Identifier"] is JsonValue identifier && identifier.GetValueKind() == JsonValueKind.String ? identifier.GetValue<string>() : "?";
                if (action["Parameters"] is JsonObject parameters)
                {
                    ResolveNames(flow, id, parameters, null);
                }
            }
        }

        return root!.ToJsonString();
    }

    private void ResolveNames(FlowSpec flow, string action, JsonObject node, string? parent)
    {
        foreach (var (member, value) in node.ToList())
        {
            if (value is JsonObject inner)
            {
                ResolveNames(flow, action, inner, member);
                continue;
            }

            var kind = parent == "EventHooks" ? "flow" : member switch
            {
                "QueueId" => "queue",
                "HoursOfOperationId" => "hours",
                "ContactFlowId" => "flow",
                _ => null,
            };
            if (kind is null || value is not JsonValue leaf || leaf.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            var text = leaf.GetValue<string>();
            if (text.StartsWith("arn:", StringComparison.Ordinal) || text.StartsWith("$.", StringComparison.Ordinal))
            {
                continue;
            }

            node[member] = Arns(kind).GetValueOrDefault(text)
                ?? throw new ScenarioException($"{flow.Where}: action '{action}' {member}: no {kind} named '{text}' in the scenario");
        }
    }

    /// <summary>The flow a traffic stream enters by: its own, or its phone number's (read back from the number's association).</summary>
    private FlowProgram EntryFlow(TrafficSpec traffic, string where)
    {
        string flowId;
        if (traffic.PhoneNumber is { } phoneNumber)
        {
            var number = _store.Read(session => PhoneNumberService.FindByNumber(session, Account, phoneNumber))
                ?? throw new ScenarioException($"{where}.phoneNumber: '{phoneNumber}' is not claimed");
            flowId = number.ContactFlowId ?? throw new ScenarioException($"{where}.phoneNumber: '{phoneNumber}' has no flow");
        }
        else
        {
            flowId = Name("flow", traffic.Flow!, where + ".flow");
        }

        return _flowResources!.Flow(flowId) ?? throw new ScenarioException($"{where}: the flow cannot run (it is not PUBLISHED and ACTIVE, or its content cannot be read)");
    }

    /// <summary>A timeline entry: its API call(s) at the simulated time, then the engine reads the records again.</summary>
    private string? Apply(TimelineEntry entry)
    {
        _now = _clock!.Now;
        string? error = null;
        try
        {
            var region = entry.Region ?? _source;
            if (entry.Agents is null)
            {
                CallWithNames(entry.Operation, region, entry.Input, null);
            }
            else
            {
                var users = _groupUsers.GetValueOrDefault(entry.Agents) ?? throw new ScenarioException($"timeline: no agent group named '{entry.Agents}'");
                foreach (var user in users.Take(entry.Count ?? users.Count))
                {
                    CallWithNames(entry.Operation, region, entry.Input, user);
                }
            }
        }
        catch (ServiceErrorException e)
        {
            error = $"{e.Code}: {e.Message}";
        }
        catch (ScenarioException e)
        {
            error = e.Message;
        }

        Sync();
        return error;
    }

    /// <summary>The engine reads the instance's routing configuration from the records, as the server's does.</summary>
    private void Sync()
    {
        var (snapshot, telephony, isolated) = _store.Read(session =>
        {
            var instance = session.Get<Instance>(ResourceScope.TopLevel(Account, _source), _instanceId)!;
            var defaultGroup = instance.Replication is null
                ? null
                : TrafficDistributionService.GroupsOf(session, Account, _source, _instanceId).FirstOrDefault(g => g.IsDefault);
            return (RoutingSnapshot.Read(session, instance), defaultGroup?.Telephony, instance.Replication?.IsolatedAll);
        });
        snapshot.ApplyTo(_engine!);
        _telephony = telephony;
        _engine!.CrossRegionRouting = _followGlobalRouting && isolated == false;
        _flowResources?.Clear();
    }

    private JsonElement CallWithNames(string operationName, string region, JsonElement input, string? userId)
    {
        var operation = Operation(operationName);
        var members = operation.Input.Members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in input.EnumerateObject())
            {
                if (property.Name is "InstanceId" || (property.Name is "UserId" && userId is not null))
                {
                    continue;
                }

                writer.WritePropertyName(property.Name);
                WriteResolved(writer, property.Value, property.Name);
            }

            if (members.Contains("InstanceId"))
            {
                writer.WriteString("InstanceId", _instanceId);
            }

            if (userId is not null)
            {
                writer.WriteString("UserId", userId);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return Invoke(operation, region, document.RootElement);
    }

    private JsonElement Call(string operationName, string region, Dictionary<string, object?> input)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(input, ServerJsonContext.Default.DictionaryStringObject));
        return Invoke(Operation(operationName), region, document.RootElement);
    }

    private JsonElement Invoke(OperationDescriptor operation, string region, JsonElement input)
    {
        _calls++;
        var context = new OperationContext(operation.Name, Account, region, Guid.NewGuid().ToString(), "AKIDEXAMPLE", _now);
        var output = _invoker.Invoke(operation, context, input);
        return output.Length == 0 ? default : JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Writes a value, replacing a scenario name by its id where the member names a queue, profile, status, hours, group or security profile.</summary>
    private void WriteResolved(Utf8JsonWriter writer, JsonElement value, string? member)
    {
        var kind = member is null ? null : KindOfMember.GetValueOrDefault(member);
        switch (value.ValueKind)
        {
            case JsonValueKind.String when kind is not null && _names.TryGetValue(kind, out var names) && names.TryGetValue(value.GetString()!, out var id):
                writer.WriteStringValue(id);
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteResolved(writer, property.Value, property.Name);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteResolved(writer, item, member);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static string PinnedGroup(string region) => "agents-in-" + region;

    private static OperationDescriptor Operation(string name) =>
        OperationTable.All.FirstOrDefault(o => o.Name == name) ?? throw new ScenarioException($"'{name}' is not an Amazon Connect operation");

    private Dictionary<string, object?> Instance(params (string Name, object? Value)[] more)
    {
        var input = new Dictionary<string, object?> { ["InstanceId"] = _instanceId, ["MaxResults"] = 100 };
        foreach (var (name, value) in more)
        {
            input[name] = value;
        }

        return input;
    }

    private void Remember(string kind, JsonElement list, string listMember, string idMember)
    {
        foreach (var item in list.GetProperty(listMember).EnumerateArray())
        {
            if (item.TryGetProperty("Name", out var name) && name.GetString() is { } n)
            {
                Names(kind)[n] = item.GetProperty(idMember).GetString()!;
                if (item.TryGetProperty("Arn", out var arn) && arn.GetString() is { } a)
                {
                    Arns(kind)[n] = a;
                }
            }
        }
    }

    private Dictionary<string, string> Names(string kind)
    {
        if (!_names.TryGetValue(kind, out var names))
        {
            names = new Dictionary<string, string>(StringComparer.Ordinal);
            _names[kind] = names;
        }

        return names;
    }

    private Dictionary<string, string> Arns(string kind)
    {
        if (!_arns.TryGetValue(kind, out var arns))
        {
            arns = new Dictionary<string, string>(StringComparer.Ordinal);
            _arns[kind] = arns;
        }

        return arns;
    }

    private string Name(string kind, string name, string where) =>
        Names(kind).GetValueOrDefault(name) ?? throw new ScenarioException($"{where}: no {kind} named '{name}'");

    private static JsonElement WithDefault(JsonElement input, string member, string value)
    {
        if (input.TryGetProperty(member, out _))
        {
            return input;
        }

        var copy = input.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        copy[member] = value;
        return JsonSerializer.SerializeToElement(copy, ServerJsonContext.Default.DictionaryStringObject);
    }
}
