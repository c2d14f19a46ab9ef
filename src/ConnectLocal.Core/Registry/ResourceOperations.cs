using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Registry;

/// <summary>One page of search results and how many matched in all (ApproximateTotalCount).</summary>
public sealed record SearchResult<T>(Page<T> Page, int TotalCount);

/// <summary>
/// The routine operations every declared instance-scoped type gets from its <see cref="ResourceType{T}"/>: create,
/// describe, list, search, update, delete, each in one transaction, with the instance resolved by id or ARN, the
/// resource by its declared identifiers, names kept unique, the quota kept, LastModifiedTime/Region stamped and the
/// type's hooks run where its real rules apply.
/// [choice] Every accepted create or update stamps LastModifiedTime/Region, even one whose values equal the stored ones.
/// </summary>
public sealed class ResourceOperations<T>(IConnectStore store, ConnectSettings settings, ResourceType<T> type)
    where T : InstanceResource, IResource<T>
{
    public ResourceType<T> Type => type;

    /// <summary>
    /// Stores what <paramref name="build"/> makes, with a new identity (id, ARN, instance) and the caller's stamp. The
    /// build may check the request against the store first (its errors come before the name and quota checks); the
    /// type's <see cref="ResourceType{T}.Check"/> runs last.
    /// </summary>
    public T Create(Caller caller, string instanceIdOrArn, Func<ResourceContext, T> build) => store.Write(session =>
    {
        var context = Context(session, caller, instanceIdOrArn);
        var id = DefaultResources.NewId();
        var resource = (T)((InstanceResource)build(context) with
        {
            Id = id,
            InstanceId = context.Instance.Id,
            Arn = type.ArnOf(caller, context.Instance.Id, id),
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        });
        RequireUniqueName(context, resource, except: null);
        if (type.Quota?.Invoke(settings) is { } quota && session.Count<T>(context.Scope) >= quota)
        {
            throw new DomainException(type.QuotaError, ErrorTexts.QuotaReached(type.Plural, quota));
        }

        type.Check?.Invoke(context, resource);
        session.Put(context.Scope, resource);
        return resource;
    });

    public T Describe(Caller caller, string instanceIdOrArn, string idOrArn) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        return type.Require(session, caller, instance.Id, idOrArn);
    });

    /// <summary>
    /// One page in id order. <paramref name="filter"/> (with <paramref name="filterKey"/>, the filter's values, which
    /// the page token is bound to) keeps only some; without it the store pages by its index.
    /// </summary>
    public Page<T> List(Caller caller, string instanceIdOrArn, string listing, string? nextToken, int pageSize, Func<T, bool>? filter = null) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        if (filter is null && type.OrderKey is null)
        {
            return Paging.Read<T>(session, scope, listing, nextToken, pageSize);
        }

        var order = type.OrderKey ?? (r => r.Id);
        var kept = session.All<T>(scope).Where(filter ?? (_ => true)).OrderBy(order, StringComparer.Ordinal).ToList();
        return Paging.Slice(session, scope, listing, kept, order, nextToken, pageSize);
    });

    /// <summary>SearchX: the declared search fields under the criteria, the tag filter, then a page; the token is bound to both.</summary>
    public SearchResult<T> Search(Caller caller, string instanceIdOrArn, string listing, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        var search = new ResourceSearch<T>(type.SearchFields, type.Conditions, boundedContains: type.BoundedContains);
        search.Validate(criteria, filter);
        var order = type.OrderKey ?? (r => r.Id);
        var matches = session.All<T>(scope).Where(r => search.Matches(r, r.Tags, criteria, filter)).OrderBy(order, StringComparer.Ordinal).ToList();
        var key = Paging.Listing(listing, [SearchKey.Of(criteria), SearchKey.Of(filter)]);
        return new SearchResult<T>(Paging.Slice(session, scope, key, matches, order, nextToken, pageSize), matches.Count);
    });

    /// <summary>One read-modify-write: <paramref name="change"/> gives the new resource; the name stays unique and the hooks hold.</summary>
    public T Update(Caller caller, string instanceIdOrArn, string idOrArn, Func<ResourceContext, T, T> change) => store.Write(session =>
    {
        var context = Context(session, caller, instanceIdOrArn);
        var current = type.Require(session, caller, context.Instance.Id, idOrArn);
        type.BeforeUpdate?.Invoke(context, current);
        var updated = (T)((InstanceResource)change(context, current) with { LastModifiedTime = caller.Now, LastModifiedRegion = caller.Region });
        if (updated.Name != current.Name)
        {
            RequireUniqueName(context, updated, except: current.Id);
        }

        type.Check?.Invoke(context, updated);
        session.Put(context.Scope, updated);
        return updated;
    });

    public void Delete(Caller caller, string instanceIdOrArn, string idOrArn) => store.Write(session =>
    {
        var context = Context(session, caller, instanceIdOrArn);
        var resource = type.Require(session, caller, context.Instance.Id, idOrArn);
        type.BeforeDelete?.Invoke(context, resource);
        session.Delete<T>(context.Scope, resource.Id);
        return true;
    });

    private ResourceContext Context(IStoreSession session, Caller caller, string instanceIdOrArn) =>
        new(session, caller, InstanceService.Require(session, caller, instanceIdOrArn), settings);

    private void RequireUniqueName(ResourceContext context, T resource, string? except)
    {
        if (type.UniqueNames && resource.Name is { } name
            && context.Session.GetByName<T>(context.Scope, name) is { } named && named.Id != except)
        {
            throw Errors.Duplicate(type.Noun, name);
        }
    }
}

/// <summary>A deterministic rendering of search criteria and tag filters, so a page token can be bound to them.</summary>
internal static class SearchKey
{
    public static string Of(Criteria? c) => c is null
        ? "-"
        : $"(or[{string.Join(',', (c.OrConditions ?? []).Select(Of))}]and[{string.Join(',', (c.AndConditions ?? []).Select(Of))}]{Of(c.StringCondition)}"
            + $"{string.Concat((c.Conditions ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + Quote(p.Value)))}"
            + $"{(c.DateCondition is { } d ? "date" + Quote(d.FieldName) + Quote(d.ComparisonType) + Quote(d.Value) : string.Empty)})";

    public static string Of(TagFilter? f) => f is null
        ? "-"
        : $"(or[{string.Join(',', (f.OrConditions ?? []).Select(all => "[" + string.Join(',', all.Select(Of)) + "]"))}]and[{string.Join(',', (f.AndConditions ?? []).Select(Of))}]{Of(f.TagCondition)})";

    private static string Of(StringMatch? s) => s is null ? "-" : $"{Quote(s.FieldName)}{Quote(s.ComparisonType)}{Quote(s.Value)}";

    private static string Of(TagMatch? t) => t is null ? "-" : Quote(t.TagKey) + Quote(t.TagValue);

    private static string Quote(string? text) => text is null ? "~" : $"{text.Length}:{text}";
}
