using ConnectLocal.Core.Common;
using ConnectLocal.Core.Contacts;
using ConnectLocal.Core.Routing;
using ConnectLocal.Core.TaskTemplates;

namespace ConnectLocal.Tests.Routing;

/// <summary>Changing a contact after it began (docs/routing.md, "Changing a contact"): the rules in Core.</summary>
public sealed class ContactUpdateTests
{
    [Fact]
    public void Attributes_merge_a_key_sent_again_takes_the_new_value_and_an_empty_value_stays()
    {
        var merged = ContactAttributes.Merge(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, new Dictionary<string, string> { ["b"] = "", ["c"] = "3" });

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "", ["c"] = "3" }, merged);
    }

    [Fact]
    public void The_size_limit_applies_to_the_merged_whole_and_keys_are_checked()
    {
        var current = new Dictionary<string, string> { ["big"] = new string('x', 20_000) };

        var tooLarge = Assert.Throws<DomainException>(() => ContactAttributes.Merge(current, new Dictionary<string, string> { ["more"] = new string('y', 13_000) }));
        Assert.Equal(DomainErrorKind.InvalidParameter, tooLarge.Kind);
        Assert.Equal(DomainErrorKind.InvalidParameter,
            Assert.Throws<DomainException>(() => ContactAttributes.Merge(current, new Dictionary<string, string> { ["a.b"] = "1" })).Kind);
        Assert.Equal(2, ContactAttributes.Merge(current, new Dictionary<string, string> { ["big"] = "", ["more"] = new string('y', 13_000) }).Count);
        Assert.Single(current);
    }

    [Fact]
    public void At_most_six_user_tags_a_refused_request_adds_none_and_untagging_an_absent_key_is_ignored()
    {
        var edits = new ContactEdits();
        edits.Tag(Enumerable.Range(0, 5).ToDictionary(i => $"k{i}", _ => "v"));

        Assert.Equal(DomainErrorKind.InvalidParameter, Assert.Throws<DomainException>(() => edits.Tag(new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" })).Kind);
        Assert.Equal(5, edits.Tags.Count);
        edits.Tag(new Dictionary<string, string> { ["k0"] = "new", ["x"] = "1" });
        edits.Untag(["k1", "absent"]);
        Assert.Equal(new Dictionary<string, string> { ["k0"] = "new", ["k2"] = "v", ["k3"] = "v", ["k4"] = "v", ["x"] = "1" }, edits.Tags);
    }

    [Fact]
    public void UpdateContact_replaces_what_it_carries_empty_clears_and_references_merge_by_name()
    {
        var edits = new ContactEdits();
        var started = new Dictionary<string, ContactReference> { ["a"] = new("1", "NUMBER"), ["b"] = new("x", "STRING") };

        edits.Update("name", null, new Dictionary<string, ContactReference> { ["a"] = new("2", "NUMBER") }, started);
        edits.Update(null, "", null, started);

        Assert.Equal(("name", true, null, true), (edits.Name, edits.NameSet, edits.Description, edits.DescriptionSet));
        Assert.Equal(new Dictionary<string, ContactReference> { ["a"] = new("2", "NUMBER"), ["b"] = new("x", "STRING") }, edits.References);
    }

    [Fact]
    public void A_scheduled_contact_moved_later_is_queued_at_its_new_time_only()
    {
        var fixture = new EngineFixture();
        var contact = fixture.Engine.Schedule(new ContactRequest(EngineFixture.East, "q", RoutingChannel.Task, Id: "t"), EngineFixture.Start.AddMinutes(1).UtcTicks);

        Assert.True(fixture.Engine.Reschedule(contact, EngineFixture.Start.AddMinutes(5).UtcTicks));
        fixture.Advance(120);
        Assert.Equal(ContactState.Scheduled, contact.State);
        fixture.Advance(200);
        Assert.Equal(ContactState.Queued, contact.State);
        Assert.Equal(EngineFixture.Start.AddMinutes(5), contact.EnqueuedAt);
        Assert.False(fixture.Engine.Reschedule(contact, EngineFixture.Start.AddMinutes(9).UtcTicks));
    }

    [Fact]
    public void A_scheduled_contact_moved_earlier_or_to_now_starts_then()
    {
        var fixture = new EngineFixture();
        var later = fixture.Engine.Schedule(new ContactRequest(EngineFixture.East, "q", RoutingChannel.Task, Id: "a"), EngineFixture.Start.AddHours(1).UtcTicks);
        var now = fixture.Engine.Schedule(new ContactRequest(EngineFixture.East, "q", RoutingChannel.Task, Id: "b"), EngineFixture.Start.AddHours(1).UtcTicks);

        fixture.Engine.Reschedule(later, EngineFixture.Start.AddMinutes(1).UtcTicks);
        fixture.Engine.Reschedule(now, EngineFixture.Start.UtcTicks);

        Assert.Equal(ContactState.Queued, now.State);
        fixture.Advance(60);
        Assert.Equal(ContactState.Queued, later.State);
        Assert.Equal(0, fixture.Engine.ScheduledCount(EngineFixture.East, "q", RoutingChannel.Task));
    }

    [Fact]
    public void A_paused_waiting_task_leaves_its_queue_and_resumed_is_offered_in_its_old_place()
    {
        var fixture = TaskFixture(agents: 0);
        var first = fixture.Contact("q", RoutingChannel.Task);
        fixture.Advance(10);
        var second = fixture.Contact("q", RoutingChannel.Task);

        Assert.True(fixture.Engine.Pause(first));
        Assert.False(fixture.Engine.Pause(first));
        Assert.Equal(1, fixture.Engine.WaitingCount(EngineFixture.East, "q", RoutingChannel.Task));
        fixture.Agent("a", "p");
        Assert.Equal(ContactState.Connected, second.State);
        Assert.Equal(ContactState.Queued, first.State);

        fixture.Agent("b", "p");
        Assert.True(fixture.Engine.Resume(first));
        Assert.False(fixture.Engine.Resume(first));
        Assert.Equal((ContactState.Connected, "b"), (first.State, first.Agent?.UserId));
        Assert.Equal(EngineFixture.Start, first.EnqueuedAt);
    }

    [Fact]
    public void A_paused_connected_task_frees_its_agent_s_slot_and_resumed_takes_it_back()
    {
        var fixture = TaskFixture(agents: 1);
        var first = fixture.Contact("q", RoutingChannel.Task);
        var second = fixture.Contact("q", RoutingChannel.Task);
        var agent = first.Agent!;
        Assert.Equal(ContactState.Queued, second.State);

        fixture.Engine.Pause(first);

        Assert.Equal(ContactState.Connected, second.State);
        Assert.Equal(2, agent.Contacts.Count);
        Assert.Equal(1, agent.ActiveSlots(RoutingChannel.Task));
        fixture.Engine.Resume(first);
        Assert.Equal(2, agent.ActiveSlots(RoutingChannel.Task));
        var third = fixture.Contact("q", RoutingChannel.Task);
        fixture.Finish(second);
        Assert.Equal(ContactState.Queued, third.State);
        fixture.Finish(first);
        Assert.Equal(ContactState.Connected, third.State);
    }

    [Fact]
    public void A_paused_task_ends_as_if_resumed_first()
    {
        var fixture = TaskFixture(agents: 1);
        var connected = fixture.Contact("q", RoutingChannel.Task);
        var waiting = fixture.Contact("q", RoutingChannel.Task);
        var other = fixture.Contact("q", RoutingChannel.Task);
        var agent = connected.Agent!;
        fixture.Engine.Pause(waiting);
        fixture.Engine.Pause(connected);
        Assert.Equal(ContactState.Connected, other.State);

        Assert.True(fixture.Engine.Stop(waiting));
        Assert.True(fixture.Engine.Stop(connected));

        Assert.Equal(ContactState.Ended, waiting.State);
        Assert.Equal(0, fixture.Engine.WaitingCount(EngineFixture.East, "q", RoutingChannel.Task));
        // the stopped task's after-contact work holds its slot again, beside the task the agent took meanwhile
        Assert.Equal(2, agent.ActiveSlots(RoutingChannel.Task));
        fixture.Engine.Stop(connected);
        fixture.Finish(other);
        Assert.Equal(ContactState.Ended, connected.State);
        Assert.Equal(0, agent.ActiveSlots(RoutingChannel.Task));
    }

    private static EngineFixture TaskFixture(int agents)
    {
        var fixture = new EngineFixture();
        fixture.Engine.SetRoutingProfile(EngineFixture.Profile("p", [EngineFixture.Media("TASK", 1)], [EngineFixture.Serves("q", "TASK")]));
        for (var i = 0; i < agents; i++)
        {
            fixture.Agent($"agent{i}", "p");
        }

        return fixture;
    }
}
