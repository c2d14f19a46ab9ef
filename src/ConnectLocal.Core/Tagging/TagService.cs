using ConnectLocal.Core.Common;
using ConnectLocal.Core.Instances;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.Tagging;

/// <summary>
/// TagResource / UntagResource / ListTagsForResource on any taggable resource, found by its ARN. An ARN of another
/// account or region, or of a kind that cannot be tagged, is a resource that does not exist.
/// </summary>
public sealed class TagService(IConnectStore store)
{
    /// <summary>AWS's per-resource tag limit.</summary>
    public const int MaxTags = 50;

    private static readonly Dictionary<string, ITagAccess> InstanceChildren = new(StringComparer.Ordinal)
    {
        ["routing-profile"] = new TagAccess<RoutingProfile>(),
        ["queue"] = new TagAccess<Queue>(),
        ["operating-hours"] = new TagAccess<HoursOfOperation>(),
        ["agent"] = new TagAccess<User>(),
        ["security-profile"] = new TagAccess<SecurityProfile>(),
        ["agent-state"] = new TagAccess<AgentStatus>(),
    };

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
            throw Errors.InvalidParameter($"A resource can have at most {MaxTags} tags.");
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

        // …:instance/{iid}/{segment}/{id}; a user's agent queue is …:instance/{iid}/queue/agent/{userId}.
        if (parts.Length >= 4 && parts[0] == "instance" && InstanceChildren.TryGetValue(parts[2], out var child))
        {
            var id = parts.Length == 5 && parts[2] == "queue" && parts[3] == "agent" ? parts[4] : parts.Length == 4 ? parts[3] : null;
            var instance = session.Get<Instance>(topScope, parts[1]);
            if (id is not null && instance is not null)
            {
                return new Target(child, new ResourceScope(caller.AccountId, caller.Region, instance.Id), id);
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
