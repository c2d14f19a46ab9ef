using ConnectLocal.Core.Common;
using ConnectLocal.Core.Resources;

namespace ConnectLocal.Core.RoutingProfiles;

/// <summary>A leaf string condition: FieldName, Value and ComparisonType (EXACT, CONTAINS, STARTS_WITH).</summary>
public sealed record StringMatch(string? FieldName, string? Value, string? ComparisonType);

/// <summary>A search criteria node: any of its members may be set, and all that are set must hold.</summary>
public sealed record ProfileCriteria(IReadOnlyList<ProfileCriteria>? OrConditions, IReadOnlyList<ProfileCriteria>? AndConditions, StringMatch? StringCondition);

/// <summary>A tag condition: the resource has the tag key with this value (any value when Value is null).</summary>
public sealed record TagMatch(string? Key, string? Value);

/// <summary>ControlPlaneTagFilter: OrConditions is an OR of ANDs; AndConditions an AND; TagCondition a single condition.</summary>
public sealed record TagFilter(IReadOnlyList<IReadOnlyList<TagMatch>>? OrConditions, IReadOnlyList<TagMatch>? AndConditions, TagMatch? TagCondition);

/// <summary>
/// SearchRoutingProfiles' criteria and tag filter. The field names are those RoutingProfileSearchCriteria documents:
/// associatedQueueIds, name, description, resourceID.
/// [choice] Field names match case-insensitively (so "resourceId" works too). Text comparisons: EXACT is
/// case-sensitive (as names are unique case-sensitively); CONTAINS and STARTS_WITH ignore case. Ids compare exactly.
/// The documented 2–25 character range of "contains" values is not enforced. A criteria node with several members
/// set requires all of them; an empty node matches everything. Tag keys and values compare exactly.
/// </summary>
public static class RoutingProfileSearch
{
    private static readonly string[] Fields = ["associatedQueueIds", "name", "description", "resourceID"];
    private static readonly string[] Comparisons = ["EXACT", "CONTAINS", "STARTS_WITH"];

    /// <summary>Refuses a malformed query before anything is searched, so the answer does not depend on the data.</summary>
    public static void Validate(ProfileCriteria? criteria, TagFilter? filter)
    {
        if (criteria is not null)
        {
            Validate(criteria);
        }

        if (filter is not null)
        {
            foreach (var tag in Tags(filter))
            {
                if (string.IsNullOrEmpty(tag.Key))
                {
                    throw Errors.InvalidParameter("Invalid parameter: a TagCondition requires a TagKey");
                }
            }
        }
    }

    public static bool Matches(RoutingProfile profile, ProfileCriteria? criteria, TagFilter? filter) =>
        (criteria is null || Matches(profile, criteria)) && (filter is null || Matches(profile.Tags, filter));

    private static void Validate(ProfileCriteria node)
    {
        foreach (var child in (node.OrConditions ?? []).Concat(node.AndConditions ?? []))
        {
            Validate(child);
        }

        if (node.StringCondition is { } s)
        {
            if (s.FieldName is null || s.Value is null || s.ComparisonType is null)
            {
                throw Errors.InvalidParameter("Invalid parameter: a StringCondition requires FieldName, Value and ComparisonType");
            }

            if (Field(s.FieldName) is null)
            {
                throw Errors.InvalidParameter(
                    $"Invalid parameter: FieldName {s.FieldName} is not supported; use one of {string.Join(", ", Fields)}");
            }

            if (!Comparisons.Contains(s.ComparisonType, StringComparer.Ordinal))
            {
                throw Errors.InvalidParameter($"Invalid parameter: ComparisonType {s.ComparisonType}");
            }
        }
    }

    private static bool Matches(RoutingProfile profile, ProfileCriteria node) =>
        (node.OrConditions is not { Count: > 0 } anyOf || anyOf.Any(c => Matches(profile, c)))
        && (node.AndConditions is null || node.AndConditions.All(c => Matches(profile, c)))
        && (node.StringCondition is null || Matches(profile, node.StringCondition));

    private static bool Matches(RoutingProfile profile, StringMatch condition)
    {
        var value = condition.Value!;
        return Field(condition.FieldName!) switch
        {
            "name" => Text(profile.Name, value, condition.ComparisonType!),
            "description" => Text(profile.Description, value, condition.ComparisonType!),
            "resourceID" => Id(profile.Id, value, condition.ComparisonType!),
            "associatedQueueIds" => profile.AssociatedQueueIds.Any(q => Id(q, value, condition.ComparisonType!)),
            _ => false,
        };
    }

    private static bool Text(string? text, string value, string comparison) => text is not null && comparison switch
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

    private static bool Matches(IReadOnlyDictionary<string, string> tags, TagFilter filter) =>
        (filter.OrConditions is not { Count: > 0 } anyOf || anyOf.Any(all => all.All(t => Has(tags, t))))
        && (filter.AndConditions is null || filter.AndConditions.All(t => Has(tags, t)))
        && (filter.TagCondition is null || Has(tags, filter.TagCondition));

    private static bool Has(IReadOnlyDictionary<string, string> tags, TagMatch tag) =>
        tags.TryGetValue(tag.Key!, out var value) && (tag.Value is null || value == tag.Value);

    private static IEnumerable<TagMatch> Tags(TagFilter filter) =>
        (filter.OrConditions ?? []).SelectMany(all => all)
            .Concat(filter.AndConditions ?? [])
            .Concat(filter.TagCondition is null ? [] : [filter.TagCondition]);

    private static string? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
}
