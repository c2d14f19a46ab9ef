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

    /// <summary>Every declared type's defaults, in declaration order (hours before the queue that uses them, …).</summary>
    public static void Create(IStoreSession session, Instance instance, DateTimeOffset now)
    {
        foreach (var type in ResourceTypes.All)
        {
            type.CreateDefaults(session, instance, now);
        }
    }

    internal static IEnumerable<HoursOfOperation> Hours(DefaultsContext _) =>
    [
        new()
        {
            Name = BasicHours,
            Description = "24/7 hours",
            TimeZone = DefaultTimeZone,
            Config = Days.Select(d => new HoursOfOperationSlot(d, 0, 0, 0, 0)).ToList(),
        },
    ];

    internal static IEnumerable<Queue> Queues(DefaultsContext context) =>
    [
        new()
        {
            Name = BasicQueue,
            Description = "Default queue",
            QueueType = Queue.Standard,
            HoursOfOperationId = context.IdOf<HoursOfOperation>(BasicHours),
            Status = "ENABLED",
        },
    ];

    internal static IEnumerable<RoutingProfile> RoutingProfiles(DefaultsContext context)
    {
        var queueId = context.IdOf<Queue>(BasicQueue);
        return
        [
            new()
            {
                Name = BasicRoutingProfile,
                Description = "Default routing profile",
                DefaultOutboundQueueId = queueId,
                // VOICE 1, CHAT 2 (documented), TASK 1 (seen on a real instance); no cross-channel behaviour.
                MediaConcurrencies = [new("VOICE", 1, null), new("CHAT", 2, null), new("TASK", 1, null)],
                Queues = [new(queueId, "VOICE", 1, 0), new(queueId, "CHAT", 1, 0), new(queueId, "TASK", 1, 0)],
                IsDefault = true,
            },
        ];
    }

    internal static IEnumerable<AgentStatus> AgentStatuses(DefaultsContext _) =>
    [
        new() { Name = "Available", Type = AgentStatus.Routable, DisplayOrder = 1, State = "ENABLED" },
        new() { Name = "Offline", Type = AgentStatus.Offline, DisplayOrder = 2, State = "ENABLED" },
    ];

    public static string NewId() => Guid.NewGuid().ToString();
}
