using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Registry;

namespace ConnectLocal.Core.GlobalResiliency;

/// <summary>
/// One kind of record that Global Resiliency mirrors between an instance and its replica: copied with the same id
/// and name, its ARN differing only in the Region (docs/global-resiliency.md, "Mirrored configuration").
/// </summary>
public abstract class MirroredKind
{
    public abstract string Kind { get; }

    /// <summary>Copies every record of the kind from one Region's instance to the other's (the initial copy).</summary>
    internal abstract void CopyAll(IStoreSession session, string accountId, string fromRegion, string toRegion, string instanceId);

    /// <summary>Makes the record in <paramref name="toRegion"/> what it is in <paramref name="fromRegion"/>: copied, or deleted when it is gone there.</summary>
    internal abstract void CopyOne(IStoreSession session, string accountId, string fromRegion, string toRegion, string instanceId, string id);
}

/// <summary>The mirroring of records of type <typeparamref name="T"/>.</summary>
public sealed class MirroredKind<T> : MirroredKind
    where T : InstanceResource, IResource<T>
{
    public override string Kind => T.Kind;

    internal override void CopyAll(IStoreSession session, string accountId, string fromRegion, string toRegion, string instanceId)
    {
        var to = new ResourceScope(accountId, toRegion, instanceId);
        foreach (var record in session.All<T>(new ResourceScope(accountId, fromRegion, instanceId)))
        {
            session.Put(to, InRegion(record, fromRegion, toRegion));
        }
    }

    internal override void CopyOne(IStoreSession session, string accountId, string fromRegion, string toRegion, string instanceId, string id)
    {
        var to = new ResourceScope(accountId, toRegion, instanceId);
        if (session.Get<T>(new ResourceScope(accountId, fromRegion, instanceId), id) is { } record)
        {
            session.Put(to, InRegion(record, fromRegion, toRegion));
        }
        else if (session.Get<T>(to, id) is not null)
        {
            session.Delete<T>(to, id);
        }
    }

    /// <summary>
    /// The copy: only the ARN's Region changes. [choice] Everything else is copied as it is — LastModifiedTime and
    /// LastModifiedRegion keep saying where the change was made, and ARNs inside a flow's content are not rewritten
    /// (AWS tells flow authors to use $.AwsRegion instead of a hard-coded Region for this reason).
    /// </summary>
    private static T InRegion(T record, string fromRegion, string toRegion)
    {
        var prefix = ArnPrefix(fromRegion);
        var arn = record.Arn.StartsWith(prefix, StringComparison.Ordinal) ? ArnPrefix(toRegion) + record.Arn[prefix.Length..] : record.Arn;
        return (T)((InstanceResource)record with { Arn = arn });
    }

    private static string ArnPrefix(string region) => $"arn:{Arns.PartitionOf(region)}:connect:{region}:";
}

/// <summary>
/// Mirrored configuration of Global Resiliency. Which types are mirrored is a property of the resource registry
/// (<see cref="ResourceType.Mirrored"/>); <see cref="Companions"/> names the records outside the registry that belong
/// to a mirrored type. ReplicateInstance copies every mirrored record into the replica (<see cref="CreateReplica"/>);
/// afterwards every store or delete of a mirrored record of a replicated instance, in either Region, schedules a
/// <see cref="TransitionKinds.Mirroring"/> transition that applies it to the other Region (<see cref="MirroringStore"/>
/// records the writes). A transition copies the record's state at the time it is applied, so it survives a restart
/// and applying it twice changes nothing.
/// </summary>
public static class Mirroring
{
    /// <summary>
    /// Records that are not registry types but mirrored: the hierarchy structure (levels) that user hierarchy groups are
    /// placed in, and predefined attributes (the Admin Guide's list names them; agent proficiencies are part of the user).
    /// </summary>
    public static readonly IReadOnlyList<MirroredKind> Companions =
        [new MirroredKind<Hierarchy.HierarchyStructure>(), new MirroredKind<Users.PredefinedAttribute>()];

