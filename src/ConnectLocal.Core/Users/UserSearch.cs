using System.Globalization;
using System.Text;
using ConnectLocal.Core.Hierarchy;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Users;

/// <summary>HierarchyGroupCondition: a group (id or ARN) and EXACT or WITH_CHILD_GROUPS.</summary>
public sealed record HierarchyMatch(string? Value, string? HierarchyGroupMatchType);

/// <summary>NumberCondition: FieldName (limit), MinValue, MaxValue and ComparisonType.</summary>
public sealed record NumberMatch(string? FieldName, int? MinValue, int? MaxValue, string? ComparisonType);

/// <summary>One Condition of a ListCondition: a StringCondition (name, value) or a NumberCondition (limit).</summary>
public sealed record ListItemMatch(StringMatch? StringCondition, NumberMatch? NumberCondition);

/// <summary>ListCondition: the target list (PROFICIENCIES) and the conditions one of its entries must all meet.</summary>
public sealed record ListMatch(string? TargetListType, IReadOnlyList<ListItemMatch>? Conditions);

/// <summary>UserSearchCriteria: any of its members may be set, and all that are set must hold.</summary>
public sealed record UserCriteria(
    IReadOnlyList<UserCriteria>? OrConditions,
    IReadOnlyList<UserCriteria>? AndConditions,
    StringMatch? StringCondition,
    ListMatch? ListCondition,
    HierarchyMatch? HierarchyGroupCondition);

/// <summary>AttributeAndCondition: tag conditions and a hierarchy group condition that must all hold.</summary>
public sealed record UserAttributeAnd(IReadOnlyList<TagMatch>? TagConditions, HierarchyMatch? HierarchyGroupCondition);

/// <summary>ControlPlaneUserAttributeFilter: an OR of ANDs, one AND, one tag condition or one hierarchy group condition.</summary>
public sealed record UserAttributeFilter(
    IReadOnlyList<UserAttributeAnd>? OrConditions, UserAttributeAnd? AndCondition, TagMatch? TagCondition, HierarchyMatch? HierarchyGroupCondition);

/// <summary>
/// SearchUsers (users-search): the criteria tree of UserSearchCriteria over the string fields ResourceTypes declares for
/// users, hierarchy group conditions and proficiency list conditions, and a TagFilter or a UserAttributeFilter.
/// [choice] A ListCondition matches a user who has one proficiency meeting all its conditions (name, value, limit
/// together describe one proficiency). A hierarchy group condition naming no group of the instance matches no user.
/// NumberCondition: GREATER_OR_EQUAL and GREATER compare the level with MinValue, LESSER_OR_EQUAL and LESSER with
/// MaxValue, EQUAL and NOT_EQUAL with MinValue (else MaxValue), RANGE keeps MinValue ≤ level ≤ MaxValue.
/// </summary>
public sealed class UserSearchService(IConnectStore store)
{
    public const string Exact = "EXACT";
    public const string WithChildGroups = "WITH_CHILD_GROUPS";
    public const string Proficiencies = "PROFICIENCIES";

    /// <summary>ControlPlaneUserAttributeFilter doc: "Maximum number of allowed Tag conditions is 25."</summary>
    public const int MaxAttributeTagConditions = 25;

    /// <summary>ControlPlaneUserAttributeFilter doc: "Maximum number of allowed Hierarchy Group conditions is 20."</summary>
    public const int MaxAttributeHierarchyConditions = 20;

    private static readonly string[] NumberComparisons = ["GREATER_OR_EQUAL", "GREATER", "LESSER_OR_EQUAL", "LESSER", "EQUAL", "NOT_EQUAL", "RANGE"];

