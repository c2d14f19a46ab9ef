using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.RoutingProfiles;

/// <summary>A queue on one channel, as DisassociateRoutingProfileQueues names it (RoutingProfileQueueReference).</summary>
public sealed record ProfileQueueReference(string QueueId, string Channel);

public sealed record CreateRoutingProfileCommand(
    string Name,
    string Description,
    string DefaultOutboundQueueId,
    IReadOnlyList<ChannelConcurrency> MediaConcurrencies,
    IReadOnlyList<RoutingProfileQueue> QueueConfigs,
    IReadOnlyDictionary<string, string> Tags,
    string? AgentAvailabilityTimer,
    IReadOnlyList<ProfileQueueReference>? ManualAssignmentQueues = null);

/// <summary>One row of ListRoutingProfileQueues: the queue config with the queue's ARN and name.</summary>
public sealed record RoutingProfileQueueView(RoutingProfileQueue Config, string QueueArn, string? QueueName);

/// <summary>A page of a profile's queue configs, with the profile's last modification (ListRoutingProfileQueues).</summary>
public sealed record RoutingProfileQueuePage(Page<RoutingProfileQueueView> Page, DateTimeOffset LastModifiedTime, string LastModifiedRegion);

/// <summary>
/// Routing profiles: which channels an agent handles and how many contacts at once (behaviour doc §3), which queues
/// feed the agent on which channel at what priority and delay, and the default outbound queue.
/// Every rule the model cannot express lives here; the model's own constraints (ranges, enums, list sizes) are
/// already enforced by the protocol layer before a call arrives.
/// </summary>
public sealed class RoutingProfileService(IConnectStore store, ConnectSettings settings)
{
    public const string ArnSegment = "routing-profile";

    /// <summary>
    /// [choice] A profile created without AgentAvailabilityTimer reports TIME_SINCE_LAST_ACTIVITY ("longest idle
    /// time"), the value real profiles show in DescribeRoutingProfile when none was chosen.
    /// </summary>
    public const string DefaultAgentAvailabilityTimer = "TIME_SINCE_LAST_ACTIVITY";

    /// <summary>Behaviour doc §3: VOICE exactly 1; CHAT, TASK, EMAIL 1–10 (the 1–10 range is the model's).</summary>
    private static readonly Dictionary<string, int> MaxConcurrency = new(StringComparer.Ordinal)
    {
        ["VOICE"] = 1,
        ["CHAT"] = 10,
        ["TASK"] = 10,
        ["EMAIL"] = 10,
    };

    /// <summary>The model documents no list limit on QueueReferences, but the operation's documentation does.</summary>
    private const int MaxQueueReferencesPerCall = 10;

    private readonly ResourceOperations<RoutingProfile> _profiles = new(store, settings, ResourceTypes.RoutingProfile);

    /// <summary>[choice] Names are unique per instance, compared case-sensitively (as the store's name index does).</summary>
    public RoutingProfile Create(Caller caller, string instanceIdOrArn, CreateRoutingProfileCommand command) => _profiles.Create(caller, instanceIdOrArn, context =>
    {
        var queueConfigs = QueueIdsOf(caller, context.Instance.Id, command.QueueConfigs);
        var defaultOutboundQueueId = QueueIdOf(caller, context.Instance.Id, command.DefaultOutboundQueueId);
        CheckConcurrencies(command.MediaConcurrencies);
        CheckNoRepeats(queueConfigs.Select(c => new ProfileQueueReference(c.QueueId, c.Channel)));
        RequireStandardQueue(context.Session, context.Scope, defaultOutboundQueueId);
        foreach (var config in queueConfigs)
        {
            RequireStandardQueue(context.Session, context.Scope, config.QueueId);
        }

        if (DistinctPairs(queueConfigs) > settings.QueuesPerRoutingProfile)
        {
            // CreateRoutingProfile lists LimitExceededException; the other queue operations do not.
            throw Errors.Limit(ErrorTexts.QueueConfigsPerRoutingProfile(settings.QueuesPerRoutingProfile));
        }

        return ManualAssignmentQueues.WithInitial(context, new RoutingProfile
        {
            Name = command.Name,
            Description = command.Description,
            DefaultOutboundQueueId = defaultOutboundQueueId,
            MediaConcurrencies = command.MediaConcurrencies,
            Queues = queueConfigs,
            AgentAvailabilityTimer = command.AgentAvailabilityTimer ?? DefaultAgentAvailabilityTimer,
            Tags = command.Tags,
        }, command.ManualAssignmentQueues ?? []);
    });

