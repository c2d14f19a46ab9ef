using ConnectLocal.Core.Common;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Instances;

/// <summary>
/// What every new instance (and every replica) starts with, as the real service creates it (behaviour doc §2):
/// Basic Hours (24×7), BasicQueue, Basic Routing Profile, four security profiles, two agent statuses.
/// </summary>
public static class DefaultResources
{
    public const string BasicHours = "Basic Hours";
    public const string BasicQueue = "BasicQueue";
    public const string BasicRoutingProfile = "Basic Routing Profile";
    public static readonly string[] SecurityProfiles = ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"];
    public static readonly string[] Days = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

    /// <summary>[choice] Basic Hours' time zone; AWS picks one from the console's locale.</summary>
    public const string DefaultTimeZone = "UTC";

    public static void Create(IStoreSession session, Instance instance, DateTimeOffset now)
    {
        var scope = new ResourceScope(instance.AccountId, instance.Region, instance.Id);
        string Arn(string segment, string id) => Arns.InInstance(instance.Region, instance.AccountId, instance.Id, segment, id);

        var hoursId = NewId();
        session.Put(scope, new HoursOfOperation
        {
            Id = hoursId,
            InstanceId = instance.Id,
            Arn = Arn("operating-hours", hoursId),
            Name = BasicHours,
            Description = "24/7 hours",
            TimeZone = DefaultTimeZone,
            Config = Days.Select(d => new HoursOfOperationSlot(d, 0, 0, 0, 0)).ToList(),
            LastModifiedTime = now,
            LastModifiedRegion = instance.Region,
        });

        var queueId = NewId();
        session.Put(scope, new Queue
        {
            Id = queueId,
            InstanceId = instance.Id,
            Arn = Arn("queue", queueId),
            Name = BasicQueue,
            Description = "Default queue",
            QueueType = Queue.Standard,
            HoursOfOperationId = hoursId,
            Status = "ENABLED",
            LastModifiedTime = now,
            LastModifiedRegion = instance.Region,
        });

        var profileId = NewId();
        session.Put(scope, new RoutingProfile
        {
            Id = profileId,
            InstanceId = instance.Id,
            Arn = Arn("routing-profile", profileId),
            Name = BasicRoutingProfile,
            Description = "Default routing profile",
            DefaultOutboundQueueId = queueId,
            // VOICE 1, CHAT 2 (documented), TASK 1 (seen on a real instance); no cross-channel behaviour.
            MediaConcurrencies = [new("VOICE", 1, null), new("CHAT", 2, null), new("TASK", 1, null)],
            Queues = [new(queueId, "VOICE", 1, 0), new(queueId, "CHAT", 1, 0), new(queueId, "TASK", 1, 0)],
            IsDefault = true,
            LastModifiedTime = now,
            LastModifiedRegion = instance.Region,
        });

        foreach (var name in SecurityProfiles)
        {
            var id = NewId();
            session.Put(scope, new SecurityProfile
            {
                Id = id,
                InstanceId = instance.Id,
                Arn = Arn("security-profile", id),
                Name = name,
                Description = $"Default {name} security profile",
                LastModifiedTime = now,
                LastModifiedRegion = instance.Region,
            });
        }

        var order = 1;
        foreach (var (name, type) in new[] { ("Available", AgentStatus.Routable), ("Offline", AgentStatus.Offline) })
        {
            var id = NewId();
            session.Put(scope, new AgentStatus
            {
                Id = id,
                InstanceId = instance.Id,
                Arn = Arn("agent-state", id),
                Name = name,
                Type = type,
                DisplayOrder = order++,
                State = "ENABLED",
                LastModifiedTime = now,
                LastModifiedRegion = instance.Region,
            });
        }
    }

    public static string NewId() => Guid.NewGuid().ToString();
}
