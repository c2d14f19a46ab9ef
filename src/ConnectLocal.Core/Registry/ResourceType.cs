using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Registry;

/// <summary>
/// A resource type as far as its routine behaviour goes: how it is named in errors, where its ARN puts it, which
/// identifiers find it, whether its names are unique, its quota and its search fields. What is not routine is
/// declared as hooks (<see cref="ResourceType{T}.Check"/>, <see cref="ResourceType{T}.BeforeDelete"/>).
/// Every type is listed once in <see cref="ResourceTypes"/>; tagging and the generic operations read it from there.
/// </summary>
public abstract class ResourceType
{
    /// <summary>The kind the store files it under (<see cref="IResource{TSelf}.Kind"/>).</summary>
    public abstract string Kind { get; }

    /// <summary>The segment of its ARN: …:instance/{instanceId}/{segment}/{id}, or …:{segment}/{id} for top-level types.</summary>
    public required string ArnSegment { get; init; }

    /// <summary>How errors name it: "Quick connect not found", "Quick connect with name 'x' already exists".</summary>
    public required string Noun { get; init; }

    /// <summary>How quota errors count them: "The instance already has 100 quick connects." (default: the noun, plural).</summary>
    public string Plural
    {
        get => _plural ?? Noun.ToLowerInvariant() + "s";
        init => _plural = value;
    }

    private readonly string? _plural;

    /// <summary>Whether names are unique in one instance (compared exactly, as the store's name index does).</summary>
    public bool UniqueNames { get; init; } = true;

    public abstract bool Taggable { get; }

    /// <summary>
    /// Whether Global Resiliency mirrors the type between an instance and its replica: copied on ReplicateInstance,
    /// and every later create, update and delete in either Region applied to the other (docs/global-resiliency.md).
    /// </summary>
    public bool Mirrored { get; init; }

    /// <summary>How the type is mirrored, or null when it is not (<see cref="Mirrored"/>).</summary>
    internal abstract GlobalResiliency.MirroredKind? Mirror { get; }

    /// <summary>
    /// Identifiers other than the id and the plain ARN that name a resource, e.g. an agent queue's …/queue/agent/{userId}:
    /// given the ARN's resource parts after "instance/{iid}/{segment}", the id, or null.
    /// </summary>
    public Func<string[], string?>? ExtraArnForm { get; init; }

    /// <summary>The id an identifier names, or null when it is an ARN that cannot name one of these in the instance.</summary>
    public string? IdFrom(string idOrArn, Caller caller, string instanceId)
    {
        if (!idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return idOrArn;
        }

        var arn = Arns.Parse(idOrArn);
        if (arn is null || arn.Account != caller.AccountId || arn.Region != caller.Region)
        {
            return null;
        }

        var p = arn.ResourceParts;
        if (p.Length < 4 || p[0] != "instance" || p[1] != instanceId || p[2] != ArnSegment)
        {
            return null;
        }

        return p.Length == 4 ? p[3] : ExtraArnForm?.Invoke(p[3..]);
    }

    public string ArnOf(Caller caller, string instanceId, string id) => Arns.InInstance(caller.Region, caller.AccountId, instanceId, ArnSegment, id);


    /// <summary>Stores the type's defaults in a new instance (or replica), stamped like any created resource.</summary>
    internal abstract void CreateDefaults(IStoreSession session, Instance instance, DateTimeOffset now);

    internal abstract IReadOnlyDictionary<string, string>? TagsOf(IStoreSession session, ResourceScope scope, string id);

    internal abstract void SetTags(IStoreSession session, ResourceScope scope, string id, IReadOnlyDictionary<string, string> tags);
}