    /// <summary>Every mirrored kind: the registry's mirrored types in declaration order, then the companions.</summary>
    public static IReadOnlyList<MirroredKind> Kinds { get; } =
        [.. ResourceTypes.All.Select(t => t.Mirror).OfType<MirroredKind>(), .. Companions];

    private static readonly Dictionary<string, MirroredKind> ByKind = Kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    public static bool IsMirrored(string kind) => ByKind.ContainsKey(kind);

    /// <summary>
    /// The replica's configuration, inside ReplicateInstance's transaction: in registry order, a mirrored type is
    /// copied from the source and any other type gets the replica's own defaults (which may name mirrored records
    /// copied before them).
    /// </summary>
    internal static void CreateReplica(IStoreSession session, Instance source, Instance replica, DateTimeOffset now)
    {
        var unrecorded = Unrecorded(session);
        foreach (var type in ResourceTypes.All)
        {
            if (type.Mirror is { } kind)
            {
                kind.CopyAll(unrecorded, source.AccountId, source.Region, replica.Region, source.Id);
            }
            else
            {
                type.CreateDefaults(unrecorded, replica, now);
            }
        }

        foreach (var companion in Companions)
        {
            companion.CopyAll(unrecorded, source.AccountId, source.Region, replica.Region, source.Id);
        }
    }

    /// <summary>The Region a change made in <paramref name="region"/> is mirrored to, or null when the instance mirrors nothing now.</summary>
    public static string? OtherRegion(IStoreSession session, string accountId, string region, string instanceId)
    {
        if (session.Get<Instance>(ResourceScope.TopLevel(accountId, region), instanceId)?.Replication is not { } link
            || link.Status is not (InstanceReplication.InProgress or InstanceReplication.Complete))
        {
            return null;
        }

        var other = region == link.SourceRegion ? link.ReplicaRegion : link.SourceRegion;
        return session.Get<Instance>(ResourceScope.TopLevel(accountId, other), instanceId) is null ? null : other;
    }

    /// <summary>Schedules the mirroring of the records stored or deleted in one write (called by <see cref="MirroringSession"/>).</summary>
    internal static void Schedule(IStoreSession session, ConnectSettings settings, IEnumerable<(ResourceScope Scope, string Kind, string Id)> changes, DateTimeOffset now)
    {
        foreach (var (scope, kind, id) in changes)
        {
            if (OtherRegion(session, scope.AccountId, scope.Region, scope.Parent) is not null)
            {
                Transitions.Schedule(session, settings, TransitionKinds.Mirroring, scope.AccountId, scope.Region, Target(scope.Parent, kind, id), now);
            }
        }
    }

    /// <summary>A mirroring transition: the record's state in <paramref name="region"/> is applied to the other Region.</summary>
    internal static void Apply(IStoreSession session, string accountId, string region, string targetId)
    {
        var parts = targetId.Split('/', 3);
        if (parts.Length != 3 || !ByKind.TryGetValue(parts[1], out var kind)
            || OtherRegion(session, accountId, region, parts[0]) is not { } other)
        {
            return;
        }

        kind.CopyOne(Unrecorded(session), accountId, region, other, parts[0], parts[2]);
    }

    /// <summary>How many mirrored changes are waiting to reach each Region of the instance.</summary>
    public static IReadOnlyDictionary<string, int> PendingByTargetRegion(IStoreSession session, Instance instance)
    {
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        if (instance.Replication is not { } link)
        {
            return pending;
        }

        foreach (var t in Transitions.Pending(session))
        {
            if (t.TransitionKind == TransitionKinds.Mirroring && t.AccountId == instance.AccountId
                && t.TargetId.StartsWith(instance.Id + "/", StringComparison.Ordinal))
            {
                var to = t.Region == link.SourceRegion ? link.ReplicaRegion : link.SourceRegion;
                pending[to] = pending.GetValueOrDefault(to) + 1;
            }
        }

        return pending;
    }

    private static string Target(string instanceId, string kind, string id) => $"{instanceId}/{kind}/{id}";

    /// <summary>The session whose writes are not mirrored again (the mirroring's own writes).</summary>
    private static IStoreSession Unrecorded(IStoreSession session) => session is MirroringSession recording ? recording.Inner : session;
}

