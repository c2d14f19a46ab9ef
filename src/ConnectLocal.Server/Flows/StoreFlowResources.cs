using System.Collections.Concurrent;
using ConnectLocal.Core.FlowModules;
using ConnectLocal.Core.Flows;
using ConnectLocal.Core.Flows.Interpreter;
using ConnectLocal.Core.HoursOverrides;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Server.Flows;

/// <summary>
/// What a running flow reads, from the store: the instance's flows (PUBLISHED and ACTIVE only), modules (active),
/// queues, agents' queues and hours of operation (open or not by GetEffectiveHoursOfOperations' periods, overrides
/// included). Flow content is parsed once per content hash.
/// </summary>
internal sealed class StoreFlowResources(IConnectStore store, string accountId, string region, string instanceId) : IFlowResources
{
    private static readonly ConcurrentDictionary<string, FlowDocument?> Parsed = new(StringComparer.Ordinal);

    private Caller Caller => new(accountId, region, DateTimeOffset.UtcNow, string.Empty);

    public FlowProgram? Flow(string idOrArn)
    {
        var flow = store.Read(session => ContactFlowRules.Type.Find(session, Caller, instanceId, WithoutVersion(idOrArn)));
        return flow is { Status: ContactFlowRules.Published, ContactFlowState: ContactFlowRules.Active } && Parse(flow.FlowContentSha256, flow.Content) is { } document
            ? new FlowProgram(flow.Id, flow.Arn, flow.Name, flow.Type, document)
            : null;
    }

    public FlowProgram? Module(string idOrArn)
    {
        var module = store.Read(session => ContactFlowModuleRules.Type.Find(session, Caller, instanceId, WithoutVersion(idOrArn)));
        return module is { State: ContactFlowModuleRules.Active } && Parse(module.FlowModuleContentSha256, module.Content) is { } document
            ? new FlowProgram(module.Id, module.Arn, module.Name, FlowActionTypes.Module, document)
            : null;
    }

    public FlowQueue? Queue(string idOrArn) =>
        store.Read(session => ResourceTypes.Queue.Find(session, Caller, instanceId, idOrArn)) is { } queue
            ? new FlowQueue(queue.Id, queue.Arn, queue.Name, queue.Status, queue.MaxContacts, queue.HoursOfOperationId, queue.QueueType == Core.Resources.Queue.Agent)
            : null;

    public FlowQueue? AgentQueue(string userIdOrArn) =>
        store.Read(session => ResourceTypes.User.Find(session, Caller, instanceId, userIdOrArn)) is { } user
            ? new FlowQueue(user.Id, Arns.InInstance(region, accountId, instanceId, "queue", user.Id), null, "ENABLED", null, null, IsAgentQueue: true)
            : null;

    public object? JsonValue(string text) => FlowJson.ReadValue(text);

    public bool? HoursOpen(string hoursIdOrArn, DateTimeOffset at)
    {
        var hours = store.Read(session => ResourceTypes.HoursOfOperation.Find(session, Caller, instanceId, hoursIdOrArn));
        if (hours is null)
        {
            return null;
        }

        var service = new HoursOverrideService(store, new ConnectSettings());
        return FlowHours.IsOpen(hours.TimeZone, date =>
        {
            var text = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return service.Effective(Caller, instanceId, hours.Id, text, text).Days[0].Open;
        }, at);
    }

    /// <summary>A flow or module ARN may end with :{version} or :{alias}; the current content runs ([choice]).</summary>
    private static string WithoutVersion(string idOrArn) =>
        idOrArn.StartsWith("arn:", StringComparison.Ordinal) && idOrArn.Split(':') is { Length: 7 } parts ? string.Join(':', parts[..6]) : idOrArn;

    private static FlowDocument? Parse(string sha256, string content) => Parsed.GetOrAdd(sha256, _ =>
    {
        try
        {
            return FlowJson.Read(content);
        }
        catch (DomainException)
        {
            return null;
        }
    });
}
