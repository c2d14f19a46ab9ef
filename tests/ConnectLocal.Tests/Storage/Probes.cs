using ConnectLocal.Core.Resources;

namespace ConnectLocal.Tests.Storage;

/// <summary>A resource kind that exists only in the tests, with the shapes real resources store (lists, maps, times).</summary>
public sealed record Probe : IResource<Probe>
{
    public static string Kind => "probe";

    public required string Id { get; init; }

    public string? Label { get; init; }

    public int Counter { get; init; }

    public IReadOnlyList<string> Items { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? When { get; init; }

    public string? Name => Label;
}

/// <summary>A second kind, to show kinds do not see each other.</summary>
public sealed record OtherProbe : IResource<OtherProbe>
{
    public static string Kind => "other-probe";

    public required string Id { get; init; }

    public string? Label { get; init; }

    public string? Name => Label;
}
