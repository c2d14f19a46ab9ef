using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using ConnectLocal.Core.Resources;
using ConnectLocal.Storage;

namespace ConnectLocal.Tests.Storage;

/// <summary>A resource kind that exists only in the tests, with the shapes real resources store (lists, maps, times).</summary>
public sealed record Probe : IResource<Probe>
{
    public static string Kind => "probe";

    public required string Id { get; init; }

    public string? Label { get; init; }

    public int Counter { get; init; }

    public IReadOnlyList<string> Items { get; init => field = value ?? field; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init => field = value ?? field; } = new Dictionary<string, string>();

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

/// <summary>
/// The probes' JSON, generated like the domain's (<see cref="StorageJsonContext"/>): the backends read and write only
/// generated JSON, so a kind that exists only in the tests brings its own, added to the backends' resolvers before
/// the first test runs.
/// </summary>
[JsonSerializable(typeof(Probe))]
[JsonSerializable(typeof(OtherProbe))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext
{
    [ModuleInitializer]
    internal static void AddToTheBackends() => ResourceSerializer.Options.TypeInfoResolverChain.Add(Default);
}
