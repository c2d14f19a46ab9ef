using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>SearchViews, SearchHoursOfOperationOverrides and SearchRules (issue 15, config-rest), specified in-process.</summary>
public sealed class ConfigSearchSpecs : IDisposable
{
    private const string Template = """{"Head":{"Title":"Form"},"Body":[]}""";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public ConfigSearchSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "config-search-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void SearchViews_finds_views_by_name_status_and_tags_and_shows_their_saved_content()
    {
        var draft = View("refund draft", "SAVED", new() { ["team"] = "billing" });
        var live = View("refund form", "PUBLISHED", new() { ["team"] = "support" });
        View("survey", "PUBLISHED", []);

        var byName = Search(new ViewSearchCriteria { StringCondition = new StringCondition { FieldName = "name", Value = "REFUND", ComparisonType = "CONTAINS" } });
        Assert.Equal(new[] { draft.Id, live.Id }.Order(), byName.Views!.Select(v => v.Id).Order());
        Assert.Equal(2, byName.ApproximateTotalCount);

        var saved = Search(new ViewSearchCriteria { ViewStatusCondition = "SAVED" }).Views!;
        var shown = Assert.Single(saved);
        Assert.Equal((draft.Id, draft.Arn, "SAVED", "CUSTOMER_MANAGED", Template), (shown.Id, shown.Arn, shown.Status, shown.Type, shown.Content!.Template));
        Assert.Equal("billing", shown.Tags!["team"]);

        var tagged = Search(null, new ViewSearchFilter { AttributeFilter = new ControlPlaneAttributeFilter { TagCondition = new TagCondition { TagKey = "team", TagValue = "support" } } });
        Assert.Equal(live.Id, Assert.Single(tagged.Views!).Id);

        var both = Search(new ViewSearchCriteria
        {
            AndConditions =
            [
                new() { ViewTypeCondition = "CUSTOMER_MANAGED" },
                new() { OrConditions = [new() { StringCondition = new() { FieldName = "resourceID", Value = live.Id, ComparisonType = "EXACT" } }, new() { ViewStatusCondition = "SAVED" }] },
            ],
        });
        Assert.Equal(new[] { draft.Id, live.Id }.Order(), both.Views!.Select(v => v.Id).Order());
    }

