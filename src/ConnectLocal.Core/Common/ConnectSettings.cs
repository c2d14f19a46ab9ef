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

    public int QuickConnectsPerInstance { get; init; } = 10_000;

    /// <summary>Email addresses per instance (AWS's default quota is 100).</summary>
    public int EmailAddressesPerInstance { get; init; } = 100;

    /// <summary>Prompts per instance (AWS quota 500), the seven defaults included.</summary>
    public int PromptsPerInstance { get; init; } = 10_000;

    /// <summary>Contact flows per instance (AWS quota 100), the default flows included.</summary>
    public int ContactFlowsPerInstance { get; init; } = 10_000;

    /// <summary>[choice] Test cases per instance (AWS publishes no quota for them); past it CreateTestCase answers ServiceQuotaExceededException.</summary>
    public int TestCasesPerInstance { get; init; } = 10_000;

    /// <summary>Contact flow modules per instance (flow modules, issue 14).</summary>
    public int ContactFlowModulesPerInstance { get; init; } = 10_000;

    /// <summary>Security profiles per instance (AWS quota 100), the four defaults included (security profiles, issue 15).</summary>
    public int SecurityProfilesPerInstance { get; init; } = 10_000;

    /// <summary>Agent statuses per instance (AWS quota 50), Available and Offline included (agent statuses, issue 15).</summary>
    public int AgentStatusesPerInstance { get; init; } = 10_000;

    /// <summary>Quick connects one queue offers (AWS quota 50, the most one AssociateQueueQuickConnects call carries).</summary>
    public int QuickConnectsPerQueue { get; init; } = 50;

    /// <summary>
    /// The Region pairs Global Resiliency allows, source → replica (behaviour doc §5). [choice] configuration;
    /// ReplicateInstance to a Region not paired with the source answers InvalidRequestException.
    /// </summary>
    public IReadOnlyList<RegionPair> RegionPairs { get; init; } =
    [
        new("us-east-1", "us-west-2"), new("us-west-2", "us-east-1"),
        new("eu-central-1", "eu-west-2"), new("eu-west-2", "eu-central-1"),
        new("ap-northeast-1", "ap-northeast-3"),
    ];

    /// <summary>
    /// How long each asynchronous status transition takes (kinds in <c>GlobalResiliency.TransitionKinds</c>).
    /// [choice] a kind not listed is immediate: applied before the response, so IaC status polls pass on first read —
    /// except the kinds with a default delay of their own (<c>TransitionKinds.DefaultDelays</c>: vocabularies).
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> TransitionDelays { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>How often the background worker looks for due transitions.</summary>
    public TimeSpan TransitionPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Traffic distribution groups per instance, the default one included.</summary>
    public int TrafficDistributionGroupsPerInstance { get; init; } = 100;

    /// <summary>Vocabularies per instance (issue 15, iac branch). [choice] 100; AWS documents no Connect quota for them.</summary>
    public int VocabulariesPerInstance { get; init; } = 100;

    /// <summary>
    /// Open (not ended) task contacts per instance: StartTaskContact answers ServiceQuotaExceededException past it
    /// (rules-gaps). The Administrator Guide's default quota of concurrent active tasks per instance, 2,500;
    /// <c>--active-tasks-quota</c> / <c>CONNECTLOCAL_ACTIVE_TASKS_QUOTA</c> set another.
    /// </summary>
    public int ActiveTasksPerInstance { get; init; } = DefaultActiveTasksPerInstance;

    public const int DefaultActiveTasksPerInstance = 2_500;

    /// <summary>
    /// Whether StartOutboundVoiceContact places TrafficType CAMPAIGN calls: AWS refuses them until the account's
    /// campaigns quota is raised; <c>--allow-campaign-calls</c> / <c>CONNECTLOCAL_ALLOW_CAMPAIGN_CALLS=1</c> is that increase.
    /// </summary>
    public bool CampaignCallsAllowed { get; init; }

    /// <summary>Claimed phone numbers per account and Region.</summary>
    public int PhoneNumbersPerRegion { get; init; } = 10_000;

    public bool IsPaired(string sourceRegion, string replicaRegion) =>
        RegionPairs.Any(p => p.Source == sourceRegion && p.Replica == replicaRegion);
}

/// <summary>A source Region and the Region its instances may be replicated to.</summary>
public sealed record RegionPair(string Source, string Replica);