/// <summary>The declaration of one instance-scoped resource type. See docs/development.md, "Adding a resource family".</summary>
public sealed class ResourceType<T> : ResourceType
    where T : InstanceResource, IResource<T>
{
    public override string Kind => T.Kind;

    public override bool Taggable => typeof(ITaggable<T>).IsAssignableFrom(typeof(T));

    internal override GlobalResiliency.MirroredKind? Mirror => Mirrored ? _mirror ??= new GlobalResiliency.MirroredKind<T>() : null;

    private GlobalResiliency.MirroredKind<T>? _mirror;

    /// <summary>How many an instance may hold (null: no quota), and the error past it.</summary>
    public Func<ConnectSettings, int>? Quota { get; init; }

    public DomainErrorKind QuotaError { get; init; } = DomainErrorKind.ServiceQuotaExceeded;

    /// <summary>The fields SearchX's StringCondition may name, and how each reads a resource.</summary>
    public IReadOnlyList<SearchField<T>> SearchFields { get; init; } = [];

    /// <summary>The type's search criteria document the 2–25 character range of CONTAINS values on name and description (ResourceSearch).</summary>
    public bool BoundedContains { get; init; }

    /// <summary>
    /// The single-valued conditions SearchX's criteria may carry besides StringCondition, by member name
    /// (SearchContactFlows' TypeCondition, StateCondition, StatusCondition); each compares its value exactly.
    /// </summary>
    public IReadOnlyList<SearchField<T>> Conditions { get; init; } = [];

    /// <summary>
    /// The order of its lists and searches, as a key that sorts ordinally (null: by id). Notifications list newest first.
    /// </summary>
    public Func<T, string>? OrderKey { get; init; }

    /// <summary>The resources every new instance starts with (Basic Hours, BasicQueue, …); null: none.</summary>
    public Func<DefaultsContext, IEnumerable<T>>? Defaults { get; init; }

    /// <summary>The real rules of a create or an update, run on the resource about to be stored (in its transaction).</summary>
    public Action<ResourceContext, T>? Check { get; init; }

    /// <summary>What must hold before any update of a stored resource (e.g. agent queues take none), in its transaction.</summary>
    public Action<ResourceContext, T>? BeforeUpdate { get; init; }

    /// <summary>What must hold before a delete (in-use checks), in the delete's transaction.</summary>
    public Action<ResourceContext, T>? BeforeDelete { get; init; }

    /// <summary>
    /// The resource named by <paramref name="idOrArn"/> in the instance: its id, its ARN, or a declared extra ARN form;
    /// an ARN of another account, Region or instance names nothing. Throws "{Noun} not found".
    /// </summary>
    public T Require(IStoreSession session, Caller caller, string instanceId, string idOrArn) =>
        Find(session, caller, instanceId, idOrArn) ?? throw Errors.NotFound(Noun);

    public T? Find(IStoreSession session, Caller caller, string instanceId, string idOrArn)
    {
        var id = IdFrom(idOrArn, caller, instanceId);
        return id is null ? null : session.Get<T>(new ResourceScope(caller.AccountId, caller.Region, instanceId), id);
    }

    internal override void CreateDefaults(IStoreSession session, Instance instance, DateTimeOffset now)
    {
        var context = new DefaultsContext(session, instance);
        foreach (var resource in Defaults?.Invoke(context) ?? [])
        {
            var id = DefaultResources.NewId();
            session.Put(context.Scope, (T)((InstanceResource)resource with
            {
                Id = id,
                InstanceId = instance.Id,
                Arn = Arns.InInstance(instance.Region, instance.AccountId, instance.Id, ArnSegment, id),
                LastModifiedTime = now,
                LastModifiedRegion = instance.Region,
            }));
        }
    }

    internal override IReadOnlyDictionary<string, string>? TagsOf(IStoreSession session, ResourceScope scope, string id) =>
        session.Get<T>(scope, id)?.Tags;

    internal override void SetTags(IStoreSession session, ResourceScope scope, string id, IReadOnlyDictionary<string, string> tags)
    {
        var resource = session.Get<T>(scope, id) ?? throw Errors.NotFound("Resource");
        // The clone is virtual: `with` on the base record copies the resource as its own type.
        session.Put(scope, (T)((InstanceResource)resource with { Tags = tags }));
    }
}

/// <summary>What an instance's defaults are made in: its transaction, so later defaults can name earlier ones.</summary>
public sealed record DefaultsContext(IStoreSession Session, Instance Instance)
{
    public ResourceScope Scope => new(Instance.AccountId, Instance.Region, Instance.Id);

    public string IdOf<TOther>(string name)
        where TOther : class, IResource<TOther> =>
        Session.GetByName<TOther>(Scope, name)?.Id ?? throw new InvalidOperationException($"default {TOther.Kind} '{name}' is not there yet");
}

/// <summary>Where a hook runs: the transaction, the caller and the instance the resource belongs to.</summary>
public sealed record ResourceContext(IStoreSession Session, Caller Caller, Instance Instance, ConnectSettings Settings)
{
    public ResourceScope Scope => new(Caller.AccountId, Caller.Region, Instance.Id);
}

/// <summary>
/// A field a search's StringCondition may name. <see cref="IsId"/>: compared exactly in every comparison (ids);
/// otherwise text rules apply (EXACT case-sensitive, CONTAINS and STARTS_WITH ignoring case).
/// </summary>
public sealed record SearchField<T>(string Name, Func<T, IEnumerable<string?>> Values, bool IsId = false)
{
    public static SearchField<T> Text(string name, Func<T, string?> value) => new(name, r => [value(r)]);

    public static SearchField<T> Id(string name, Func<T, string?> value) => new(name, r => [value(r)], IsId: true);
}
