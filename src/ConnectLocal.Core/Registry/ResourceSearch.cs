namespace ConnectLocal.Core.Registry;

/// <summary>A leaf string condition: FieldName, Value and ComparisonType (EXACT, CONTAINS, STARTS_WITH).</summary>
public sealed record StringMatch(string? FieldName, string? Value, string? ComparisonType);

/// <summary>A leaf date condition (DateCondition): FieldName, a yyyy-MM-dd Value and a DateComparisonType (GREATER_THAN, EQUAL_TO, …).</summary>
public sealed record DateMatch(string? FieldName, string? Value, string? ComparisonType);

/// <summary>
/// A search criteria node: any of its members may be set, and all that are set must hold. <see cref="Conditions"/>
/// are the node's other single-valued conditions by member name (TypeCondition: CONTACT_FLOW).
/// </summary>
public sealed record Criteria(
    IReadOnlyList<Criteria>? OrConditions,
    IReadOnlyList<Criteria>? AndConditions,
    StringMatch? StringCondition,
    IReadOnlyDictionary<string, string>? Conditions = null,
    DateMatch? DateCondition = null);

/// <summary>A tag condition: the resource has the tag key with this value (any value when Value is null).</summary>
public sealed record TagMatch(string? TagKey, string? TagValue);

/// <summary>ControlPlaneTagFilter: OrConditions is an OR of ANDs; AndConditions an AND; TagCondition a single condition.</summary>
public sealed record TagFilter(IReadOnlyList<IReadOnlyList<TagMatch>>? OrConditions, IReadOnlyList<TagMatch>? AndConditions, TagMatch? TagCondition);

/// <summary>How a <see cref="TagFilter"/> holds for a set of tags (the SearchX operations, SearchContacts' ContactTags).</summary>
public static class TagFilters
{
    public static bool Matches(IReadOnlyDictionary<string, string> tags, TagFilter filter) =>
        (filter.OrConditions is not { Count: > 0 } anyOf || anyOf.Any(all => all.All(t => Has(tags, t))))
        && (filter.AndConditions is null || filter.AndConditions.All(t => Has(tags, t)))
        && (filter.TagCondition is null || Has(tags, filter.TagCondition));

    /// <summary>Every condition of the filter, wherever it sits.</summary>
    public static IEnumerable<TagMatch> Conditions(TagFilter filter) =>
        (filter.OrConditions ?? []).SelectMany(all => all)
            .Concat(filter.AndConditions ?? [])
            .Concat(filter.TagCondition is null ? [] : [filter.TagCondition]);

    private static bool Has(IReadOnlyDictionary<string, string> tags, TagMatch tag) =>
        tags.TryGetValue(tag.TagKey!, out var value) && (tag.TagValue is null || value == tag.TagValue);
}

