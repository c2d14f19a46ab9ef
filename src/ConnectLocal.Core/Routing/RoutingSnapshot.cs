using ConnectLocal.Core.GlobalResiliency;

namespace ConnectLocal.Core.Routing;

/// <summary>
/// The routing configuration of one instance as the domain records hold it — routing profiles, users with their
/// routing profile and agent status, and the Global Resiliency distribution of agents — read in one transaction and
/// applied to a <see cref="RoutingEngine"/>, which keeps its own state and changes only what differs.
///
/// [choice] A replicated instance is one routing world with two Regions, as on AWS where the replica's resources
/// carry the same ids: the profiles, queues and users of both Regions' records are one set, and only contacts and
/// agents have a Region. A user associated with a traffic distribution group works in the Region the group's agent
/// distribution gives it (<see cref="TrafficSplit.PlaceAgents"/>); any other user works in the Region where it was
/// created (agents are ranked for the distribution by username). The default group's sign-in distribution applies to every agent: an agent whose Region has sign-in
/// disabled moves to the other Region if it is in a group and sign-in is enabled there, and is signed in nowhere
/// otherwise.
/// </summary>
public sealed record RoutingSnapshot(IReadOnlyList<string> Regions, IReadOnlyList<RoutingProfile> Profiles, IReadOnlyList<AgentSettings> Agents)
{
    /// <summary>
    /// Where each user of a replicated instance was placed and from what (its username and the Region of its record):
    /// a later change to the user that keeps both can be applied alone (<see cref="ApplyReplicatedChanges"/>).
    /// </summary>
    public IReadOnlyDictionary<string, AgentPlace> Places { get; init; } = new Dictionary<string, AgentPlace>(StringComparer.Ordinal);

    /// <summary>The instance as stored in any of its Regions (the records of both Regions are read).</summary>
    public static RoutingSnapshot Read(IStoreSession session, Instance instance)
    {
        var regions = instance.Replication is { } link ? [link.SourceRegion, link.ReplicaRegion] : new[] { instance.Region };
        var profiles = new List<RoutingProfile>();
        var users = new List<(User User, string Home, AgentStatus? Status)>();
        foreach (var region in regions)
        {
            var scope = new ResourceScope(instance.AccountId, region, instance.Id);
            if (session.Get<Instance>(ResourceScope.TopLevel(instance.AccountId, region), instance.Id) is null)
            {
                continue;
            }

            profiles.AddRange(session.All<RoutingProfile>(scope));
            var statuses = session.All<AgentStatus>(scope).ToDictionary(s => s.Id, StringComparer.Ordinal);
            users.AddRange(session.All<User>(scope).Select(u => (u, region, u.AgentStatusId is { } id ? statuses.GetValueOrDefault(id) : null)));
        }

        // Mirrored configuration (docs/global-resiliency.md): a profile or user stored in both Regions is one. [choice]
        // Its home is the first Region that holds it (the source, once mirrored); the record read is the one changed
        // last, so a change not yet mirrored already routes.
        profiles = profiles.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.MaxBy(p => p.LastModifiedTime)!).ToList();
        users = users.GroupBy(u => u.User.Id, StringComparer.Ordinal)
            .Select(g => { var latest = g.MaxBy(u => u.User.LastModifiedTime); return (latest.User, g.First().Home, latest.Status); })
            .ToList();