    public RoutingProfile Describe(Caller caller, string instanceIdOrArn, string profileIdOrArn) => _profiles.Describe(caller, instanceIdOrArn, profileIdOrArn);

    /// <summary>SearchRoutingProfiles over the fields the registry declares for routing profiles.</summary>
    public SearchResult<RoutingProfile> Search(
        Caller caller, string instanceIdOrArn, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize) =>
        _profiles.Search(caller, instanceIdOrArn, "search-routing-profiles", criteria, filter, nextToken, pageSize);

    public void UpdateConcurrency(Caller caller, string instanceIdOrArn, string profileIdOrArn, IReadOnlyList<ChannelConcurrency> concurrencies) =>
        Modify(caller, instanceIdOrArn, profileIdOrArn, (_, _, profile) =>
        {
            CheckConcurrencies(concurrencies);

            // The list replaces the channel set: channels left out are disabled (behaviour doc §3). Their queue
            // configs stay, unused while the channel is off ([choice], see CheckQueueChannels below).
            return profile with { MediaConcurrencies = concurrencies };
        });

    /// <summary>
    /// "At least Name or Description must be provided" (UpdateRoutingProfileName documentation); [choice] neither →
    /// InvalidParameterException. Renaming a profile to its own name is not a duplicate (names stay unique through
    /// the registry's update).
    /// </summary>
    public void UpdateName(Caller caller, string instanceIdOrArn, string profileIdOrArn, string? name, string? description) =>
        Modify(caller, instanceIdOrArn, profileIdOrArn, (_, _, profile) =>
        {
            if (name is null && description is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.NameOrDescriptionRequired);
            }

            return profile with { Name = name ?? profile.Name, Description = description ?? profile.Description };
        });

    public void UpdateDefaultOutboundQueue(Caller caller, string instanceIdOrArn, string profileIdOrArn, string queueId) =>
        Modify(caller, instanceIdOrArn, profileIdOrArn, (session, scope, profile) =>
        {
            queueId = QueueIdOf(caller, scope.Parent, queueId);
            RequireStandardQueue(session, scope, queueId);
            return profile with { DefaultOutboundQueueId = queueId };
        });


    /// <summary>
    /// Adds queue configs. [choice] A queue+channel pair the profile already has is refused (InvalidParameterException),
    /// not updated: AWS documents UpdateRoutingProfileQueues for changes, and the Terraform provider disassociates
    /// before associating "since Queue and channel type combination cannot be duplicated".
    /// </summary>
    public void AssociateQueues(
        Caller caller, string instanceIdOrArn, string profileIdOrArn, IReadOnlyList<RoutingProfileQueue> configs, IReadOnlyList<ProfileQueueReference>? manual = null) =>
        _profiles.Update(caller, instanceIdOrArn, profileIdOrArn, (context, profile) =>
        {
            // [choice] Both of the operation's lists are optional in the model since manual assignment queues came;
            // a call that associates nothing is refused.
            if (configs.Count == 0 && (manual?.Count ?? 0) == 0)
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueConfigsEmpty);
            }

            // Manual-assignment queues first (ManualAssignmentQueues.cs), then the routed ones as before.
            profile = manual is { Count: > 0 } ? ManualAssignmentQueues.Associate(context, profile, manual) : profile;
            return configs.Count == 0
                ? profile
                : AddQueueConfigs(context.Session, context.Scope, profile, QueueIdsOf(caller, context.Instance.Id, configs));
        });

    private RoutingProfile AddQueueConfigs(IStoreSession session, ResourceScope scope, RoutingProfile profile, IReadOnlyList<RoutingProfileQueue> configs)
    {
        var references = configs.Select(c => new ProfileQueueReference(c.QueueId, c.Channel)).ToList();
        CheckNoRepeats(references);
        foreach (var config in configs)
        {
            RequireStandardQueue(session, scope, config.QueueId);
        }

        foreach (var reference in references)
        {
            if (profile.Queues.Any(q => Same(q, reference)))
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueAlreadyAssociated(reference.QueueId, reference.Channel));
            }
        }

        var queues = profile.Queues.Concat(configs).ToList();
        if (DistinctPairs(queues) > settings.QueuesPerRoutingProfile)
        {
            // AssociateRoutingProfileQueues does not list LimitExceededException.
            throw Errors.InvalidParameter(ErrorTexts.QueueConfigsPerRoutingProfile(settings.QueuesPerRoutingProfile));
        }

        return profile with { Queues = queues };
    }

    /// <summary>
    /// Removes queue configs by queue+channel. [choice] A pair the profile does not have is refused
    /// (InvalidParameterException) so that a typo is not silently ignored.
    /// </summary>
    public void DisassociateQueues(
        Caller caller, string instanceIdOrArn, string profileIdOrArn, IReadOnlyList<ProfileQueueReference> references, IReadOnlyList<ProfileQueueReference>? manual = null) =>
        _profiles.Update(caller, instanceIdOrArn, profileIdOrArn, (context, profile) =>
        {
            // [choice] As for AssociateQueues: a call that disassociates nothing is refused.
            if (references.Count == 0 && (manual?.Count ?? 0) == 0)
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueReferencesEmpty);
            }

            // [choice] The documented limit of 10 references per call counts both lists together.
            if (references.Count + (manual?.Count ?? 0) > MaxQueueReferencesPerCall)
            {
                // "More than 10 queue references ... results in an InvalidParameterException" (operation documentation).
                throw Errors.InvalidParameter(ErrorTexts.TooManyQueueReferences(MaxQueueReferencesPerCall));
            }

            profile = manual is { Count: > 0 } ? ManualAssignmentQueues.Disassociate(context, profile, manual) : profile;
            references = references.Select(r => r with { QueueId = QueueIdOf(caller, context.Instance.Id, r.QueueId) }).ToList();
            CheckNoRepeats(references);
            RequireAssociated(profile, references);
            return profile with { Queues = profile.Queues.Where(q => !references.Any(r => Same(q, r))).ToList() };
        });

    /// <summary>
    /// Changes priority and delay of pairs the profile already has ("Queues must first be associated to the routing
    /// profile", UpdateRoutingProfileQueues documentation). [choice] An unassociated pair → InvalidParameterException.
    /// </summary>
    public void UpdateQueues(Caller caller, string instanceIdOrArn, string profileIdOrArn, IReadOnlyList<RoutingProfileQueue> configs) =>
        Modify(caller, instanceIdOrArn, profileIdOrArn, (session, scope, profile) =>
        {
            configs = QueueIdsOf(caller, scope.Parent, configs);
            var references = configs.Select(c => new ProfileQueueReference(c.QueueId, c.Channel)).ToList();
            CheckNoRepeats(references);
            foreach (var config in configs)
            {
                RequireStandardQueue(session, scope, config.QueueId);
            }

            RequireAssociated(profile, references);
            var queues = profile.Queues
                .Select(q => configs.FirstOrDefault(c => c.QueueId == q.QueueId && c.Channel == q.Channel) ?? q)
                .ToList();
            return profile with { Queues = queues };
        });

    public RoutingProfileQueuePage ListQueues(Caller caller, string instanceIdOrArn, string profileIdOrArn, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = Scope(caller, instance);
            var profile = Require(session, caller, instance, profileIdOrArn);

            // [choice] Ordered by queue id, then channel: a keyset over "queueId/channel", so a page boundary stays put
            // while configs are added or removed. Tokens are bound to this profile.
            var ordered = profile.Queues.OrderBy(Key, StringComparer.Ordinal).ToList();
            var page = Paging.Slice(session, scope, $"routing-profile-queues/{profile.Id}", ordered, Key, nextToken, pageSize);
            var names = new Dictionary<string, string?>(StringComparer.Ordinal);
            var views = page.Items.Select(q =>
            {
                if (!names.TryGetValue(q.QueueId, out var name))
                {
                    name = names[q.QueueId] = session.Get<Queue>(scope, q.QueueId)?.Name;
                }

                return new RoutingProfileQueueView(q, Arns.InInstance(caller.Region, caller.AccountId, instance.Id, "queue", q.QueueId), name);
            }).ToList();
            return new RoutingProfileQueuePage(new Page<RoutingProfileQueueView>(views, page.NextToken), profile.LastModifiedTime, profile.LastModifiedRegion);

            static string Key(RoutingProfileQueue q) => q.QueueId + "/" + q.Channel;
        });

    /// <summary>
    /// [choice] The instance's default profile is refused first (InvalidRequestException: it can never be deleted),
    /// then a profile still assigned to users (ResourceInUseException, ResourceType USER, ResourceId the ARN of one
    /// such user).
    /// </summary>
    internal static void CheckDeletable(ResourceContext context, RoutingProfile profile)
    {
        if (profile.IsDefault)
        {
            throw Errors.InvalidRequest(ErrorTexts.DefaultRoutingProfileNotDeletable);
        }

        if (profile.UserCount > 0)
        {
            var holder = context.Session.All<User>(context.Scope).FirstOrDefault(u => u.RoutingProfileId == profile.Id);
            throw Errors.InUse(ErrorTexts.RoutingProfileAssigned(profile.UserCount), "USER", holder?.Arn ?? profile.Arn);
        }
    }

    /// <summary>
    /// The profile named by id or ARN in this instance, or "Routing profile not found". [choice] The model only says
    /// "identifier"; an ARN of a profile of the same instance, account and region is accepted too.
    /// </summary>
    public static RoutingProfile Require(IStoreSession session, Caller caller, Instance instance, string profileIdOrArn) =>
        ResourceTypes.RoutingProfile.Require(session, caller, instance.Id, profileIdOrArn);

    /// <summary>
    /// Behaviour doc §3: VOICE exactly 1; [choice] (§3) an empty list or a channel listed twice is refused. The model
    /// already holds every concurrency to 1–10 and every channel and behaviour type to its enum.
    /// </summary>
    public static void CheckConcurrencies(IReadOnlyList<ChannelConcurrency> concurrencies)
    {
        if (concurrencies.Count == 0)
        {
            throw Errors.InvalidParameter(ErrorTexts.MediaConcurrenciesEmpty);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in concurrencies)
        {
            if (!seen.Add(c.Channel))
            {
                throw Errors.InvalidParameter(ErrorTexts.ChannelRepeated(c.Channel));
            }

            if (MaxConcurrency.TryGetValue(c.Channel, out var max) && c.Concurrency > max)
            {
                throw Errors.InvalidParameter(ErrorTexts.ConcurrencyOutOfRange(c.Concurrency, c.Channel, max));
            }
        }
    }

    /// <summary>Loads a profile, applies one change, stamps the modification and stores it, in one transaction.</summary>
    private void Modify(Caller caller, string instanceIdOrArn, string profileIdOrArn, Func<IStoreSession, ResourceScope, RoutingProfile, RoutingProfile> change) =>
        _profiles.Update(caller, instanceIdOrArn, profileIdOrArn, (context, profile) => change(context.Session, context.Scope, profile));

    /// <summary>
    /// Queue configs and the default outbound queue name standard queues of the instance; an agent's own queue is
    /// always in the agent's routing and cannot be configured (behaviour doc §2).
    /// [choice] A queue config's channel need not be enabled in the profile: it is stored and takes effect when the
    /// channel is enabled, so UpdateRoutingProfileConcurrency and the queue operations can be called in any order.
    /// </summary>
    private static string QueueIdOf(Caller caller, string instanceId, string queueIdOrArn) =>
        ResourceTypes.Queue.IdFrom(queueIdOrArn, caller, instanceId) ?? queueIdOrArn;

    /// <summary>
    /// The configs with each queue named by its id: the operations take a queue's ARN where they say QueueId
    /// (CloudFormation passes ARNs), and the profile stores and compares ids.
    /// </summary>
    private static IReadOnlyList<RoutingProfileQueue> QueueIdsOf(Caller caller, string instanceId, IReadOnlyList<RoutingProfileQueue> configs) =>
        configs.Select(c => c with { QueueId = QueueIdOf(caller, instanceId, c.QueueId) }).ToList();

    private static void RequireStandardQueue(IStoreSession session, ResourceScope scope, string queueId)
    {
        var queue = session.Get<Queue>(scope, queueId);
        if (queue is null || queue.QueueType != Queue.Standard)
        {
            throw Errors.NotFound($"Queue {queueId}");
        }
    }

    private static void CheckNoRepeats(IEnumerable<ProfileQueueReference> references)
    {
        var seen = new HashSet<ProfileQueueReference>();
        foreach (var reference in references)
        {
            if (!seen.Add(reference))
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueChannelRepeated(reference.QueueId, reference.Channel));
            }
        }
    }

    private static void RequireAssociated(RoutingProfile profile, IEnumerable<ProfileQueueReference> references)
    {
        foreach (var reference in references)
        {
            if (!profile.Queues.Any(q => Same(q, reference)))
            {
                throw Errors.InvalidParameter(ErrorTexts.QueueNotAssociated(reference.QueueId, reference.Channel));
            }
        }
    }

    private static bool Same(RoutingProfileQueue config, ProfileQueueReference reference) =>
        config.QueueId == reference.QueueId && config.Channel == reference.Channel;

    /// <summary>The quota counts queue+channel pairs, the unit each queue operation adds or removes.</summary>
    private static int DistinctPairs(IEnumerable<RoutingProfileQueue> configs) =>
        configs.Select(c => (c.QueueId, c.Channel)).Distinct().Count();

    private static ResourceScope Scope(Caller caller, Instance instance) => new(caller.AccountId, caller.Region, instance.Id);
}
