using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Routing;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// A routing engine on a virtual clock that starts at 09:00, with builders for the domain records it reads, so each
/// test states its setup in a few lines and advances time explicitly.
/// </summary>
internal sealed class EngineFixture
{
    public const string East = "us-east-1";
    public const string West = "us-west-2";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public EngineFixture(bool autoAccept = true)
    {
        Engine = new RoutingEngine(Clock, new RoutingEngineOptions { AutoAccept = autoAccept });
    }

    public VirtualClock Clock { get; } = new(Start);

    public RoutingEngine Engine { get; }

    public static ChannelConcurrency Media(string channel, int concurrency, string? crossChannel = null) => new(channel, concurrency, crossChannel);

    public static RoutingProfileQueue Serves(string queue, string channel, int priority = 1, int delaySeconds = 0) => new(queue, channel, priority, delaySeconds);

    public static RoutingProfile Profile(string id, IReadOnlyList<ChannelConcurrency> media, IReadOnlyList<RoutingProfileQueue> queues, string? timer = null) => new()
    {
        Id = id,
        InstanceId = "instance",
        Arn = $"arn:aws:connect:{East}:000000000000:instance/instance/routing-profile/{id}",
        Name = id,
        Description = id,
        DefaultOutboundQueueId = queues.Count > 0 ? queues[0].QueueId : "none",
        MediaConcurrencies = media,
        Queues = queues,
        AgentAvailabilityTimer = timer,
        LastModifiedTime = Start,
        LastModifiedRegion = East,
    };

    /// <summary>A voice-only profile serving one queue.</summary>
    public RoutingProfile VoiceProfile(string id, string queue, int priority = 1, int delaySeconds = 0, string? timer = null)
    {
        var profile = Profile(id, [Media("VOICE", 1)], [Serves(queue, "VOICE", priority, delaySeconds)], timer);
        Engine.SetRoutingProfile(profile);
        return profile;
    }

    /// <summary>An agent who went Available (or into another status) at the current time unless told otherwise.</summary>
    public AgentSettings Agent(string userId, string profile, string? region = East, bool routable = true, bool online = true, DateTimeOffset? since = null)
    {
        var settings = new AgentSettings(userId, profile, online, routable, region, since ?? Clock.Now, routable ? "available" : "break");
        Engine.SetAgent(settings);
        return settings;
    }

    public RoutedContact Contact(string queue, RoutingChannel channel = RoutingChannel.Voice, string region = East, TimeSpan? patience = null) =>
        Engine.Enqueue(new ContactRequest(region, queue, channel, Patience: patience));

    public void Advance(double seconds)
    {
        Clock.Advance(TimeSpan.FromSeconds(seconds));
        Engine.RunDue();
    }

    public void Finish(RoutedContact contact) => Engine.Complete(contact, TimeSpan.Zero);
}