/// <summary>
/// The SearchX operations' criteria and tag filter over a declared type's <see cref="SearchField{T}"/>s.
/// [choice] Field names match case-insensitively (so "resourceId" works too). Text comparisons: EXACT is
/// case-sensitive (as names are unique case-sensitively); CONTAINS and STARTS_WITH ignore case. Ids compare exactly.
/// With <paramref name="boundedContains"/> (ResourceType.BoundedContains: the types whose search criteria document it --
/// queues, routing profiles, security profiles, flows, flow modules) a CONTAINS value on name or description is 2 to 25 characters;
/// [choice] one outside the range is InvalidParameterException (AWS says such queries "throw invalid results"). A criteria node with several members
/// set requires all of them; an empty node matches everything. Tag keys and values compare exactly. A DateCondition
/// names one of <paramref name="dates"/> (yyyy-MM-dd values, compared as dates); a resource without that date fails it.
/// </summary>
public sealed class ResourceSearch<T>(
    IReadOnlyList<SearchField<T>> fields, IReadOnlyList<SearchField<T>>? conditions = null, IReadOnlyList<SearchField<T>>? dates = null,
    bool boundedContains = false)
{
    /// <summary>The documented length range of a CONTAINS value on name or description.</summary>
    public const int ContainsMin = 2;

    public const int ContainsMax = 25;

    private static readonly string[] BoundedFields = ["name", "description"];

    private static readonly string[] Comparisons = ["EXACT", "CONTAINS", "STARTS_WITH"];

    private static readonly string[] DateComparisons = ["GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL_TO", "LESS_THAN_OR_EQUAL_TO", "EQUAL_TO"];

    /// <summary>Refuses a malformed query before anything is searched, so the answer does not depend on the data.</summary>
    public void Validate(Criteria? criteria, TagFilter? filter)
    {
        if (criteria is not null)
        {
            Validate(criteria);
        }

        foreach (var tag in filter is null ? [] : TagFilters.Conditions(filter))
        {
            if (string.IsNullOrEmpty(tag.TagKey))
            {
                throw Errors.InvalidParameter(ErrorTexts.TagConditionWithoutKey);
            }
        }
    }

    public bool Matches(T resource, IReadOnlyDictionary<string, string> tags, Criteria? criteria, TagFilter? filter) =>
        (criteria is null || Matches(resource, criteria)) && (filter is null || TagFilters.Matches(tags, filter));

    private void Validate(Criteria node)
    {
        foreach (var child in (node.OrConditions ?? []).Concat(node.AndConditions ?? []))
        {
            Validate(child);
        }

        foreach (var name in (node.Conditions ?? new Dictionary<string, string>()).Keys.Where(n => Condition(n) is null))
        {
            throw Errors.InvalidParameter(ErrorTexts.UnsupportedSearchField(name, (conditions ?? []).Select(f => f.Name)));
        }

        if (node.StringCondition is { } s)
        {
            if (s.FieldName is null || s.Value is null || s.ComparisonType is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.IncompleteStringCondition);
            }

            if (Field(s.FieldName) is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.UnsupportedSearchField(s.FieldName, fields.Select(f => f.Name)));
            }

            if (!Comparisons.Contains(s.ComparisonType, StringComparer.Ordinal))
            {
                throw Errors.InvalidParameter(ErrorTexts.UnsupportedComparison(s.ComparisonType));
            }

            CheckContainsLength(s);
        }

        if (node.DateCondition is { } d)
        {
            if (d.FieldName is null || d.Value is null || d.ComparisonType is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.IncompleteDateCondition);
            }

            if (Date(d.FieldName) is null)
            {
                throw Errors.InvalidParameter(ErrorTexts.UnsupportedSearchField(d.FieldName, (dates ?? []).Select(f => f.Name)));
            }

            if (!DateComparisons.Contains(d.ComparisonType, StringComparer.Ordinal))
            {
                throw Errors.InvalidParameter(ErrorTexts.UnsupportedComparison(d.ComparisonType));
            }
        }
    }

    /// <summary>The shared 2–25 character rule of CONTAINS values on name and description (see the class summary).</summary>
    private void CheckContainsLength(StringMatch s)
    {
        if (boundedContains && s.ComparisonType == "CONTAINS" && BoundedFields.Contains(s.FieldName!, StringComparer.OrdinalIgnoreCase)
            && s.Value!.EnumerateRunes().Count() is < ContainsMin or > ContainsMax)
        {
            throw Errors.InvalidParameter(ErrorTexts.ContainsValueLength(s.FieldName!, ContainsMin, ContainsMax));
        }
    }

    private bool Matches(T resource, Criteria node) =>
        (node.OrConditions is not { Count: > 0 } anyOf || anyOf.Any(c => Matches(resource, c)))
        && (node.AndConditions is null || node.AndConditions.All(c => Matches(resource, c)))
        && (node.StringCondition is null || Matches(resource, node.StringCondition))
        && (node.DateCondition is null || Matches(resource, node.DateCondition))
        && (node.Conditions ?? new Dictionary<string, string>()).All(c => Condition(c.Key)!.Values(resource).Contains(c.Value, StringComparer.Ordinal));

    private bool Matches(T resource, StringMatch condition)
    {
        var field = Field(condition.FieldName!)!;
        var value = condition.Value!;
        return field.Values(resource).Any(v => v is not null && (field.IsId ? Id(v, value, condition.ComparisonType!) : Text(v, value, condition.ComparisonType!)));
    }

    // yyyy-MM-dd values order as their dates when compared ordinally.
    private bool Matches(T resource, DateMatch condition) =>
        Date(condition.FieldName!)!.Values(resource).Any(v => v is not null && string.CompareOrdinal(v, condition.Value!) is var order && condition.ComparisonType switch
        {
            "GREATER_THAN" => order > 0,
            "LESS_THAN" => order < 0,
            "GREATER_THAN_OR_EQUAL_TO" => order >= 0,
            "LESS_THAN_OR_EQUAL_TO" => order <= 0,
            _ => order == 0,
        });

    private static bool Text(string text, string value, string comparison) => comparison switch
    {
        "EXACT" => string.Equals(text, value, StringComparison.Ordinal),
        "CONTAINS" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
        "STARTS_WITH" => text.StartsWith(value, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool Id(string id, string value, string comparison) => comparison switch
    {
        "EXACT" => string.Equals(id, value, StringComparison.Ordinal),
        "CONTAINS" => id.Contains(value, StringComparison.Ordinal),
        "STARTS_WITH" => id.StartsWith(value, StringComparison.Ordinal),
        _ => false,
    };

    private SearchField<T>? Condition(string name) => (conditions ?? []).FirstOrDefault(f => f.Name == name);

    private SearchField<T>? Date(string name) => (dates ?? []).FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private SearchField<T>? Field(string name) => fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