/// <summary>
/// A transaction that notes every store and delete of a mirrored kind in an instance, so that the write can schedule
/// their mirroring before it commits (<see cref="Flush"/>).
/// </summary>
internal sealed class MirroringSession(IStoreSession inner) : IStoreSession
{
    private readonly List<(ResourceScope Scope, string Kind, string Id)> _changes = [];
    private readonly HashSet<(ResourceScope, string, string)> _seen = [];

    public IStoreSession Inner => inner;

    public void Flush(ConnectSettings settings, DateTimeOffset now)
    {
        if (_changes.Count > 0)
        {
            Mirroring.Schedule(inner, settings, _changes, now);
        }
    }

    private void Note<T>(ResourceScope scope, string id)
        where T : class, IResource<T>
    {
        if (scope.Parent.Length > 0 && Mirroring.IsMirrored(T.Kind) && _seen.Add((scope, T.Kind, id)))
        {
            _changes.Add((scope, T.Kind, id));
        }
    }

    public T? Get<T>(ResourceScope scope, string id)
        where T : class, IResource<T> => inner.Get<T>(scope, id);

    public T? GetByName<T>(ResourceScope scope, string name)
        where T : class, IResource<T> => inner.GetByName<T>(scope, name);

    public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
        where T : class, IResource<T> => inner.Page<T>(scope, afterId, limit);

    public IReadOnlyList<T> All<T>(ResourceScope scope)
        where T : class, IResource<T> => inner.All<T>(scope);

    public int Count<T>(ResourceScope scope)
        where T : class, IResource<T> => inner.Count<T>(scope);

    public void Put<T>(ResourceScope scope, T resource)
        where T : class, IResource<T>
    {
        inner.Put(scope, resource);
        Note<T>(scope, resource.Id);
    }

    public long Version<T>(ResourceScope scope, string id)
        where T : class, IResource<T> => inner.Version<T>(scope, id);

    public bool PutIfVersion<T>(ResourceScope scope, T resource, long expectedVersion)
        where T : class, IResource<T>
    {
        var stored = inner.PutIfVersion(scope, resource, expectedVersion);
        if (stored)
        {
            Note<T>(scope, resource.Id);
        }

        return stored;
    }

    public void Delete<T>(ResourceScope scope, string id)
        where T : class, IResource<T>
    {
        inner.Delete<T>(scope, id);
        Note<T>(scope, id);
    }

    public void DeleteChildren(string accountId, string region, string parent) => inner.DeleteChildren(accountId, region, parent);

    public byte[] Secret(string name) => inner.Secret(name);
}

/// <summary>
/// The store as the server uses it: every write runs through a <see cref="MirroringSession"/>, and schedules the
/// mirroring of what it changed in the same transaction (so pending mirroring is stored, and survives a restart,
/// exactly when the change is). Reads, the archive and the change feed are the inner store's.
/// </summary>
public sealed class MirroringStore(IConnectStore inner, ConnectSettings settings, TimeProvider time) : IConnectStore, IStoreArchive, IStoreChangeFeed, IDisposable
{
    public IConnectStore Inner => inner;

    public T Read<T>(Func<IStoreSession, T> work) => inner.Read(work);

    public T Write<T>(Func<IStoreSession, T> work) => inner.Write(session =>
    {
        // One recording per attempt: a store that runs the work again (a retried transaction) starts afresh.
        var recording = new MirroringSession(session);
        var result = work(recording);
        recording.Flush(settings, time.GetUtcNow());
        return result;
    });

    public StoreSnapshot Export(RecordFilter filter, bool withSecrets) => Archive.Export(filter, withSecrets);

    public int Import(IEnumerable<StoredRecord> records, IReadOnlyDictionary<string, byte[]> secrets, IReadOnlyList<string>? replaceAccounts) =>
        Archive.Import(records, secrets, replaceAccounts);

    public long Latest => (inner as IStoreChangeFeed)?.Latest ?? 0;

    public IReadOnlyList<StoreChange>? Since(long after) => (inner as IStoreChangeFeed)?.Since(after);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private IStoreArchive Archive => inner as IStoreArchive ?? throw new NotSupportedException("the store has no archive");
}
