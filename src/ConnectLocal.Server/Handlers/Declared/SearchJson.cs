using System.Text.Json;
using ConnectLocal.Core.Registry;

namespace ConnectLocal.Server.Handlers.Declared;

/// <summary>
/// A SearchX request's SearchCriteria and SearchFilter as Core reads them. Every criteria shape (QueueSearchCriteria,
/// ViewSearchCriteria, RulesSearchCriteria, …) has OrConditions, AndConditions and StringCondition and differs only in
/// its single-valued conditions, so all are read from their JSON: the declared searches from the request, the
/// hand-written ones (SearchQueues, SearchViews, …) from their typed request serialized back (ConnectApi.SearchOf).
/// </summary>
internal static class SearchJson
{
    public static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>
    /// A search's criteria: OrConditions, AndConditions, StringCondition and DateCondition as such, and every other
    /// member whose value is a string (SearchContactFlows' TypeCondition, SearchViews' ViewStatusCondition) as a named condition.
    /// </summary>
    public static Criteria? Criteria(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        List<Criteria>? Nodes(string name) => Member(element, name) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(Criteria).OfType<Criteria>().ToList()
            : null;

        var conditions = element.EnumerateObject()
            .Where(m => m.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
        return new Criteria(
            Nodes("OrConditions"),
            Nodes("AndConditions"),
            ShapeJson.FromElement<StringMatch>(Member(element, "StringCondition")),
            conditions.Count == 0 ? null : conditions,
            ShapeJson.FromElement<DateMatch>(Member(element, "DateCondition")));
    }

    /// <summary>
    /// A search's tag filter: its TagFilter, or its AttributeFilter (ControlPlaneAttributeFilter, RuleAttributeFilter:
    /// OrConditions of TagConditions lists, an AndCondition's TagConditions, a TagCondition) read as the same OR of ANDs.
    /// </summary>
    public static TagFilter? Filter(JsonElement searchFilter)
    {
        if (ShapeJson.FromElement<TagFilter>(Member(searchFilter, "TagFilter")) is { } tags)
        {
            return tags;
        }

        var attributes = Member(searchFilter, "AttributeFilter");
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        List<TagMatch>? Conditions(JsonElement and) => Member(and, "TagConditions") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(t => ShapeJson.FromElement<TagMatch>(t)).OfType<TagMatch>().ToList()
            : null;

        var or = Member(attributes, "OrConditions") is { ValueKind: JsonValueKind.Array } ors
            ? ors.EnumerateArray().Select(a => (IReadOnlyList<TagMatch>)(Conditions(a) ?? [])).ToList()
            : null;
        return new TagFilter(or, Conditions(Member(attributes, "AndCondition")), ShapeJson.FromElement<TagMatch>(Member(attributes, "TagCondition")));
    }
}
