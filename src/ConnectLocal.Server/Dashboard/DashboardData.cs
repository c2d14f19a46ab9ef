using ConnectLocal.Core.Flows;
using ConnectLocal.Core.GlobalResiliency;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Server.Dashboard;

/// <summary>One instance as the dashboard shows it, in one Region of its records.</summary>
internal sealed record InstanceView(
    Instance Instance,
    IReadOnlyList<RoutingProfile> Profiles,
    IReadOnlyList<Queue> Queues,
    IReadOnlyList<HoursOfOperation> Hours,
    IReadOnlyList<User> Users,
    IReadOnlyList<AgentStatus> Statuses,
    IReadOnlyList<ContactFlow> Flows,
    IReadOnlyList<ClaimedPhoneNumber> Numbers,
    IReadOnlyList<TrafficDistributionGroup> Groups)
{
    public string NameOfQueue(string id) => Queues.FirstOrDefault(q => q.Id == id)?.Name ?? id;

    public string NameOfProfile(string id) => Profiles.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    public string? NameOfHours(string? id) => id is null ? null : Hours.FirstOrDefault(h => h.Id == id)?.Name ?? id;

    public string? NameOfStatus(string? id) => id is null ? null : Statuses.FirstOrDefault(s => s.Id == id)?.Name ?? id;
}

/// <summary>Where a search by id or ARN found a record.</summary>
internal sealed record SearchHit(string AccountId, string Region, string Kind, string Parent, string Id, string? Name);

/// <summary>
/// What the dashboard reads, straight from the store through the domain's records (no request to the API): the
/// instances of every account and Region, and one instance's resources. [choice] The list of accounts comes from
/// the store's archive port (the records of kind instance across accounts), the only read that spans accounts; a
/// page shows what the store holds at the moment it is rendered.
/// </summary>
internal sealed class DashboardData(IConnectStore store, IStoreArchive archive)
{
    /// <summary>Every instance record of every account and Region, ordered by account, Region and alias.</summary>
    public IReadOnlyList<Instance> Instances()
    {
        var keys = archive.Export(new RecordFilter(Kind: Instance.Kind), withSecrets: false).Records;
        return store.Read(session => keys
            .Select(k => session.Get<Core.Resources.Instance>(ResourceScope.TopLevel(k.AccountId, k.Region), k.Id))
            .OfType<Core.Resources.Instance>()
            .OrderBy(i => i.AccountId, StringComparer.Ordinal)
            .ThenBy(i => i.Region, StringComparer.Ordinal)
            .ThenBy(i => i.InstanceAlias ?? i.Id, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>The instance's records in one Region; null when the instance has no record there.</summary>
    public InstanceView? InstanceOf(string accountId, string region, string instanceId) => store.Read(session =>
    {
        if (session.Get<Instance>(ResourceScope.TopLevel(accountId, region), instanceId) is not { } instance)
        {
            return null;
        }

        var scope = new ResourceScope(accountId, region, instanceId);
        var groups = instance.Replication is { } link
            ? TrafficDistributionService.GroupsOf(session, accountId, link.SourceRegion, instanceId)
            : [];
        var targets = groups.Select(g => g.Arn).Append(instance.Arn).ToHashSet(StringComparer.Ordinal);
        if (instance.Replication is { } replication)
        {
            // A replicated instance's numbers may be claimed to its ARN in either Region.
            targets.Add(Core.Common.Arns.Instance(replication.SourceRegion, accountId, instanceId));
            targets.Add(Core.Common.Arns.Instance(replication.ReplicaRegion, accountId, instanceId));
        }

        var numbers = targets.SelectMany(t => PhoneNumberService.ClaimedTo(session, accountId, t))
            .DistinctBy(n => n.Id)
            .OrderBy(n => n.PhoneNumber, StringComparer.Ordinal)
            .ToList();
        return new InstanceView(
            instance,
            ByName(session.All<RoutingProfile>(scope), p => p.Name),
            ByName(session.All<Queue>(scope).Where(q => q.QueueType == Queue.Standard), q => q.Name ?? q.Id),
            ByName(session.All<HoursOfOperation>(scope), h => h.Name),
            ByName(session.All<User>(scope), u => u.Username),
            ByName(session.All<AgentStatus>(scope), s => s.Name),
            ByName(session.All<ContactFlow>(scope), f => f.Name),
            numbers,
            groups.OrderBy(g => g.Name, StringComparer.Ordinal).ToList());
    });

    /// <summary>One traffic distribution group by id, from the Region where it is stored (its instance's source Region).</summary>
    public TrafficDistributionGroup? Group(string accountId, string region, string groupId) =>
        store.Read(session => session.Get<TrafficDistributionGroup>(ResourceScope.TopLevel(accountId, region), groupId));

    /// <summary>
    /// Records whose id is <paramref name="idOrArn"/> (an ARN is read as the id after its last slash, or the number
    /// id of a phone number ARN), in every account and Region.
    /// </summary>
    public IReadOnlyList<SearchHit> Find(string idOrArn)
    {
        var text = idOrArn.Trim();
        var id = text.StartsWith("arn:", StringComparison.Ordinal) ? text[(text.LastIndexOf('/') + 1)..] : text;
        if (id.Length == 0)
        {
            return [];
        }

        return archive.Export(new RecordFilter(Id: id), withSecrets: false).Records
            .Select(r => new SearchHit(r.AccountId, r.Region, r.Kind, r.Parent, r.Id, r.Name))
            .ToList();
    }

    private static List<T> ByName<T>(IEnumerable<T> records, Func<T, string> name) =>
        records.OrderBy(name, StringComparer.OrdinalIgnoreCase).ToList();
}
