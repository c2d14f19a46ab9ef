using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.HoursOverrides;

/// <summary>An override found by SearchHoursOfOperationOverrides, with the hours of operation it belongs to.</summary>
public sealed record OverrideOfHours(HoursOfOperationOverride Override, HoursOfOperation Hours);

/// <summary>
/// SearchHoursOfOperationOverrides: every override of the instance, whatever its hours of operation, under the criteria
/// and tag filter, in id order. AWS names no searchable fields for overrides; [choice] a StringCondition takes name,
/// description, resourceID (the override's id) and hoursOfOperationId, a DateCondition effectiveFrom and effectiveTill,
/// and the tag filter reads the tags of the override's hours of operation (overrides carry no tags of their own; the
/// operation's filter is the hours of operation's, HoursOfOperationSearchFilter).
/// </summary>
public sealed class HoursOverrideSearch(IConnectStore store)
{
    private static readonly ResourceSearch<HoursOfOperationOverride> Fields = new(
        [
            SearchField<HoursOfOperationOverride>.Text("name", o => o.OverrideName),
            SearchField<HoursOfOperationOverride>.Text("description", o => o.Description),
            SearchField<HoursOfOperationOverride>.Id("resourceID", o => o.Id),
            SearchField<HoursOfOperationOverride>.Id("hoursOfOperationId", o => o.HoursOfOperationId),
        ],
        dates:
        [
            SearchField<HoursOfOperationOverride>.Text("effectiveFrom", o => o.EffectiveFrom),
            SearchField<HoursOfOperationOverride>.Text("effectiveTill", o => o.EffectiveTill),
        ]);

    public SearchResult<OverrideOfHours> Search(Caller caller, string instanceIdOrArn, string listing, Criteria? criteria, TagFilter? filter, string? nextToken, int pageSize) => store.Read(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
        Fields.Validate(criteria, filter);
        var hours = session.All<HoursOfOperation>(scope).ToDictionary(h => h.Id, StringComparer.Ordinal);
        var matches = session.All<HoursOfOperationOverride>(scope)
            .Where(o => hours.ContainsKey(o.HoursOfOperationId) && Fields.Matches(o, hours[o.HoursOfOperationId].Tags, criteria, filter))
            .OrderBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => new OverrideOfHours(o, hours[o.HoursOfOperationId]))
            .ToList();
        var key = Paging.Listing(listing, [SearchKey.Of(criteria), SearchKey.Of(filter)]);
        return new SearchResult<OverrideOfHours>(Paging.Slice(session, scope, key, matches, m => m.Override.Id, nextToken, pageSize), matches.Count);
    });
}
