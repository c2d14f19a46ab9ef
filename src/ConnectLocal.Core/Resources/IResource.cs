namespace ConnectLocal.Core.Resources;

/// <summary>A stored resource: a kind name the store files it under, an id, and an optional unique name.</summary>
public interface IResource<TSelf>
    where TSelf : class, IResource<TSelf>
{
    static abstract string Kind { get; }

    string Id { get; }

    /// <summary>The name that must be unique among resources of this kind in one scope; null when none applies.</summary>
    string? Name { get; }
}

/// <summary>A resource that carries tags (TagResource / UntagResource / ListTagsForResource).</summary>
public interface ITaggable<TSelf>
    where TSelf : class, IResource<TSelf>
{
    IReadOnlyDictionary<string, string> Tags { get; }

    TSelf WithTags(IReadOnlyDictionary<string, string> tags);
}
