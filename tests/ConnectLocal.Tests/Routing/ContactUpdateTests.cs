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
}
