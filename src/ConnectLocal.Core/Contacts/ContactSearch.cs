using System.Globalization;
using ConnectLocal.Core.Registry;

namespace ConnectLocal.Core.Contacts;

/// <summary>The contact timestamps SearchContacts filters and sorts on (SearchContactsTimeRangeType, SortableFieldName).</summary>
public enum ContactTimestamp
{
    Initiation,
    Scheduled,
    ConnectedToAgent,
    Disconnect,
    Enqueue,

    /// <summary>Sortable only. [choice] No contact here has one (nothing expires a contact), so it sorts as absent.</summary>
    Expiry,
}

/// <summary>How several search texts, values or criteria combine (SearchContactsMatchType).</summary>
public enum SearchMatch
{
    All,
    Any,
    Exact,
    None,
}

/// <summary>What SearchContacts sees of one contact: the fields its criteria and sort read.</summary>
/// <param name="AgentHierarchy">The ids of the handling agent's hierarchy groups, level 1 first (empty: none).</param>
/// <param name="StepAgentIds">Per routing step of the contact's routing criteria, the preferred agents it names.</param>
public sealed record SearchedContact(
    string Id,
    string Channel,
    string InitiationMethod,
    string Region,
    string? Name = null,
    string? QueueId = null,
    string? AgentId = null,
    IReadOnlyList<string>? AgentHierarchy = null,
    IReadOnlyDictionary<ContactTimestamp, DateTimeOffset>? Times = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    IReadOnlyDictionary<string, string>? SegmentAttributes = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    IReadOnlyList<IReadOnlyCollection<string>>? StepAgentIds = null)
{
    public DateTimeOffset? Time(ContactTimestamp type) => Times is not null && Times.TryGetValue(type, out var at) ? at : null;
}

/// <summary>A TimeRange: the contact's timestamp of <paramref name="Type"/> from StartTime to EndTime, both included.</summary>
public sealed record ContactTimeRange(ContactTimestamp Type, DateTimeOffset Start, DateTimeOffset End);

/// <summary>One AdditionalTimeRange criterion: a time range, or a timestamp that must not exist (exactly one of them).</summary>
public sealed record AdditionalTimeCriterion(ContactTimeRange? Range, ContactTimestamp? NotExists);

/// <summary>Texts, values or criteria and how they combine.</summary>
public sealed record Matching<T>(IReadOnlyList<T> Items, SearchMatch Match);

/// <summary>A searchable attribute: its key and the values it may have.</summary>
public sealed record AttributeCriterion(string Key, IReadOnlyList<string> Values);

/// <summary>
/// SearchContacts' SearchCriteria. Every member given must hold (an absent one holds for every contact); the lists of
/// ids (<see cref="AgentIds"/>, <see cref="Channels"/>, …) hold when the contact's value is one of them.
/// </summary>
public sealed record ContactSearchCriteria
{
    public Matching<string>? Name { get; init; }

    public IReadOnlyList<string>? AgentIds { get; init; }

    /// <summary>The hierarchy group ids allowed at each level (index 0: L1Ids), null for a level not given.</summary>
    public IReadOnlyList<IReadOnlyList<string>?>? AgentHierarchyGroups { get; init; }

    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>ContactAnalysis.Transcript given: Contact Lens transcripts, which no contact here has.</summary>
    public bool TranscriptSearched { get; init; }

    public IReadOnlyList<string>? InitiationMethods { get; init; }

    public IReadOnlyList<string>? QueueIds { get; init; }

    /// <summary>RoutingCriteria.Steps: per step, the preferred agents searched for and how they match.</summary>
    public IReadOnlyList<Matching<string>>? RoutingSteps { get; init; }

    public Matching<AdditionalTimeCriterion>? AdditionalTimeRange { get; init; }

    public Matching<AttributeCriterion>? ContactAttributes { get; init; }

    public Matching<AttributeCriterion>? SegmentAttributes { get; init; }

    public IReadOnlyList<string>? ActiveRegions { get; init; }

    public TagFilter? ContactTags { get; init; }
}

/// <summary>The sort of the results: a timestamp, the initiation method or the channel, ascending or descending.</summary>
public sealed record ContactSort(string FieldName, bool Descending)
{
    /// <summary>[choice] Without a Sort: newest initiated first, as the admin website's contact search lists them.</summary>
    public static readonly ContactSort Default = new("INITIATION_TIMESTAMP", true);
}