    [Fact]
    public void SearchViews_pages_and_refuses_unknown_fields()
    {
        for (var i = 0; i < 3; i++)
        {
            View($"view {i}", "SAVED", []);
        }

        var first = _client.Invoke<SearchViewsResponse>(new SearchViewsRequest { InstanceId = _instanceId, MaxResults = 2 });
        var second = _client.Invoke<SearchViewsResponse>(new SearchViewsRequest { InstanceId = _instanceId, MaxResults = 2, NextToken = first.NextToken });
        Assert.Equal(3, first.Views!.Concat(second.Views!).Select(v => v.Id).Distinct().Count());
        Assert.Null(second.NextToken);
        Assert.Equal(3, first.ApproximateTotalCount);

        var unknown = new SearchViewsRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new ViewSearchCriteria { StringCondition = new StringCondition { FieldName = "template", Value = "x", ComparisonType = "EXACT" } },
        };
        _client.Fails(unknown, "InvalidParameterException");
        _client.Fails(new SearchViewsRequest { InstanceId = _instanceId, MaxResults = 2, NextToken = first.NextToken, SearchCriteria = new ViewSearchCriteria { ViewStatusCondition = "SAVED" } }, "InvalidRequestException");
    }

    [Fact]
    public void SearchHoursOfOperationOverrides_searches_every_hours_overrides_by_name_and_dates()
    {
        var weekdays = Hours("weekdays", new() { ["site"] = "east" });
        var weekend = Hours("weekend", []);
        var christmas = Override(weekdays.HoursOfOperationId!, "christmas", "2026-12-24", "2026-12-26");
        var newYear = Override(weekend.HoursOfOperationId!, "new year", "2026-12-31", "2027-01-01");
        Override(weekend.HoursOfOperationId!, "summer", "2026-07-01", "2026-08-31");

        var byName = SearchOverrides(new HoursOfOperationOverrideSearchCriteria { StringCondition = new() { FieldName = "name", Value = "chr", ComparisonType = "STARTS_WITH" } });
        var found = Assert.Single(byName.HoursOfOperationOverrides!);
        Assert.Equal((christmas, weekdays.HoursOfOperationId, weekdays.HoursOfOperationArn, "2026-12-24"), (found.HoursOfOperationOverrideId, found.HoursOfOperationId, found.HoursOfOperationArn, found.EffectiveFrom));
        Assert.Equal(1, byName.ApproximateTotalCount);

        var december = SearchOverrides(new HoursOfOperationOverrideSearchCriteria
        {
            AndConditions =
            [
                new() { DateCondition = new DateCondition { FieldName = "effectiveFrom", Value = "2026-12-01", ComparisonType = "GREATER_THAN_OR_EQUAL_TO" } },
                new() { DateCondition = new DateCondition { FieldName = "effectiveTill", Value = "2027-01-01", ComparisonType = "LESS_THAN" } },
            ],
        });
        Assert.Equal(christmas, Assert.Single(december.HoursOfOperationOverrides!).HoursOfOperationOverrideId);

        var exact = SearchOverrides(new HoursOfOperationOverrideSearchCriteria { DateCondition = new() { FieldName = "effectiveTill", Value = "2027-01-01", ComparisonType = "EQUAL_TO" } });
        Assert.Equal(newYear, Assert.Single(exact.HoursOfOperationOverrides!).HoursOfOperationOverrideId);

        var ofHours = SearchOverrides(new HoursOfOperationOverrideSearchCriteria { StringCondition = new() { FieldName = "hoursOfOperationId", Value = weekend.HoursOfOperationId, ComparisonType = "EXACT" } });
        Assert.Equal(2, ofHours.HoursOfOperationOverrides!.Count);

        var tagged = SearchOverrides(null, new HoursOfOperationSearchFilter { TagFilter = new ControlPlaneTagFilter { TagCondition = new() { TagKey = "site", TagValue = "east" } } });
        Assert.Equal(christmas, Assert.Single(tagged.HoursOfOperationOverrides!).HoursOfOperationOverrideId);
    }

    [Fact]
    public void SearchHoursOfOperationOverrides_refuses_incomplete_and_unknown_date_conditions()
    {
        var incomplete = new SearchHoursOfOperationOverridesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new() { DateCondition = new DateCondition { FieldName = "effectiveFrom", Value = "2026-01-01" } },
        };
        Assert.Contains("DateCondition", _client.Fails(incomplete, "InvalidParameterException").Message);
        var unknown = new SearchHoursOfOperationOverridesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new() { DateCondition = new DateCondition { FieldName = "name", Value = "2026-01-01", ComparisonType = "EQUAL_TO" } },
        };
        Assert.Contains("effectiveFrom", _client.Fails(unknown, "InvalidParameterException").Message);
        _client.Fails(new SearchHoursOfOperationOverridesRequest { InstanceId = "11111111-2222-4333-8444-555555555555" }, "ResourceNotFoundException");
    }

    [Fact]
    public void SearchRules_finds_rules_by_the_fields_the_prose_names()
    {
        var draft = Rule("negative calls", "OnPostCallAnalysisAvailable", "DRAFT", new RuleAction { ActionType = "GENERATE_EVENTBRIDGE_EVENT", EventBridgeAction = new() { Name = "n" } });
        var live = Rule("chat alert", "OnRealTimeChatAnalysisAvailable", "PUBLISHED", new RuleAction { ActionType = "ASSIGN_CONTACT_CATEGORY", AssignContactCategoryAction = new() });

        var published = SearchRules(new RulesSearchCriteria { StringCondition = new() { FieldName = "PublishStatus", Value = "PUBLISHED", ComparisonType = "EXACT" } });
        var shown = Assert.Single(published.Rules!);
        Assert.Equal((live.RuleId, live.RuleArn, "chat alert", "OnRealTimeChatAnalysisAvailable"), (shown.RuleId, shown.RuleArn, shown.Name, shown.TriggerEventSource!.EventSourceName));
        Assert.Equal("ASSIGN_CONTACT_CATEGORY", Assert.Single(shown.ActionSummaries!).ActionType);
        Assert.Equal(1, published.ApproximateTotalCount);

        var byAction = SearchRules(new RulesSearchCriteria { StringCondition = new() { FieldName = "ActionSummaries", Value = "GENERATE_EVENTBRIDGE_EVENT", ComparisonType = "EXACT" } });
        Assert.Equal(draft.RuleId, Assert.Single(byAction.Rules!).RuleId);

        var either = SearchRules(new RulesSearchCriteria
        {
            OrConditions =
            [
                new() { StringCondition = new() { FieldName = "Name", Value = "NEGATIVE", ComparisonType = "CONTAINS" } },
                new() { StringCondition = new() { FieldName = "RuleId", Value = live.RuleId, ComparisonType = "EXACT" } },
            ],
        });
        Assert.Equal(2, either.Rules!.Count);

        _client.Invoke(new TagResourceRequest { ResourceArn = draft.RuleArn, Tags = new() { ["tier"] = "gold" } });
        var tagged = _client.Invoke<SearchRulesResponse>(new SearchRulesRequest
        {
            InstanceId = _instanceId,
            SearchFilter = new RulesSearchFilter { AttributeFilter = new RuleAttributeFilter { OrConditions = [new() { TagConditions = [new() { TagKey = "tier", TagValue = "gold" }] }] } },
        });
        Assert.Equal(draft.RuleId, Assert.Single(tagged.Rules!).RuleId);
        Assert.Empty(SearchRules(new RulesSearchCriteria { StringCondition = new() { FieldName = "RuleCapabilityTiers", Value = "GenerativeAI", ComparisonType = "EXACT" } }).Rules!);
        _client.Fails(new SearchRulesRequest { InstanceId = _instanceId, SearchCriteria = new() { StringCondition = new() { FieldName = "Function", Value = "x", ComparisonType = "EXACT" } } }, "InvalidParameterException");
    }

    private View View(string name, string status, Dictionary<string, string> tags) => _client.Invoke<CreateViewResponse>(new CreateViewRequest
    {
        InstanceId = _instanceId, Name = name, Status = status, Content = new ViewInputContent { Template = Template, Actions = ["Go"] }, Tags = tags.Count == 0 ? null : tags,
    }).View!;

    private SearchViewsResponse Search(ViewSearchCriteria? criteria, ViewSearchFilter? filter = null) =>
        _client.Invoke<SearchViewsResponse>(new SearchViewsRequest { InstanceId = _instanceId, SearchCriteria = criteria, SearchFilter = filter });

    private CreateHoursOfOperationResponse Hours(string name, Dictionary<string, string> tags) => _client.Invoke<CreateHoursOfOperationResponse>(new CreateHoursOfOperationRequest
    {
        InstanceId = _instanceId,
        Name = name,
        TimeZone = "America/New_York",
        Config = [new HoursOfOperationConfig { Day = "MONDAY", StartTime = new() { Hours = 9, Minutes = 0 }, EndTime = new() { Hours = 17, Minutes = 0 } }],
        Tags = tags.Count == 0 ? null : tags,
    });

    private string Override(string hoursId, string name, string from, string till) => _client.Invoke<CreateHoursOfOperationOverrideResponse>(new CreateHoursOfOperationOverrideRequest
    {
        InstanceId = _instanceId,
        HoursOfOperationId = hoursId,
        Name = name,
        EffectiveFrom = from,
        EffectiveTill = till,
        OverrideType = "CLOSED",
        Config = [new HoursOfOperationOverrideConfig { Day = "MONDAY", StartTime = new() { Hours = 12, Minutes = 0 }, EndTime = new() { Hours = 0, Minutes = 0 } }],
    }).HoursOfOperationOverrideId!;

    private SearchHoursOfOperationOverridesResponse SearchOverrides(HoursOfOperationOverrideSearchCriteria? criteria, HoursOfOperationSearchFilter? filter = null) =>
        _client.Invoke<SearchHoursOfOperationOverridesResponse>(new SearchHoursOfOperationOverridesRequest { InstanceId = _instanceId, SearchCriteria = criteria, SearchFilter = filter });

    private CreateRuleResponse Rule(string name, string source, string status, RuleAction action) => _client.Invoke<CreateRuleResponse>(new CreateRuleRequest
    {
        InstanceId = _instanceId,
        Name = name,
        TriggerEventSource = new RuleTriggerEventSource { EventSourceName = source },
        Function = "$.ContactLens.PostCall.Sentiment.Overall.Customer < 0",
        Actions = [action],
        PublishStatus = status,
    });

    private SearchRulesResponse SearchRules(RulesSearchCriteria criteria) =>
        _client.Invoke<SearchRulesResponse>(new SearchRulesRequest { InstanceId = _instanceId, SearchCriteria = criteria });
}
