using ConnectLocal.Core.Resources;

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

/// <summary>The operations a transaction offers. Pages and lists are ordered by id, so keyset paging is stable.</summary>
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

    void Delete<T>(ResourceScope scope, string id)
        where T : class, IResource<T>;

    /// <summary>Removes every resource whose parent is <paramref name="parent"/> (an instance and all it holds).</summary>
    void DeleteChildren(string accountId, string region, string parent);

    /// <summary>A random secret created on first use and kept for the life of the store (e.g. the page-token key).</summary>
    byte[] Secret(string name);
}