/// <summary>
/// SearchContacts over the contacts the instance's routing knows (in progress, and ended ones within their retention).
/// The model states no rule beyond its constraints; what AWS documents elsewhere, and what this project chose where AWS
/// documents nothing, is in docs/routing.md ("Searching contacts"):
/// the time range runs from StartTime to EndTime, both included, and spans at most <see cref="MaxRange"/> (the admin
/// guide's "a time range up to 8 weeks"); a contact without the range's timestamp is not in it. [choice] A StartTime
/// after the EndTime, or a range longer than that, is InvalidParameterException. Texts (Name) match case-insensitively
/// as parts of the name (MATCH_EXACT: the whole name); attribute values match exactly. [choice] Every user-defined
/// contact attribute is searchable (AWS searches only keys configured as searchable in the admin website, which the
/// API cannot configure), and so is every segment attribute with a string value.
/// </summary>
public static class ContactSearch
{
    /// <summary>The longest time range a search may span.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(56);

    /// <summary>The fields Sort may name, each with the timestamp it sorts by (null: a text field).</summary>
    private static readonly Dictionary<string, ContactTimestamp?> SortFields = new(StringComparer.Ordinal)
    {
        ["INITIATION_TIMESTAMP"] = ContactTimestamp.Initiation,
        ["SCHEDULED_TIMESTAMP"] = ContactTimestamp.Scheduled,
        ["CONNECTED_TO_AGENT_TIMESTAMP"] = ContactTimestamp.ConnectedToAgent,
        ["DISCONNECT_TIMESTAMP"] = ContactTimestamp.Disconnect,
        ["EXPIRY_TIMESTAMP"] = ContactTimestamp.Expiry,
        ["INITIATION_METHOD"] = null,
        ["CHANNEL"] = null,
    };

    /// <summary>The timestamp a TimeRange Type names (SearchContactsTimeRangeType).</summary>
    public static ContactTimestamp TimestampOf(string type) => type switch
    {
        "SCHEDULED_TIMESTAMP" => ContactTimestamp.Scheduled,
        "CONNECTED_TO_AGENT_TIMESTAMP" => ContactTimestamp.ConnectedToAgent,
        "DISCONNECT_TIMESTAMP" => ContactTimestamp.Disconnect,
        "ENQUEUE_TIMESTAMP" => ContactTimestamp.Enqueue,
        _ => ContactTimestamp.Initiation,
    };

    /// <summary>SearchContactsMatchType's value.</summary>
    public static SearchMatch MatchOf(string? matchType) => matchType switch
    {
        "MATCH_ANY" => SearchMatch.Any,
        "MATCH_EXACT" => SearchMatch.Exact,
        "MATCH_NONE" => SearchMatch.None,
        _ => SearchMatch.All,
    };

    /// <summary>Refuses a malformed search before any contact is looked at.</summary>
    /// <exception cref="DomainException">InvalidParameter, naming the first rule broken.</exception>
    public static void Check(ContactTimeRange range, ContactSearchCriteria? criteria)
    {
        CheckRange(range, "TimeRange");
        foreach (var (criterion, i) in (criteria?.AdditionalTimeRange?.Items ?? []).Select((c, i) => (c, i)))
        {
            var at = $"AdditionalTimeRange.Criteria[{i.ToString(CultureInfo.InvariantCulture)}]";
            if ((criterion.Range is null) == (criterion.NotExists is null))
            {
                throw Errors.InvalidParameter(ErrorTexts.ContactSearchTimeCriterion(at));
            }

            if (criterion.Range is { } range2)
            {
                CheckRange(range2, at + ".TimeRange");
            }
        }

        if (criteria?.ContactTags is { } tags && TagFilters.Conditions(tags).Any(t => string.IsNullOrEmpty(t.TagKey)))
        {
            throw Errors.InvalidParameter(ErrorTexts.TagConditionWithoutKey);
        }
    }

