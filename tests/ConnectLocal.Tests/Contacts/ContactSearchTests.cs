using ConnectLocal.Core.Common;
using ConnectLocal.Core.Contacts;
using ConnectLocal.Core.Registry;

namespace ConnectLocal.Tests.Contacts;

/// <summary>SearchContacts' rules in Core (docs/routing.md, "Searching contacts"): the range, each criterion, the sort.</summary>
public sealed class ContactSearchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static SearchedContact Contact(string id, int minute, string channel = "TASK", string method = "API") =>
        new(id, channel, method, "us-east-1")
        {
            Times = new Dictionary<ContactTimestamp, DateTimeOffset> { [ContactTimestamp.Initiation] = T0.AddMinutes(minute) },
        };

    private static ContactTimeRange Hour => new(ContactTimestamp.Initiation, T0, T0.AddHours(1));

    private static List<string> Ids(IEnumerable<SearchedContact> contacts, ContactSearchCriteria? criteria = null, ContactSort? sort = null, ContactTimeRange? range = null) =>
        ContactSearch.Search(contacts, range ?? Hour, criteria, sort).Select(c => c.Id).ToList();

    [Fact]
    public void The_range_includes_both_ends_and_leaves_out_contacts_without_its_timestamp()
    {
        var contacts = new[] { Contact("start", 0), Contact("end", 60), Contact("after", 61), Contact("before", -1) };
        Assert.Equal(["end", "start"], Ids(contacts));
        var disconnect = new ContactTimeRange(ContactTimestamp.Disconnect, T0, T0.AddHours(1));
        Assert.Empty(Ids(contacts, range: disconnect));
    }

    [Fact]
    public void A_reversed_or_longer_than_eight_weeks_range_is_an_invalid_parameter()
    {
        var reversed = Assert.Throws<DomainException>(() => ContactSearch.Check(new(ContactTimestamp.Initiation, T0, T0.AddTicks(-1)), null));
        Assert.Equal(DomainErrorKind.InvalidParameter, reversed.Kind);
        var tooLong = Assert.Throws<DomainException>(() => ContactSearch.Check(new(ContactTimestamp.Initiation, T0, T0.AddDays(56).AddSeconds(1)), null));
        Assert.Equal(ErrorTexts.ContactSearchRangeTooLong("TimeRange", 8), tooLong.Message);
        ContactSearch.Check(new(ContactTimestamp.Initiation, T0, T0.AddDays(56)), null);

        var neither = new ContactSearchCriteria { AdditionalTimeRange = new([new AdditionalTimeCriterion(null, null)], SearchMatch.All) };
        Assert.Equal(ErrorTexts.ContactSearchTimeCriterion("AdditionalTimeRange.Criteria[0]"),
            Assert.Throws<DomainException>(() => ContactSearch.Check(Hour, neither)).Message);
        var keyless = new ContactSearchCriteria { ContactTags = new TagFilter(null, null, new TagMatch(null, "v")) };
        Assert.Equal(ErrorTexts.TagConditionWithoutKey, Assert.Throws<DomainException>(() => ContactSearch.Check(Hour, keyless)).Message);
    }

    [Fact]
    public void Id_lists_keep_contacts_whose_value_is_listed_and_an_empty_list_keeps_all()
    {
        var contacts = new[] { Contact("task", 1) with { QueueId = "q1" }, Contact("chat", 2, "CHAT") with { QueueId = "q2", AgentId = "a" } };
        Assert.Equal(["chat"], Ids(contacts, new() { Channels = ["CHAT", "VOICE"] }));
        Assert.Equal(["task"], Ids(contacts, new() { QueueIds = ["q1"] }));
        Assert.Equal(["chat"], Ids(contacts, new() { AgentIds = ["a"] }));
        Assert.Equal(["chat", "task"], Ids(contacts, new() { AgentIds = [] }));
        Assert.Empty(Ids(contacts, new() { InitiationMethods = ["INBOUND"] }));
        Assert.Empty(Ids(contacts, new() { ActiveRegions = ["us-west-2"] }));
        Assert.Empty(Ids(contacts, new() { TranscriptSearched = true }));
    }

    [Fact]
    public void Hierarchy_levels_each_hold_for_the_agent_s_group_at_that_level()
    {
        var contacts = new[] { Contact("deep", 1) with { AgentHierarchy = ["emea", "berlin"] }, Contact("top", 2) with { AgentHierarchy = ["emea"] } };
        Assert.Equal(["top", "deep"], Ids(contacts, new() { AgentHierarchyGroups = [["emea"], null, null, null, null] }));
        Assert.Equal(["deep"], Ids(contacts, new() { AgentHierarchyGroups = [null, ["berlin"], null, null, null] }));
        Assert.Empty(Ids(contacts, new() { AgentHierarchyGroups = [["apac"], null, null, null, null] }));
    }

    [Fact]
    public void Names_match_as_parts_in_any_case_and_exact_as_the_whole_name()
    {
        var contacts = new[] { Contact("refund", 1) with { Name = "Refund order" }, Contact("invoice", 2) with { Name = "Invoice order" }, Contact("nameless", 3) };
        Assert.Equal(["invoice", "refund"], Ids(contacts, new() { Name = new(["ORDER"], SearchMatch.All) }));
        Assert.Equal(["refund"], Ids(contacts, new() { Name = new(["refund", "order"], SearchMatch.All) }));
        Assert.Equal(["invoice", "refund"], Ids(contacts, new() { Name = new(["refund", "invoice"], SearchMatch.Any) }));
        Assert.Equal(["nameless", "invoice"], Ids(contacts, new() { Name = new(["refund"], SearchMatch.None) }));
        Assert.Equal(["refund"], Ids(contacts, new() { Name = new(["refund ORDER"], SearchMatch.Exact) }));
    }

    [Fact]
    public void Attribute_criteria_combine_by_their_match_type_and_values_compare_exactly()
    {
        Dictionary<string, string> A(string tier) => new() { ["tier"] = tier };
        var contacts = new[] { Contact("gold", 1) with { Attributes = A("gold") }, Contact("silver", 2) with { Attributes = A("silver"), SegmentAttributes = A("x") } };
        AttributeCriterion C(string key, string[] values) => new(key, values);
        Matching<AttributeCriterion> M(SearchMatch match, params AttributeCriterion[] items) => new(items, match);
        Assert.Equal(["gold"], Ids(contacts, new() { ContactAttributes = M(SearchMatch.All, C("tier", ["gold", "bronze"])) }));
        Assert.Empty(Ids(contacts, new() { ContactAttributes = M(SearchMatch.All, C("tier", ["GOLD"])) }));
        Assert.Equal(["silver", "gold"], Ids(contacts, new() { ContactAttributes = M(SearchMatch.Any, C("tier", ["gold"]), C("tier", ["silver"])) }));
        Assert.Equal(["silver"], Ids(contacts, new() { ContactAttributes = M(SearchMatch.None, C("tier", ["gold"])) }));
        Assert.Equal(["silver"], Ids(contacts, new() { SegmentAttributes = M(SearchMatch.All, C("tier", ["x"])) }));
    }

    [Fact]
    public void Additional_time_ranges_and_not_exists_conditions()
    {
        var ended = Contact("ended", 1) with
        {
            Times = new Dictionary<ContactTimestamp, DateTimeOffset> { [ContactTimestamp.Initiation] = T0.AddMinutes(1), [ContactTimestamp.Disconnect] = T0.AddMinutes(5) },
        };
        var contacts = new[] { ended, Contact("open", 2) };
        var notEnded = new AdditionalTimeCriterion(null, ContactTimestamp.Disconnect);
        var endedEarly = new AdditionalTimeCriterion(new(ContactTimestamp.Disconnect, T0, T0.AddMinutes(10)), null);
        Assert.Equal(["open"], Ids(contacts, new() { AdditionalTimeRange = new([notEnded], SearchMatch.All) }));
        Assert.Equal(["ended"], Ids(contacts, new() { AdditionalTimeRange = new([endedEarly], SearchMatch.All) }));
        Assert.Equal(["open", "ended"], Ids(contacts, new() { AdditionalTimeRange = new([endedEarly, notEnded], SearchMatch.Any) }));
    }

    [Fact]
    public void Routing_steps_match_the_preferred_agents_of_some_step()
    {
        var contacts = new[] { Contact("ab", 1) with { StepAgentIds = [new HashSet<string> { "a", "b" }] }, Contact("c", 2) with { StepAgentIds = [new HashSet<string> { "c" }] } };
        Assert.Equal(["ab"], Ids(contacts, new() { RoutingSteps = [new(["a"], SearchMatch.Any)] }));
        Assert.Equal(["ab"], Ids(contacts, new() { RoutingSteps = [new(["b", "a"], SearchMatch.Exact)] }));
        Assert.Empty(Ids(contacts, new() { RoutingSteps = [new(["a"], SearchMatch.Exact)] }));
        Assert.Equal(["c"], Ids(contacts, new() { RoutingSteps = [new(["a"], SearchMatch.None)] }));
    }

    [Fact]
    public void Tags_filter_as_other_searches_do()
    {
        var contacts = new[] { Contact("red", 1) with { Tags = new Dictionary<string, string> { ["team"] = "red" } }, Contact("untagged", 2) };
        Assert.Equal(["red"], Ids(contacts, new() { ContactTags = new TagFilter(null, null, new TagMatch("team", null)) }));
    }

    [Fact]
    public void Sorts_by_timestamps_and_text_fields_with_absent_timestamps_last_and_keys_in_the_same_order()
    {
        var scheduled = Contact("scheduled", 3, "CHAT") with
        {
            Times = new Dictionary<ContactTimestamp, DateTimeOffset> { [ContactTimestamp.Initiation] = T0.AddMinutes(3), [ContactTimestamp.Scheduled] = T0.AddMinutes(30) },
        };
        var contacts = new[] { Contact("first", 1, "VOICE", "INBOUND"), scheduled, Contact("second", 2, "TASK", "TRANSFER") };
        Assert.Equal(["scheduled", "second", "first"], Ids(contacts));
        Assert.Equal(["first", "second", "scheduled"], Ids(contacts, sort: new("INITIATION_TIMESTAMP", false)));
        Assert.Equal(["scheduled", "first", "second"], Ids(contacts, sort: new("SCHEDULED_TIMESTAMP", true)));
        Assert.Equal(["scheduled", "second", "first"], Ids(contacts, sort: new("CHANNEL", false)));
        Assert.Equal(["second", "first", "scheduled"], Ids(contacts, sort: new("INITIATION_METHOD", true)));
        foreach (var sort in new ContactSort[] { new("CHANNEL", true), new("DISCONNECT_TIMESTAMP", false), ContactSort.Default })
        {
            var ordered = ContactSearch.Search(contacts, Hour, null, sort).Select(c => ContactSearch.SortKey(c, sort)).ToList();
            Assert.Equal(ordered.Order(StringComparer.Ordinal), ordered);
        }
    }
}
