using ConnectLocal.Core.Routing;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// Ended contacts leave the engine's memory after their retention (docs/routing.md): 40 tasks carrying megabytes
/// each once kept ~900 MiB of heap after they were all stopped.
/// </summary>
public sealed class ContactRetentionTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    [Fact]
    public void Ended_contacts_are_forgotten_after_the_retention_and_their_memory_is_freed()
    {
        var clock = new VirtualClock(EngineFixture.Start);
        var engine = new RoutingEngine(clock, new RoutingEngineOptions { EndedRetention = Retention });
        var contacts = Enumerable.Range(0, 40)
            .Select(i => engine.Enqueue(new ContactRequest(EngineFixture.East, "q", RoutingChannel.Task, ContactInitiation.Api, $"c-{i}", Tag: new byte[1024 * 1024])))
            .ToList();
        foreach (var contact in contacts)
        {
            engine.Stop(contact);
        }

        contacts.Clear();
        clock.Advance(Retention - TimeSpan.FromSeconds(1));
        engine.RunDue();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        Assert.NotNull(engine.FindContact("c-0")); // still describable within the retention

        clock.Advance(TimeSpan.FromSeconds(1));
        engine.RunDue();
        var afterRetention = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Null(engine.FindContact("c-0"));
        Assert.Equal(0, engine.ContactCount);
        Assert.True(retained - afterRetention > 30 * 1024 * 1024, $"heap {retained:N0} → {afterRetention:N0} bytes");
        GC.KeepAlive(engine);
    }

    [Fact]
    public void Past_the_count_kept_the_oldest_ended_contact_is_forgotten_first_and_contacts_in_progress_stay()
    {
        var clock = new VirtualClock(EngineFixture.Start);
        var engine = new RoutingEngine(clock, new RoutingEngineOptions { EndedRetention = Retention, MaxEndedContacts = 10 });
        var waiting = engine.Enqueue(new ContactRequest(EngineFixture.East, "q", RoutingChannel.Task, ContactInitiation.Api, "waiting"));
        for (var i = 0; i < 25; i++)
        {
            engine.Stop(engine.Enqueue(new ContactRequest(EngineFixture.East, "q", RoutingChannel.Task, ContactInitiation.Api, $"c-{i}")));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(11, engine.ContactCount);
        Assert.Null(engine.FindContact("c-14"));
        Assert.NotNull(engine.FindContact("c-15"));

        clock.Advance(TimeSpan.FromDays(1));
        engine.RunDue();
        Assert.Same(waiting, Assert.Single(new[] { engine.FindContact("waiting") }));
        Assert.Equal(1, engine.ContactCount);
    }
}