    /// <summary>The contacts in the range that meet the criteria, in the sort's order (ties: by id).</summary>
    public static List<SearchedContact> Search(IEnumerable<SearchedContact> contacts, ContactTimeRange range, ContactSearchCriteria? criteria, ContactSort? sort)
    {
        var order = sort ?? ContactSort.Default;
        return contacts.Where(c => InRange(c, range) && (criteria is null || Matches(c, criteria)))
            .OrderBy(c => SortKey(c, order), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A key that orders as the sort does (ordinal string order), for page tokens that stay right when contacts come and
    /// go between pages. [choice] A contact without the sorted timestamp comes after those with one, in either order.
    /// </summary>
    public static string SortKey(SearchedContact contact, ContactSort? sort)
    {
        var order = sort ?? ContactSort.Default;
        var value = SortFields.GetValueOrDefault(order.FieldName) is { } type
            ? contact.Time(type) is { } at ? "0" + Ordered(at.UtcTicks, order.Descending) : "1" + new string('0', 16)
            : "0" + Ordered(TextRank(contact, order.FieldName), order.Descending);
        return value + contact.Id;
    }

    private static string Ordered(long value, bool descending) =>
        (descending ? long.MaxValue - value : value).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>A text field's value as a number that keeps its ordinal order (the values are short upper-case words).</summary>
    private static long TextRank(SearchedContact contact, string field)
    {
        var text = field == "CHANNEL" ? contact.Channel : contact.InitiationMethod;
        var rank = 0L;
        for (var i = 0; i < 12; i++)
        {
            rank = (rank * 37) + (i < text.Length ? CharRank(text[i]) : 0);
        }

        return rank;
    }

    private static int CharRank(char c) => c switch
    {
        '_' => 1,
        >= 'A' and <= 'Z' => c - 'A' + 2,
        _ => 28 + Math.Min(c % 9, 8),
    };

    private static void CheckRange(ContactTimeRange range, string at)
    {
        if (range.Start > range.End)
        {
            throw Errors.InvalidParameter(ErrorTexts.ContactSearchRangeReversed(at));
        }

        if (range.End - range.Start > MaxRange)
        {
            throw Errors.InvalidParameter(ErrorTexts.ContactSearchRangeTooLong(at, (int)MaxRange.TotalDays / 7));
        }
    }

    private static bool InRange(SearchedContact contact, ContactTimeRange range) =>
        contact.Time(range.Type) is { } at && at >= range.Start && at <= range.End;

    private static bool Matches(SearchedContact c, ContactSearchCriteria q) =>
        (q.Name is null || NameMatches(c.Name, q.Name))
        && In(q.AgentIds, c.AgentId)
        && (q.AgentHierarchyGroups is null || HierarchyMatches(c.AgentHierarchy ?? [], q.AgentHierarchyGroups))
        && In(q.Channels, c.Channel)
        && !q.TranscriptSearched
        && In(q.InitiationMethods, c.InitiationMethod)
        && In(q.QueueIds, c.QueueId)
        && (q.RoutingSteps is null || q.RoutingSteps.All(step => (c.StepAgentIds ?? []).Any(agents => SetMatches(agents, step))))
        && (q.AdditionalTimeRange is null || Combine(q.AdditionalTimeRange, t => t.Range is { } r ? InRange(c, r) : c.Time(t.NotExists!.Value) is null))
        && (q.ContactAttributes is null || Combine(q.ContactAttributes, a => ValueIn(c.Attributes, a)))
        && (q.SegmentAttributes is null || Combine(q.SegmentAttributes, a => ValueIn(c.SegmentAttributes, a)))
        && In(q.ActiveRegions, c.Region)
        && (q.ContactTags is null || TagFilters.Matches(c.Tags ?? new Dictionary<string, string>(), q.ContactTags));

    /// <summary>An id list holds when the contact's value is in it; an empty list, like an absent one, holds for every contact.</summary>
    private static bool In(IReadOnlyList<string>? allowed, string? value) =>
        allowed is not { Count: > 0 } || (value is not null && allowed.Contains(value, StringComparer.Ordinal));

    /// <summary>[choice] Each level given must hold: the agent's group at that level is one of its ids.</summary>
    private static bool HierarchyMatches(IReadOnlyList<string> path, IReadOnlyList<IReadOnlyList<string>?> levels) =>
        levels.Select((ids, level) => ids is not { Count: > 0 } || (level < path.Count && ids.Contains(path[level], StringComparer.Ordinal))).All(x => x);

    private static bool NameMatches(string? name, Matching<string> texts)
    {
        if (texts.Items.Count == 0)
        {
            return true;
        }

        if (name is null)
        {
            return texts.Match == SearchMatch.None;
        }

        return texts.Match == SearchMatch.Exact
            ? texts.Items.Any(t => string.Equals(name, t, StringComparison.OrdinalIgnoreCase))
            : Combine(texts, t => name.Contains(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>[choice] MATCH_EXACT of several criteria is read as MATCH_ALL (each criterion either holds or not).</summary>
    private static bool Combine<T>(Matching<T> matching, Func<T, bool> holds) => matching.Match switch
    {
        SearchMatch.Any => matching.Items.Count == 0 || matching.Items.Any(holds),
        SearchMatch.None => !matching.Items.Any(holds),
        _ => matching.Items.All(holds),
    };

    private static bool ValueIn(IReadOnlyDictionary<string, string>? values, AttributeCriterion criterion) =>
        values is not null && values.TryGetValue(criterion.Key, out var value) && criterion.Values.Contains(value, StringComparer.Ordinal);

    /// <summary>A routing step's preferred agents against those searched: all, any, exactly those, or none of them.</summary>
    private static bool SetMatches(IReadOnlyCollection<string> agents, Matching<string> searched) => searched.Match switch
    {
        SearchMatch.Any => searched.Items.Any(agents.Contains),
        SearchMatch.None => !searched.Items.Any(agents.Contains),
        SearchMatch.Exact => agents.Count == searched.Items.Distinct(StringComparer.Ordinal).Count() && searched.Items.All(agents.Contains),
        _ => searched.Items.All(agents.Contains),
    };
}
