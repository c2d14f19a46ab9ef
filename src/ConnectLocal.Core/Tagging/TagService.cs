using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Tagging;

/// <summary>
/// TagResource / UntagResource / ListTagsForResource on any taggable resource, found by its ARN. An ARN of another
/// account or region, or of a kind that cannot be tagged, is a resource that does not exist.
/// </summary>
public sealed class TagService(IConnectStore store)
{
    /// <summary>AWS's per-resource tag limit.</summary>
    public const int MaxTags = 50;

    private static readonly Dictionary<string, ITagAccess> TopLevel = new(StringComparer.Ordinal)
    {
        ["instance"] = new TagAccess<Instance>(),
    };

    /// <summary>
    /// Where top-level kinds of other areas are stored when their ARN is not simply "the caller's Region": given the
    /// caller, the parsed ARN and the id, the scope to look in, or null when the caller cannot see it.
    /// </summary>
    private static readonly Dictionary<string, Func<IStoreSession, Caller, Arns.Parsed, string, ResourceScope?>> Locators = new(StringComparer.Ordinal);

    /// <summary>Other areas (traffic distribution groups, phone numbers) register their top-level kinds here.</summary>
    public static void RegisterTopLevel<T>(string arnSegment)
        where T : class, IResource<T>, ITaggable<T> => TopLevel[arnSegment] = new TagAccess<T>();

    /// <summary>
    /// A top-level kind that is visible beyond its ARN's Region (a traffic distribution group from its replica
    /// Region) or stored outside the Region scope: <paramref name="locate"/> decides where it is.
    /// </summary>
    public static void RegisterTopLevel<T>(string arnSegment, Func<IStoreSession, Caller, Arns.Parsed, string, ResourceScope?> locate)
        where T : class, IResource<T>, ITaggable<T>
    {
        TopLevel[arnSegment] = new TagAccess<T>();
        Locators[arnSegment] = locate;
    }

    public IReadOnlyDictionary<string, string> List(Caller caller, string arn) =>
        store.Read(session => Resolve(session, caller, arn).Tags(session));

    public void Tag(Caller caller, string arn, IReadOnlyDictionary<string, string> tags) => store.Write(session =>
    {
        var target = Resolve(session, caller, arn);
        var merged = new Dictionary<string, string>(target.Tags(session), StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            merged[key] = value;
        }

        if (merged.Count > MaxTags)
        {
            throw Errors.InvalidParameter(ErrorTexts.TooManyTags(MaxTags));
        }

        target.Save(session, merged);
        return true;
    });

    public void Untag(Caller caller, string arn, IReadOnlyList<string> keys) => store.Write(session =>
    {
        var target = Resolve(session, caller, arn);
        var remaining = new Dictionary<string, string>(target.Tags(session), StringComparer.Ordinal);
        foreach (var key in keys)
        {
            remaining.Remove(key);
        }

        target.Save(session, remaining);
        return true;
    });

    private static Target Resolve(IStoreSession session, Caller caller, string text)
    {
        var arn = Arns.Parse(text);
        if (arn is not null && arn.Account == caller.AccountId && arn.ResourceParts is [var segment, var resourceId]
            && Locators.TryGetValue(segment, out var locate))
        {
            return locate(session, caller, arn, resourceId) is { } located
                ? new Target(TopLevel[segment], located, resourceId)
                : throw Errors.NotFound("Resource");
        }

        if (arn is null || arn.Account != caller.AccountId || arn.Region != caller.Region)
        {
            throw Errors.NotFound("Resource");
        }

        var parts = arn.ResourceParts;
        var topScope = ResourceScope.TopLevel(caller.AccountId, caller.Region);
        if (parts.Length == 2 && TopLevel.TryGetValue(parts[0], out var top))
        {
            return new Target(top, topScope, parts[1]);
        }

        // …:instance/{iid}/{segment}/{id}, or a form the type declares (a user's agent queue: …/queue/agent/{userId}).
        if (parts.Length >= 4 && parts[0] == "instance" && ResourceTypes.ByArnSegment(parts[2]) is { Taggable: true } type
            && session.Get<Instance>(topScope, parts[1]) is { } instance)
        {
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            if (type.IdFrom(text, caller, instance.Id) is { } id && type.TagsOf(session, scope, id) is not null)
            {
                return new Target(new DeclaredTagAccess(type), scope, id);
            }
        }

        throw Errors.NotFound("Resource");
    }

    private sealed record Target(ITagAccess Access, ResourceScope Scope, string Id)
    {
        public IReadOnlyDictionary<string, string> Tags(IStoreSession session) => Access.Get(session, Scope, Id);

        public void Save(IStoreSession session, IReadOnlyDictionary<string, string> tags) => Access.Set(session, Scope, Id, tags);
    }

    private interface ITagAccess
    {
        IReadOnlyDictionary<string, string> Get(IStoreSession session, ResourceScope scope, string id);

        void Set(IStoreSession session, ResourceScope scope, string id, IReadOnlyDictionary<string, string> tags);
    }

    private sealed class DeclaredTagAccess(ResourceType type) : ITagAccess
    {
        public IReadOnlyDictionary<string, string> Get(IStoreSession session, ResourceScope scope, string id) =>
            type.TagsOf(session, scope, id) ?? throw Errors.NotFound("Resource");

        public void Set(IStoreSession session, ResourceScope scope, string id, IReadOnlyDictionary<string, string> tags) =>
            type.SetTags(session, scope, id, tags);
    }

    private sealed class TagAccess<T> : ITagAccess
        where T : class, IResource<T>, ITaggable<T>
    {
        public IReadOnlyDictionary<string, string> Get(IStoreSession session, ResourceScope scope, string id) =>
            (session.Get<T>(scope, id) ?? throw Errors.NotFound("Resource")).Tags;

        public void Set(IStoreSession session, ResourceScope scope, string id, IReadOnlyDictionary<string, string> tags)
        {
            var resource = session.Get<T>(scope, id) ?? throw Errors.NotFound("Resource");
            session.Put(scope, resource.WithTags(tags));
        }
    }
}
