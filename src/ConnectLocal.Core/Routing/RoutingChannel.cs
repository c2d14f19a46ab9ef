namespace ConnectLocal.Core.Routing;

/// <summary>The channels a routing profile can enable (behaviour doc §3). The numeric values index per-channel arrays.</summary>
public enum RoutingChannel
{
    Voice = 0,
    Chat = 1,
    Task = 2,
    Email = 3,
}

public static class RoutingChannels
{
    public const int Count = 4;

    private static readonly string[] Names = ["VOICE", "CHAT", "TASK", "EMAIL"];

    public static IReadOnlyList<RoutingChannel> All { get; } = [RoutingChannel.Voice, RoutingChannel.Chat, RoutingChannel.Task, RoutingChannel.Email];

    /// <summary>The channel's name on the wire (VOICE, CHAT, TASK, EMAIL).</summary>
    public static string Name(RoutingChannel channel) => Names[(int)channel];

    public static bool TryParse(string? name, out RoutingChannel channel)
    {
        var index = Array.IndexOf(Names, name);
        channel = (RoutingChannel)Math.Max(index, 0);
        return index >= 0;
    }

    public static RoutingChannel Parse(string name) =>
        TryParse(name, out var channel) ? channel : throw new ArgumentException($"Unknown channel '{name}'.", nameof(name));
}
