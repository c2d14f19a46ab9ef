namespace ConnectLocal.Core.Ports;

/// <summary>
/// Where a resource lives: its account, region and parent (the instance id for instance-scoped resources, empty
/// for top-level ones such as instances themselves).
/// </summary>
public readonly record struct ResourceScope(string AccountId, string Region, string Parent)
{
    public static ResourceScope TopLevel(string accountId, string region) => new(accountId, region, string.Empty);
}

/// <summary>
/// The storage port. Every request runs its work inside one transaction: all of it is stored or none of it
/// (an exception rolls back). Implementations: SQLite (embedded default) and PostgreSQL.
/// </summary>
public interface IConnectStore
{
    T Read<T>(Func<IStoreSession, T> work);

    T Write<T>(Func<IStoreSession, T> work);
}

/// <summary>
/// The operations a transaction offers. Pages and lists are ordered by id (ordinal), so keyset paging is stable.
/// Every stored resource carries a version: 1 when it is first stored, one more on every later store of it. The
/// store counts versions inside the transaction that writes, so under concurrency they have no gaps and no
/// duplicates; [choice] a deleted and re-created resource starts again at 1 (docs/storage.md).
/// </summary>
public interface IStoreSession
{
    T? Get<T>(ResourceScope scope, string id)
        where T : class, IResource<T>;

    /// <summary>Name lookups are exact (case-sensitive), on the resource's <see cref="IResource{T}.Name"/>.</summary>
    T? GetByName<T>(ResourceScope scope, string name)
        where T : class, IResource<T>;

    /// <summary>Up to <paramref name="limit"/> resources with an id greater than <paramref name="afterId"/>.</summary>
    IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
        where T : class, IResource<T>;

    IReadOnlyList<T> All<T>(ResourceScope scope)
        where T : class, IResource<T>;

    int Count<T>(ResourceScope scope)
        where T : class, IResource<T>;

    void Put<T>(ResourceScope scope, T resource)
        where T : class, IResource<T>;

    /// <summary>The stored version of a resource; 0 when there is none.</summary>
    long Version<T>(ResourceScope scope, string id)
        where T : class, IResource<T>;

    /// <summary>
    /// Conditional update: stores <paramref name="resource"/> only when its stored version is
    /// <paramref name="expectedVersion"/> (0: only when absent); returns whether it did. A refusal changes nothing.
    /// </summary>
    bool PutIfVersion<T>(ResourceScope scope, T resource, long expectedVersion)
        where T : class, IResource<T>;

    void Delete<T>(ResourceScope scope, string id)
        where T : class, IResource<T>;

    /// <summary>Removes every resource whose parent is <paramref name="parent"/> (an instance and all it holds).</summary>
    void DeleteChildren(string accountId, string region, string parent);

    /// <summary>A random secret created on first use and kept for the life of the store (e.g. the page-token key).</summary>
    byte[] Secret(string name);
}

/// <summary>One stored resource as the store keeps it: its key, name, version and JSON document.</summary>
public sealed record StoredRecord(string AccountId, string Region, string Kind, string Parent, string Id, string? Name, long Version, string Data);

/// <summary>Which stored records an export or a debug read covers; a null member matches everything.</summary>
public sealed record RecordFilter(string? AccountId = null, string? Region = null, string? Kind = null, string? Parent = null, string? Id = null)
{
    public static readonly RecordFilter Everything = new();
}

/// <summary>A whole store (or one account of it) as data: what export writes and import restores.</summary>
public sealed record StoreSnapshot(IReadOnlyList<StoredRecord> Records, IReadOnlyDictionary<string, byte[]> Secrets);

/// <summary>
/// Export and import of stored state, below the domain (backup, fixtures, debugging). Not used by request handling.
/// </summary>
public interface IStoreArchive
{
    /// <summary>The records the filter matches in id order, read in one consistent transaction; the store's secrets when <paramref name="withSecrets"/>.</summary>
    StoreSnapshot Export(RecordFilter filter, bool withSecrets);

    /// <summary>
    /// In one transaction: removes every record of each account in <paramref name="replaceAccounts"/> (every record
    /// of the store when it is null), then stores the snapshot's records with their versions and its secrets.
    /// </summary>
    void Import(StoreSnapshot snapshot, IReadOnlyList<string>? replaceAccounts) => Import(snapshot.Records, snapshot.Secrets, replaceAccounts);

    /// <summary>
    /// As <see cref="Import(StoreSnapshot, IReadOnlyList{string})"/>, with the records enumerated one by one inside the
    /// transaction (an import read as it streams holds one record at a time); an exception thrown by the enumeration
    /// rolls the whole import back. Answers the number of records stored.
    /// </summary>
    int Import(IEnumerable<StoredRecord> records, IReadOnlyDictionary<string, byte[]> secrets, IReadOnlyList<string>? replaceAccounts);
}

/// <summary>
/// One committed change: a resource stored or deleted (<see cref="Id"/> set), or every resource under a parent
/// removed, or the whole store replaced by an import (<see cref="Id"/> null; for an import <see cref="Kind"/> is "*").
/// </summary>
public readonly record struct StoreChange(long Sequence, string AccountId, string Region, string Kind, string Parent, string? Id);

/// <summary>
/// The changes committed through this store object, in commit order, so that a reader holding a copy of some records
/// (the routing engine's configuration) can bring it up to date by reading only what changed. A store without it
/// (or a reader that finds the feed no longer reaches back far enough) reads everything again.
/// </summary>
public interface IStoreChangeFeed
{
    /// <summary>The sequence of the last committed change (0 before any).</summary>
    long Latest { get; }

    /// <summary>The changes after <paramref name="after"/>, oldest first; null when some of them are no longer kept.</summary>
    IReadOnlyList<StoreChange>? Since(long after);
}