    public SearchResult<User> Search(
        Caller caller, string instanceIdOrArn, UserCriteria? criteria, TagFilter? tags, UserAttributeFilter? attributes, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            if (tags is not null && attributes is not null)
            {
                // UserSearchFilter.UserAttributeFilter doc: a combination of both "will throw AccessDeniedException".
                throw new DomainException(DomainErrorKind.AccessDenied, ErrorTexts.UserSearchFilterCombined);
            }

            var strings = new ResourceSearch<User>(ResourceTypes.User.SearchFields);
            strings.Validate(null, tags);
            if (criteria is not null)
            {
                Validate(criteria, strings);
            }

            if (attributes is not null)
            {
                Validate(attributes, strings);
            }

            var groups = session.All<HierarchyGroup>(scope).ToDictionary(g => g.Id, StringComparer.Ordinal);
            var context = new MatchContext(strings, groups, caller, instance.Id);
            var matches = session.All<User>(scope)
                .Where(u => (criteria is null || context.Matches(u, criteria))
                    && strings.Matches(u, u.Tags, null, tags)
                    && (attributes is null || context.Matches(u, attributes)))
                .ToList();
            var key = Paging.Listing("search-users", [Key(criteria), SearchKey.Of(tags), Key(attributes)]);
            return new SearchResult<User>(Paging.Slice(session, scope, key, matches, u => u.Id, nextToken, pageSize), matches.Count);
        });

    private static void Validate(UserCriteria node, ResourceSearch<User> strings)
    {
        foreach (var child in (node.OrConditions ?? []).Concat(node.AndConditions ?? []))
        {
            Validate(child, strings);
        }

        if (node.StringCondition is { } s)
        {
            strings.Validate(new Criteria(null, null, s), null);
        }

        if (node.HierarchyGroupCondition is { } h)
        {
            Validate(h);
        }

        if (node.ListCondition is { } list)
        {
            if (list.TargetListType != Proficiencies)
            {
                throw Errors.InvalidParameter(ErrorTexts.ListConditionTargetRequired);
            }

            foreach (var condition in list.Conditions ?? [])
            {
                Validate(condition);
            }
        }
    }

    private static void Validate(ListItemMatch condition)
    {
        if ((condition.StringCondition is null) == (condition.NumberCondition is null))
        {
            throw Errors.InvalidParameter(ErrorTexts.ListConditionOneOf);
        }

        if (condition.StringCondition is { } s)
        {
            new ResourceSearch<UserProficiencyEntry>(ProficiencyFields).Validate(new Criteria(null, null, s), null);
        }

        if (condition.NumberCondition is { } n)
        {
            if (!string.Equals(n.FieldName, "limit", StringComparison.OrdinalIgnoreCase))
            {
                throw Errors.InvalidParameter(ErrorTexts.UnsupportedSearchField(n.FieldName ?? string.Empty, ["limit"]));
            }

            var needsMin = n.ComparisonType is "GREATER_OR_EQUAL" or "GREATER" or "RANGE";
            var needsMax = n.ComparisonType is "LESSER_OR_EQUAL" or "LESSER" or "RANGE";
            if (n.ComparisonType is null || !NumberComparisons.Contains(n.ComparisonType, StringComparer.Ordinal)
                || (needsMin && n.MinValue is null) || (needsMax && n.MaxValue is null)
                || (n.ComparisonType is "EQUAL" or "NOT_EQUAL" && n.MinValue is null && n.MaxValue is null))
            {
                throw Errors.InvalidParameter(ErrorTexts.IncompleteNumberCondition);
            }
        }
    }

    private static void Validate(HierarchyMatch condition)
    {
        if (string.IsNullOrEmpty(condition.Value) || condition.HierarchyGroupMatchType is not (Exact or WithChildGroups))
        {
            throw Errors.InvalidParameter(ErrorTexts.IncompleteHierarchyGroupCondition);
        }
    }

    private static void Validate(UserAttributeFilter filter, ResourceSearch<User> strings)
    {
        var populated = new object?[] { filter.OrConditions, filter.AndCondition, filter.TagCondition, filter.HierarchyGroupCondition }.Count(m => m is not null);
        if (populated > 1)
        {
            // ControlPlaneUserAttributeFilter doc: "Only one field can be populated."
            throw Errors.InvalidParameter(ErrorTexts.UserAttributeFilterOneField);
        }

        var ands = (filter.OrConditions ?? []).Concat(filter.AndCondition is null ? [] : [filter.AndCondition]).ToList();
        var tags = ands.SelectMany(a => a.TagConditions ?? []).Concat(filter.TagCondition is null ? [] : [filter.TagCondition]).ToList();
        var hierarchies = ands.Select(a => a.HierarchyGroupCondition).Append(filter.HierarchyGroupCondition).OfType<HierarchyMatch>().ToList();
        if (tags.Count > MaxAttributeTagConditions)
        {
            throw Errors.InvalidParameter(ErrorTexts.TooManyAttributeConditions("tag", MaxAttributeTagConditions));
        }

        if (hierarchies.Count > MaxAttributeHierarchyConditions)
        {
            throw Errors.InvalidParameter(ErrorTexts.TooManyAttributeConditions("hierarchy group", MaxAttributeHierarchyConditions));
        }

        strings.Validate(null, new TagFilter(null, tags, null));
        hierarchies.ForEach(Validate);
    }

    /// <summary>What a proficiency's StringCondition may name: name and value (Condition doc).</summary>
    private static readonly IReadOnlyList<SearchField<UserProficiencyEntry>> ProficiencyFields =
    [
        SearchField<UserProficiencyEntry>.Text("name", p => p.AttributeName),
        SearchField<UserProficiencyEntry>.Text("value", p => p.AttributeValue),
    ];

    private sealed record MatchContext(ResourceSearch<User> Strings, Dictionary<string, HierarchyGroup> Groups, Caller Caller, string InstanceId)
    {
        private readonly ResourceSearch<UserProficiencyEntry> _proficiencies = new(ProficiencyFields);

        public bool Matches(User user, UserCriteria node) =>
            (node.OrConditions is not { Count: > 0 } anyOf || anyOf.Any(c => Matches(user, c)))
            && (node.AndConditions is null || node.AndConditions.All(c => Matches(user, c)))
            && (node.StringCondition is null || Strings.Matches(user, user.Tags, new Criteria(null, null, node.StringCondition), null))
            && (node.HierarchyGroupCondition is null || Matches(user, node.HierarchyGroupCondition))
            && (node.ListCondition is null || Matches(user, node.ListCondition));

        public bool Matches(User user, UserAttributeFilter filter) =>
            (filter.OrConditions is not { Count: > 0 } anyOf || anyOf.Any(a => Matches(user, a)))
            && (filter.AndCondition is null || Matches(user, filter.AndCondition))
            && (filter.TagCondition is null || Strings.Matches(user, user.Tags, null, new TagFilter(null, null, filter.TagCondition)))
            && (filter.HierarchyGroupCondition is null || Matches(user, filter.HierarchyGroupCondition));

        private bool Matches(User user, UserAttributeAnd and) =>
            Strings.Matches(user, user.Tags, null, new TagFilter(null, and.TagConditions ?? [], null))
            && (and.HierarchyGroupCondition is null || Matches(user, and.HierarchyGroupCondition));

        private bool Matches(User user, HierarchyMatch condition)
        {
            var target = HierarchyService.Type.IdFrom(condition.Value!, Caller, InstanceId);
            if (target is null || user.HierarchyGroupId is null || !Groups.TryGetValue(user.HierarchyGroupId, out var group))
            {
                return false;
            }

            return condition.HierarchyGroupMatchType == Exact ? group.Id == target : HierarchyService.IsWithin(group, target);
        }

        private bool Matches(User user, ListMatch list) =>
            user.Proficiencies.Any(p => (list.Conditions ?? []).All(c => c.StringCondition is { } s
                ? _proficiencies.Matches(p, new Dictionary<string, string>(), new Criteria(null, null, s), null)
                : Number(p.Level, c.NumberCondition!)));

        private static bool Number(double level, NumberMatch n) => n.ComparisonType switch
        {
            "GREATER_OR_EQUAL" => level >= n.MinValue!.Value,
            "GREATER" => level > n.MinValue!.Value,
            "LESSER_OR_EQUAL" => level <= n.MaxValue!.Value,
            "LESSER" => level < n.MaxValue!.Value,
            "EQUAL" => level == (n.MinValue ?? n.MaxValue)!.Value,
            "NOT_EQUAL" => level != (n.MinValue ?? n.MaxValue)!.Value,
            "RANGE" => level >= n.MinValue!.Value && level <= n.MaxValue!.Value,
            _ => false,
        };
    }

    // The page token is bound to the whole query: a deterministic rendering of the criteria and the attribute filter.
    private static string Key(UserCriteria? c) => c is null
        ? "-"
        : $"(or[{string.Join(',', (c.OrConditions ?? []).Select(Key))}]and[{string.Join(',', (c.AndConditions ?? []).Select(Key))}]"
            + $"{SearchKey.Of(c.StringCondition is null ? null : new Criteria(null, null, c.StringCondition))}{Key(c.HierarchyGroupCondition)}{Key(c.ListCondition)})";

    private static string Key(UserAttributeFilter? f) => f is null
        ? "-"
        : $"(or[{string.Join(',', (f.OrConditions ?? []).Select(Key))}]{Key(f.AndCondition)}"
            + $"{SearchKey.Of(f.TagCondition is null ? null : new TagFilter(null, null, f.TagCondition))}{Key(f.HierarchyGroupCondition)})";

    private static string Key(UserAttributeAnd? a) => a is null
        ? "-"
        : $"({SearchKey.Of(new TagFilter(null, a.TagConditions ?? [], null))}{Key(a.HierarchyGroupCondition)})";

    private static string Key(HierarchyMatch? h) => h is null ? "-" : $"h{Quote(h.Value)}{Quote(h.HierarchyGroupMatchType)}";

    private static string Key(ListMatch? l)
    {
        if (l is null)
        {
            return "-";
        }

        var text = new StringBuilder($"l{Quote(l.TargetListType)}[");
        foreach (var c in l.Conditions ?? [])
        {
            text.Append(SearchKey.Of(c.StringCondition is null ? null : new Criteria(null, null, c.StringCondition)));
            text.Append(c.NumberCondition is { } n
                ? $"n{Quote(n.FieldName)}{Quote(n.ComparisonType)}{Quote(n.MinValue?.ToString(CultureInfo.InvariantCulture))}{Quote(n.MaxValue?.ToString(CultureInfo.InvariantCulture))}"
                : "-");
        }

        return text.Append(']').ToString();
    }

    private static string Quote(string? text) => text is null ? "~" : $"{text.Length}:{text}";
}