        var groups = instance.Replication is { } replication
            ? TrafficDistributionService.GroupsOf(session, instance.AccountId, replication.SourceRegion, instance.Id)
                .Where(g => g.Status is TrafficDistributionGroup.Active or TrafficDistributionGroup.UpdateInProgress)
                .ToList()
            : [];
        var signIn = groups.FirstOrDefault(g => g.IsDefault)?.SignIn ?? [];
        // Users in username order, and agents ranked by username: the engine's tie-breaks and the agent
        // distribution then depend on names a scenario gives, not on ids that are new on every run.
        users.Sort((a, b) => string.CompareOrdinal(a.User.Username, b.User.Username));
        var usernames = users.ToDictionary(u => u.User.Id, u => u.User.Username, StringComparer.Ordinal);
        var idOf = users.ToDictionary(u => u.User.Username, u => u.User.Id, StringComparer.Ordinal);
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups.OrderBy(g => g.Name, StringComparer.Ordinal).ThenBy(g => g.Id, StringComparer.Ordinal))
        {
            var members = group.UserIds.Where(usernames.ContainsKey).Select(id => usernames[id]);
            foreach (var (username, region) in TrafficSplit.PlaceAgents(members, group.Agents))
            {
                placed.TryAdd(idOf[username], region);
            }
        }

        var places = new Dictionary<string, AgentPlace>(StringComparer.Ordinal);
        var agents = users.Select(u =>
        {
            var grouped = placed.TryGetValue(u.User.Id, out var region);
            region ??= u.Home;
            if (!SignInEnabled(signIn, region))
            {
                region = grouped ? regions.FirstOrDefault(r => r != region && SignInEnabled(signIn, r)) : null;
            }

            places[u.User.Id] = new AgentPlace(u.User.Username, u.Home, region);
            return SettingsOf(u.User, u.Status, region);
        }).ToList();
        return new RoutingSnapshot(regions, profiles, agents) { Places = places };
    }

    /// <summary>
    /// Applies changed users and routing profiles of a replicated instance, reading only those records, when the
    /// changes cannot move any agent between Regions: every changed user still exists in the Region of its record,
    /// under the username it was placed by, and every changed profile still exists (placement depends on the set
    /// of usernames, the groups and the sign-in distribution, none of which changed). Answers false, having changed
    /// nothing, when a full <see cref="Read"/> is needed.
    /// </summary>
    public static bool ApplyReplicatedChanges(
        IStoreSession session, Instance instance, IReadOnlyCollection<(string Region, string Id)> profileIds,
        IReadOnlyCollection<(string Region, string Id)> userIds, IReadOnlyDictionary<string, AgentPlace> places, RoutingEngine engine)
    {
        var profiles = new List<RoutingProfile>();
        foreach (var (region, id) in profileIds)
        {
            if (session.Get<RoutingProfile>(new ResourceScope(instance.AccountId, region, instance.Id), id) is not { } profile)
            {
                return false;
            }

            profiles.Add(profile);
        }

        var agents = new List<AgentSettings>();
        foreach (var (region, id) in userIds)
        {
            var scope = new ResourceScope(instance.AccountId, region, instance.Id);
            if (session.Get<User>(scope, id) is not { } user || !places.TryGetValue(id, out var place)
                || place.Username != user.Username || place.Home != region)
            {
                return false;
            }

            var status = user.AgentStatusId is { } statusId ? session.Get<AgentStatus>(scope, statusId) : null;
            agents.Add(SettingsOf(user, status, place.Region));
        }

        profiles.ForEach(engine.SetRoutingProfile);
        agents.ForEach(engine.SetAgent);
        return true;
    }

    /// <summary>
    /// Whether reading <paramref name="instance"/>'s configuration again can be done user by user and profile by
    /// profile: only without Global Resiliency, where an agent's Region depends on its group and on other agents.
    /// </summary>
    public static bool ChangesApplyOneByOne(Instance instance) => instance.Replication is null;

    /// <summary>
    /// Applies the changed users and routing profiles of an instance without Global Resiliency
    /// (<see cref="ChangesApplyOneByOne"/>), reading only those records: what a full <see cref="Read"/> and
    /// <see cref="ApplyTo"/> would have changed, at the cost of the changes.
    /// </summary>
    public static void ApplyChanges(IStoreSession session, Instance instance, IReadOnlyCollection<string> profileIds, IReadOnlyCollection<string> userIds, RoutingEngine engine)
    {
        var scope = new ResourceScope(instance.AccountId, instance.Region, instance.Id);
        foreach (var id in profileIds)
        {
            if (session.Get<RoutingProfile>(scope, id) is { } profile)
            {
                engine.SetRoutingProfile(profile);
            }
        }

        foreach (var id in userIds)
        {
            if (session.Get<User>(scope, id) is not { } user)
            {
                engine.RemoveAgent(id);
                continue;
            }

            var status = user.AgentStatusId is { } statusId ? session.Get<AgentStatus>(scope, statusId) : null;
            engine.SetAgent(SettingsOf(user, status, instance.Region));
        }

        foreach (var id in profileIds)
        {
            if (session.Get<RoutingProfile>(scope, id) is null)
            {
                engine.RemoveRoutingProfile(id);
            }
        }
    }

    private static AgentSettings SettingsOf(User user, AgentStatus? status, string? region)
    {
        var limit = user.PhoneConfig.AfterContactWorkTimeLimit;
        return new AgentSettings(
            user.Id,
            user.RoutingProfileId,
            Online: status is not null && status.Type != AgentStatus.Offline,
            // An agent with a next status pending takes no new contact (PutUserStatus: the status it asked for comes next).
            Routable: status?.Type == AgentStatus.Routable && user.NextAgentStatusId is null,
            Region: region,
            StatusSince: user.AgentStatusSince,
            StatusId: status?.Id,
            AutoAcceptVoice: user.PhoneConfig.AutoAccept,
            // PhoneConfig: "0 … essentially means an indefinite amount of time": ACW lasts until the agent closes it.
            AfterContactWorkLimit: limit > 0 ? TimeSpan.FromSeconds(limit) : null,
            Proficiencies: user.Proficiencies.Count == 0 ? null : new AgentProficiencies(user.Proficiencies.Select(p => (p.AttributeName, p.AttributeValue, p.Level))));
    }

    /// <summary>Makes the engine's configuration this one: sets what is here, removes what is gone.</summary>
    public void ApplyTo(RoutingEngine engine)
    {
        foreach (var profile in Profiles)
        {
            engine.SetRoutingProfile(profile);
        }

        var ids = Agents.Select(a => a.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in engine.Agents.Where(a => !ids.Contains(a.UserId)).Select(a => a.UserId).ToList())
        {
            engine.RemoveAgent(gone);
        }

        foreach (var agent in Agents)
        {
            engine.SetAgent(agent);
        }

        var profileIds = Profiles.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in engine.RoutingProfileIds.Where(id => !profileIds.Contains(id)).ToList())
        {
            engine.RemoveRoutingProfile(gone);
        }
    }

    /// <summary>Sign-in is enabled where the default group says so; without a group (or an entry), everywhere.</summary>
    private static bool SignInEnabled(IReadOnlyList<RegionSignIn> signIn, string region) =>
        signIn.FirstOrDefault(s => s.Region == region)?.Enabled ?? true;
}

/// <summary>Where a user of a replicated instance works (null: signed in nowhere) and the facts that placed it there.</summary>
public sealed record AgentPlace(string Username, string Home, string? Region);
