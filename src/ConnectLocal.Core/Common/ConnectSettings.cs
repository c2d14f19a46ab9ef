namespace ConnectLocal.Core.Common;

/// <summary>
/// Quotas and limits the emulator applies. AWS's own defaults are low (2 instances per account) because they
/// are raised on request; the emulator's defaults are generous and configurable (behaviour doc §2 [choice]).
/// </summary>
public sealed record ConnectSettings
{
    public int InstancesPerAccount { get; init; } = 100;

    /// <summary>Queues per routing profile (AWS quota 50; a single request carries at most 10).</summary>
    public int QueuesPerRoutingProfile { get; init; } = 50;

    public int RoutingProfilesPerInstance { get; init; } = 100_000;

    public int UsersPerInstance { get; init; } = 100_000;

    public int QueuesPerInstance { get; init; } = 100_000;

    public int HoursOfOperationPerInstance { get; init; } = 10_000;
}
