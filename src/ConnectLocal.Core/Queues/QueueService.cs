using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Queues;

public sealed record CreateQueueCommand(
    string Name,
    string? Description,
    string HoursOfOperationId,
    int? MaxContacts,
    OutboundCallerSettings? OutboundCallerConfig,
    string? OutboundEmailAddressId,
    IReadOnlyList<string> QuickConnectIds,
    IReadOnlyList<string> EmailAddressIds,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// Standard queues (created here) and agent queues (one per user, created with the user; only listed, described
/// and tagged here). A queue has hours of operation, a status, an optional contact limit and outbound settings.
/// [choice] Every accepted update stamps LastModifiedTime, even one whose values equal the stored ones.
/// LIMITATIONS: quick connects and email addresses are not implemented, so naming any is "not found"; the outbound
/// caller number, whisper flow and email address are stored as sent, unchecked; contacts waiting in a queue do not
/// keep it from being deleted.
/// </summary>
public sealed class QueueService(IConnectStore store, ConnectSettings settings)
{
    public const string ArnSegment = "queue";
    public const string Enabled = "ENABLED";

    /// <summary>The ResourceType of ResourceInUseException when a queue holds the reference. [choice]</summary>
    public const string InUseType = "QUEUE";

    /// <summary>[choice] The ResourceType when a routing profile holds it (the model's enum has no value for either).</summary>
    public const string RoutingProfileInUseType = "ROUTING_PROFILE";

    public Queue Create(Caller caller, string instanceIdOrArn, CreateQueueCommand command) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance);
        if (session.GetByName<Queue>(scope, command.Name) is not null)
        {
            throw Errors.Duplicate("Queue", command.Name);
        }

        var hours = HoursOfOperationService.Require(session, caller, instance.Id, command.HoursOfOperationId);
        // [choice] Quick connects and email addresses do not exist here yet, so any named one is not found.
        if (command.QuickConnectIds.Count > 0)
        {
            throw Errors.NotFound("Quick connect");
        }

        if (command.EmailAddressIds.Count > 0)
        {
            throw Errors.NotFound("Email address");
        }

        // [choice] Agent queues do not count against the queue quota; counting all of them is needed only near the limit.
        if (session.Count<Queue>(scope) >= settings.QueuesPerInstance
            && session.All<Queue>(scope).Count(q => q.QueueType == Queue.Standard) >= settings.QueuesPerInstance)
        {
            throw Errors.Limit($"The instance already has {settings.QueuesPerInstance} queues.");
        }

        var id = DefaultResources.NewId();
        var queue = new Queue
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = Arns.InInstance(caller.Region, caller.AccountId, instance.Id, ArnSegment, id),
            Name = command.Name,
            Description = command.Description,
            QueueType = Queue.Standard,
            HoursOfOperationId = hours.Id,
            MaxContacts = command.MaxContacts,
            Status = Enabled,
            OutboundCallerConfig = command.OutboundCallerConfig,
            OutboundEmailAddressId = command.OutboundEmailAddressId,
            Tags = command.Tags,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        };
        session.Put(scope, queue);
        return queue;
    });

    public Queue Describe(Caller caller, string instanceIdOrArn, string queueIdOrArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return Require(session, caller, instance.Id, queueIdOrArn);
    });

    /// <summary>Queues of the given types (both when <paramref name="queueTypes"/> is empty), ordered by id.</summary>
    public Page<Queue> List(Caller caller, string instanceIdOrArn, IReadOnlyCollection<string> queueTypes, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance);
        var types = queueTypes.ToHashSet(StringComparer.Ordinal);
        if (types.Count == 0 || (types.Contains(Queue.Standard) && types.Contains(Queue.Agent)))
        {
            return Paging.Read<Queue>(session, scope, "queues", nextToken, pageSize);
        }

        // A token is bound to the filter it was issued for.
        var listing = Paging.Listing("queues", types.Order(StringComparer.Ordinal));

        var filtered = session.All<Queue>(scope).Where(q => types.Contains(q.QueueType)).ToList();
        return Paging.Slice(session, scope, listing, filtered, q => q.Id, nextToken, pageSize);
    });

    public void UpdateName(Caller caller, string instanceIdOrArn, string queueIdOrArn, string? name, string? description) =>
        Update(caller, instanceIdOrArn, queueIdOrArn, (session, scope, queue) =>
        {
            if (name is not null && session.GetByName<Queue>(scope, name) is { } named && named.Id != queue.Id)
            {
                throw Errors.Duplicate("Queue", name);
            }

            return queue with { Name = name ?? queue.Name, Description = description ?? queue.Description };
        });

    public void UpdateStatus(Caller caller, string instanceIdOrArn, string queueIdOrArn, string status) =>
        Update(caller, instanceIdOrArn, queueIdOrArn, (_, _, queue) => queue with { Status = status });

    /// <summary>[choice] An absent limit means no limit.</summary>
    public void UpdateMaxContacts(Caller caller, string instanceIdOrArn, string queueIdOrArn, int? maxContacts) =>
        Update(caller, instanceIdOrArn, queueIdOrArn, (_, _, queue) => queue with { MaxContacts = maxContacts });

    public void UpdateHoursOfOperation(Caller caller, string instanceIdOrArn, string queueIdOrArn, string hoursIdOrArn) =>
        Update(caller, instanceIdOrArn, queueIdOrArn, (session, _, queue) =>
            queue with { HoursOfOperationId = HoursOfOperationService.Require(session, caller, queue.InstanceId, hoursIdOrArn).Id });

    /// <summary>[choice] The outbound settings are replaced as a whole: members left out are cleared.</summary>
    public void UpdateOutboundCallerConfig(Caller caller, string instanceIdOrArn, string queueIdOrArn, OutboundCallerSettings config) =>
        Update(caller, instanceIdOrArn, queueIdOrArn, (_, _, queue) => queue with { OutboundCallerConfig = config });

    /// <summary>
    /// A queue a routing profile serves or sends outbound calls from cannot be deleted (ResourceInUseException
    /// naming the profile). [choice] Agent queues live and die with their user (InvalidRequestException). BasicQueue
    /// is an ordinary queue: deletable once no routing profile uses it.
    /// </summary>
    public void Delete(Caller caller, string instanceIdOrArn, string queueIdOrArn) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance);
        var queue = Require(session, caller, instance.Id, queueIdOrArn);
        if (queue.QueueType == Queue.Agent)
        {
            throw Errors.InvalidRequest("Agent queues cannot be deleted; they are deleted with their user");
        }

        var profile = session.All<RoutingProfile>(scope)
            .FirstOrDefault(p => p.DefaultOutboundQueueId == queue.Id || p.Queues.Any(q => q.QueueId == queue.Id));
        if (profile is not null)
        {
            throw Errors.InUse($"Queue is in use by routing profile '{profile.Name}'", RoutingProfileInUseType, profile.Arn);
        }

        session.Delete<Queue>(scope, queue.Id);
        return true;
    });

    /// <summary>
    /// The queue named by id or ARN in the instance, standard or agent (an agent queue's id is its user's id, its
    /// ARN …/queue/agent/{userId}), or "Queue not found". [choice] The ARN is accepted wherever a queue id is, as
    /// for instances.
    /// </summary>
    public static Queue Require(IStoreSession session, Caller caller, string instanceId, string idOrArn) =>
        ResourceTypes.Queue.Require(session, caller, instanceId, idOrArn);

    /// <summary>
    /// One read-modify-write of a standard queue. [choice] Agent queues take none of the Update* operations
    /// (InvalidRequestException): their settings follow their user, and the console offers none for them.
    /// </summary>
    private void Update(Caller caller, string instanceIdOrArn, string queueIdOrArn, Func<IStoreSession, ResourceScope, Queue, Queue> change) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(caller, instance);
        var queue = Require(session, caller, instance.Id, queueIdOrArn);
        if (queue.QueueType == Queue.Agent)
        {
            throw Errors.InvalidRequest("Agent queues cannot be updated");
        }

        session.Put(scope, change(session, scope, queue) with { LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region });
        return true;
    });

    private static ResourceScope Scope(Caller caller, Instance instance) => new(caller.AccountId, caller.Region, instance.Id);
}
