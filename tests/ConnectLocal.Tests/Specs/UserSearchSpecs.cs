using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>SearchQueues, SearchHoursOfOperations and SearchUsers; user config, predefined attributes and proficiencies.</summary>
public sealed class UserSearchSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public UserSearchSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "users-search-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    private string BasicHoursId => _client.Invoke<ListHoursOfOperationsResponse>(new ListHoursOfOperationsRequest { InstanceId = _instanceId })
        .HoursOfOperationSummaryList!.Single(h => h.Name == "Basic Hours").Id!;

    private CreateQueueResponse Queue(string name, Dictionary<string, string>? tags = null) => _client.Invoke<CreateQueueResponse>(new CreateQueueRequest
    {
        InstanceId = _instanceId,
        Name = name,
        Description = "desc " + name,
        HoursOfOperationId = BasicHoursId,
        OutboundCallerConfig = new OutboundCallerConfig { OutboundCallerIdName = "Caller " + name },
        Tags = tags,
    });

    private static StringCondition Text(string field, string value, string comparison = "EXACT") =>
        new() { FieldName = field, Value = value, ComparisonType = comparison };

    [Fact]
    public void SearchQueues_matches_names_and_tags_answers_the_Queue_shape_and_counts_all_matches()
    {
        var sales = Queue("sales-east", new Dictionary<string, string> { ["team"] = "sales" });
        Queue("sales-west");
        Queue("support");

        var result = _client.Invoke<SearchQueuesResponse>(new SearchQueuesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new QueueSearchCriteria { StringCondition = Text("name", "SALES", "STARTS_WITH") },
            SearchFilter = new QueueSearchFilter { TagFilter = new ControlPlaneTagFilter { TagCondition = new TagCondition { TagKey = "team", TagValue = "sales" } } },
        });

        var queue = Assert.Single(result.Queues!);
        Assert.Equal((sales.QueueId, sales.QueueArn, "Caller sales-east"), (queue.QueueId, queue.QueueArn, queue.OutboundCallerConfig!.OutboundCallerIdName));
        Assert.Equal("sales", queue.Tags!["team"]);
        Assert.Equal(1, result.ApproximateTotalCount);
        Assert.Equal(ConnectClient.DefaultStart, queue.LastModifiedTime);
    }

    [Fact]
    public void SearchQueues_pages_with_a_token_bound_to_the_criteria_and_QueueTypeCondition_keeps_standard_queues()
    {
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            Queue(name);
        }

        var criteria = new QueueSearchCriteria { QueueTypeCondition = "STANDARD", StringCondition = Text("name", "p", "STARTS_WITH") };
        var first = _client.Invoke<SearchQueuesResponse>(new SearchQueuesRequest { InstanceId = _instanceId, SearchCriteria = criteria, MaxResults = 2 });
        var second = _client.Invoke<SearchQueuesResponse>(new SearchQueuesRequest
        {
            InstanceId = _instanceId, SearchCriteria = criteria, MaxResults = 2, NextToken = first.NextToken,
        });

        Assert.Equal(3, first.ApproximateTotalCount);
        Assert.Equal(["p1", "p2", "p3"], first.Queues!.Concat(second.Queues!).Select(q => q.Name!).Order(StringComparer.Ordinal));
        Assert.Null(second.NextToken);
        _client.Fails(new SearchQueuesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new QueueSearchCriteria { StringCondition = Text("name", "q", "STARTS_WITH") },
            NextToken = first.NextToken,
        }, "InvalidRequestException");
        var unknownField = _client.Fails(new SearchQueuesRequest
        {
            InstanceId = _instanceId, SearchCriteria = new QueueSearchCriteria { StringCondition = Text("timezone", "UTC") },
        }, "InvalidParameterException");
        Assert.Contains("timezone", unknownField.Message);
    }

    [Fact]
    public void SearchHoursOfOperations_searches_by_timezone_and_shows_parent_hours()
    {
        var parent = _client.Invoke<CreateHoursOfOperationResponse>(new CreateHoursOfOperationRequest
        {
            InstanceId = _instanceId, Name = "parent", TimeZone = "Europe/Paris", Config = [],
        });
        _client.Invoke<CreateHoursOfOperationResponse>(new CreateHoursOfOperationRequest
        {
            InstanceId = _instanceId,
            Name = "child",
            TimeZone = "Europe/Paris",
            Config = [],
            ParentHoursOfOperationConfigs = [new ParentHoursOfOperationConfig { HoursOfOperationId = parent.HoursOfOperationId }],
            Tags = new Dictionary<string, string> { ["k"] = "v" },
        });

        var result = _client.Invoke<SearchHoursOfOperationsResponse>(new SearchHoursOfOperationsRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new HoursOfOperationSearchCriteria
            {
                AndConditions =
                [
                    new HoursOfOperationSearchCriteria { StringCondition = Text("timezone", "Europe/Paris") },
                    new HoursOfOperationSearchCriteria { StringCondition = Text("name", "chi", "CONTAINS") },
                ],
            },
        });

        var child = Assert.Single(result.HoursOfOperations!);
        Assert.Equal(("child", "v"), (child.Name, child.Tags!["k"]));
        Assert.Equal(parent.HoursOfOperationId, Assert.Single(child.ParentHoursOfOperations!).Id);
        var all = _client.Invoke<SearchHoursOfOperationsResponse>(new SearchHoursOfOperationsRequest { InstanceId = _instanceId });
        Assert.Equal(3, all.ApproximateTotalCount);
    }

    private (string RoutingProfileId, string SecurityProfileId) Profiles()
    {
        var routing = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = _instanceId }).RoutingProfileSummaryList![0].Id!;
        var security = _client.Invoke<ListSecurityProfilesResponse>(new ListSecurityProfilesRequest { InstanceId = _instanceId }).SecurityProfileSummaryList![0].Id!;
        return (routing, security);
    }

    private string User(string username, string? groupId = null, Dictionary<string, string>? tags = null, int afterContactWork = 0)
    {
        var (routing, security) = Profiles();
        return _client.Invoke<CreateUserResponse>(new CreateUserRequest
        {
            InstanceId = _instanceId,
            Username = username,
            Password = "Passw0rd!Passw0rd",
            IdentityInfo = new UserIdentityInfo { FirstName = "First " + username, LastName = "Last", Email = username + "@example.com" },
            PhoneConfig = new UserPhoneConfig { PhoneType = "SOFT_PHONE", AfterContactWorkTimeLimit = afterContactWork },
            SecurityProfileIds = [security],
            RoutingProfileId = routing,
            HierarchyGroupId = groupId,
            Tags = tags,
        }).UserId!;
    }

    private string Group(string name, string? parent = null) => _client.Invoke<CreateUserHierarchyGroupResponse>(new CreateUserHierarchyGroupRequest
    {
        InstanceId = _instanceId, Name = name, ParentGroupId = parent,
    }).HierarchyGroupId!;

    private SearchUsersResponse SearchUsers(UserSearchCriteria? criteria = null, UserSearchFilter? filter = null) =>
        _client.Invoke<SearchUsersResponse>(new SearchUsersRequest { InstanceId = _instanceId, SearchCriteria = criteria, SearchFilter = filter });

    [Fact]
    public void SearchUsers_finds_users_in_a_hierarchy_group_exactly_or_with_its_child_groups()
    {
        _client.Invoke(new UpdateUserHierarchyStructureRequest
        {
            InstanceId = _instanceId,
            HierarchyStructure = new HierarchyStructureUpdate { LevelOne = new HierarchyLevelUpdate { Name = "Org" }, LevelTwo = new HierarchyLevelUpdate { Name = "Team" } },
        });
        var org = Group("org");
        var team = Group("team", org);
        var boss = User("boss", org);
        var agent = User("agent", team);
        User("loner");

        HierarchyGroupCondition In(string group, string match) => new() { Value = group, HierarchyGroupMatchType = match };
        Assert.Equal([boss], SearchUsers(new UserSearchCriteria { HierarchyGroupCondition = In(org, "EXACT") }).Users!.Select(u => u.Id));
        Assert.Equal(new[] { agent, boss }.Order(StringComparer.Ordinal),
            SearchUsers(new UserSearchCriteria { HierarchyGroupCondition = In(org, "WITH_CHILD_GROUPS") }).Users!.Select(u => u.Id!).Order(StringComparer.Ordinal));
        var byFilter = SearchUsers(filter: new UserSearchFilter { UserAttributeFilter = new ControlPlaneUserAttributeFilter { HierarchyGroupCondition = In(team, "EXACT") } });
        Assert.Equal([agent], byFilter.Users!.Select(u => u.Id));
        Assert.Equal(team, byFilter.Users![0].HierarchyGroupId);
    }

    [Fact]
    public void SearchUsers_matches_names_and_tags_and_shows_the_summary_with_the_limit_in_milliseconds()
    {
        var ada = User("ada", tags: new Dictionary<string, string> { ["shift"] = "night" }, afterContactWork: 30);
        User("bob");

        var result = SearchUsers(
            new UserSearchCriteria
            {
                OrConditions =
                [
                    new UserSearchCriteria { StringCondition = Text("FirstName", "ADA", "CONTAINS") },
                    new UserSearchCriteria { StringCondition = Text("Username", "nobody") },
                ],
            },
            new UserSearchFilter { TagFilter = new ControlPlaneTagFilter { AndConditions = [new TagCondition { TagKey = "shift", TagValue = "night" }] } });

        var user = Assert.Single(result.Users!);
        Assert.Equal((ada, "ada", "First ada", "Last"), (user.Id, user.Username, user.IdentityInfo!.FirstName, user.IdentityInfo.LastName));
        Assert.Equal(30_000, user.PhoneConfig!.AfterContactWorkTimeLimit);
        Assert.Equal("night", user.Tags!["shift"]);
        var (routing, security) = Profiles();
        Assert.Equal(2, SearchUsers(new UserSearchCriteria { StringCondition = Text("SecurityProfileId", security) }).ApproximateTotalCount);
        Assert.Equal(2, SearchUsers(new UserSearchCriteria { StringCondition = Text("RoutingProfileId", routing) }).ApproximateTotalCount);
        Assert.Equal([ada], SearchUsers(new UserSearchCriteria { StringCondition = Text("resourceId", ada) }).Users!.Select(u => u.Id));
    }

    [Fact]
    public void SearchUsers_refuses_a_TagFilter_with_a_UserAttributeFilter_and_an_attribute_filter_with_two_fields()
    {
        var tag = new TagCondition { TagKey = "k", TagValue = "v" };
        _client.Fails(new SearchUsersRequest
        {
            InstanceId = _instanceId,
            SearchFilter = new UserSearchFilter { TagFilter = new ControlPlaneTagFilter { TagCondition = tag }, UserAttributeFilter = new ControlPlaneUserAttributeFilter { TagCondition = tag } },
        }, "AccessDeniedException");
        _client.Fails(new SearchUsersRequest
        {
            InstanceId = _instanceId,
            SearchFilter = new UserSearchFilter
            {
                UserAttributeFilter = new ControlPlaneUserAttributeFilter
                {
                    TagCondition = tag, HierarchyGroupCondition = new HierarchyGroupCondition { Value = "g", HierarchyGroupMatchType = "EXACT" },
                },
            },
        }, "InvalidParameterException");
        _client.Fails(new SearchUsersRequest
        {
            InstanceId = _instanceId,
            SearchFilter = new UserSearchFilter
            {
                UserAttributeFilter = new ControlPlaneUserAttributeFilter { AndCondition = new AttributeAndCondition { TagConditions = Enumerable.Repeat(tag, 26).ToList() } },
            },
        }, "InvalidParameterException");
        _client.Fails(new SearchUsersRequest
        {
            InstanceId = _instanceId, SearchCriteria = new UserSearchCriteria { StringCondition = Text("Email", "x") },
        }, "InvalidParameterException");
    }

    [Fact]
    public void UpdateUserConfig_sets_channels_the_VOICE_entries_are_PhoneConfig_and_DescribeUser_shows_both()
    {
        var user = User("config", afterContactWork: 10);
        _client.Advance(TimeSpan.FromMinutes(1));

        _client.Invoke(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId,
            UserId = user,
            AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "CHAT", AutoAccept = true }, new AutoAcceptConfig { Channel = "VOICE", AutoAccept = true, AgentFirstCallbackAutoAccept = true }],
            AfterContactWorkConfigs = [new AfterContactWorkConfigPerChannel { Channel = "VOICE", AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = 90 } }],
            PhoneNumberConfigs = [new PhoneNumberConfig { Channel = "VOICE", PhoneType = "DESK_PHONE", PhoneNumber = "+12065550100" }],
            VoiceEnhancementConfigs = [new VoiceEnhancementConfig { Channel = "VOICE", VoiceEnhancementMode = "NOISE_SUPPRESSION" }],
        });

        var described = _client.Invoke<DescribeUserResponse>(new DescribeUserRequest { InstanceId = _instanceId, UserId = user }).User!;
        Assert.Equal(("DESK_PHONE", "+12065550100", true, 90), (described.PhoneConfig!.PhoneType, described.PhoneConfig.DeskPhoneNumber, described.PhoneConfig.AutoAccept, described.PhoneConfig.AfterContactWorkTimeLimit));
        Assert.Equal(["VOICE True", "CHAT True"], described.AutoAcceptConfigs!.Select(c => $"{c.Channel} {c.AutoAccept}"));
        Assert.True(described.AutoAcceptConfigs!.Single(c => c.Channel == "VOICE").AgentFirstCallbackAutoAccept);
        Assert.Equal(90, Assert.Single(described.AfterContactWorkConfigs!).AfterContactWorkConfig!.AfterContactWorkTimeLimit);
        Assert.Equal("+12065550100", Assert.Single(described.PhoneNumberConfigs!).PhoneNumber);
        Assert.Equal("NOISE_SUPPRESSION", Assert.Single(described.VoiceEnhancementConfigs!).VoiceEnhancementMode);
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(1), described.LastModifiedTime);

        _client.Invoke(new UpdateUserPhoneConfigRequest { InstanceId = _instanceId, UserId = user, PhoneConfig = new UserPhoneConfig { PhoneType = "SOFT_PHONE", AfterContactWorkTimeLimit = 5 } });
        var after = _client.Invoke<DescribeUserResponse>(new DescribeUserRequest { InstanceId = _instanceId, UserId = user }).User!;
        Assert.Equal("SOFT_PHONE", Assert.Single(after.PhoneNumberConfigs!).PhoneType);
        Assert.Equal(5, after.AfterContactWorkConfigs!.Single(c => c.Channel == "VOICE").AfterContactWorkConfig!.AfterContactWorkTimeLimit);
        Assert.True(after.AutoAcceptConfigs!.Single(c => c.Channel == "CHAT").AutoAccept);
    }

    [Fact]
    public void UpdateUserConfig_enforces_the_documented_voice_only_lists_and_limits()
    {
        var user = User("rules");

        _client.Fails(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId, UserId = user, PhoneNumberConfigs = [new PhoneNumberConfig { Channel = "CHAT", PhoneType = "SOFT_PHONE" }],
        }, "InvalidParameterException");
        _client.Fails(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId, UserId = user, PhoneNumberConfigs = [new PhoneNumberConfig { Channel = "VOICE", PhoneType = "DESK_PHONE" }],
        }, "InvalidParameterException");
        _client.Fails(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId,
            UserId = user,
            AfterContactWorkConfigs = [new AfterContactWorkConfigPerChannel { Channel = "TASK", AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = 2_000_001 } }],
        }, "InvalidParameterException");
        _client.Fails(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId,
            UserId = user,
            AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "CHAT", AutoAccept = true }, new AutoAcceptConfig { Channel = "CHAT", AutoAccept = false }],
        }, "InvalidParameterException");
        _client.Fails(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId, UserId = user, AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "EMAIL", AutoAccept = true, AgentFirstCallbackAutoAccept = true }],
        }, "InvalidParameterException");
        _client.Fails(new UpdateUserConfigRequest
        {
            InstanceId = _instanceId, UserId = "00000000-0000-4000-8000-000000000000", AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "CHAT", AutoAccept = true }],
        }, "ResourceNotFoundException");
        var unchanged = _client.Invoke<DescribeUserResponse>(new DescribeUserRequest { InstanceId = _instanceId, UserId = user }).User!;
        Assert.Equal(["VOICE"], unchanged.AutoAcceptConfigs!.Select(c => c.Channel));
        Assert.Null(unchanged.VoiceEnhancementConfigs);
    }
    private void Attribute(string name, params string[] values) => _client.Invoke(new CreatePredefinedAttributeRequest
    {
        InstanceId = _instanceId, Name = name, Values = new PredefinedAttributeValues { StringList = values.ToList() },
    });

    private static UserProficiency Skill(string name, string value, float level) => new() { AttributeName = name, AttributeValue = value, Level = level };

    [Fact]
    public void Predefined_attributes_are_named_unique_described_updated_and_held_by_proficiencies()
    {
        Attribute("Language", "English", "French");
        _client.Fails(new CreatePredefinedAttributeRequest { InstanceId = _instanceId, Name = "Language" }, "DuplicateResourceException");
        _client.Fails(new CreatePredefinedAttributeRequest { InstanceId = _instanceId, Name = "connect:Language" }, "InvalidParameterException");
        _client.Fails(new CreatePredefinedAttributeRequest
        {
            InstanceId = _instanceId, Name = "Twice", Values = new PredefinedAttributeValues { StringList = ["a", "a"] },
        }, "InvalidParameterException");

        var described = _client.Invoke<DescribePredefinedAttributeResponse>(new DescribePredefinedAttributeRequest { InstanceId = _instanceId, Name = "Language" }).PredefinedAttribute!;
        Assert.Equal(["English", "French"], described.Values!.StringList!);
        Assert.Equal(ConnectClient.DefaultStart, described.LastModifiedTime);

        var user = User("polyglot");
        _client.Invoke(new AssociateUserProficienciesRequest { InstanceId = _instanceId, UserId = user, UserProficiencies = [Skill("Language", "French", 4)] });
        _client.Fails(new AssociateUserProficienciesRequest { InstanceId = _instanceId, UserId = user, UserProficiencies = [Skill("Language", "German", 3)] }, "InvalidParameterException");
        _client.Fails(new AssociateUserProficienciesRequest { InstanceId = _instanceId, UserId = user, UserProficiencies = [Skill("Language", "English", 2.5f)] }, "InvalidParameterException");
        _client.Fails(new AssociateUserProficienciesRequest { InstanceId = _instanceId, UserId = user, UserProficiencies = [Skill("Missing", "x", 1)] }, "ResourceNotFoundException");

        _client.Fails(new UpdatePredefinedAttributeRequest
        {
            InstanceId = _instanceId, Name = "Language", Values = new PredefinedAttributeValues { StringList = ["English"] },
        }, "InvalidRequestException");
        var inUse = _client.Fails(new DeletePredefinedAttributeRequest { InstanceId = _instanceId, Name = "Language" }, "ResourceInUseException");
        Assert.Contains("Language", inUse.Message);

        _client.Invoke(new UpdateUserProficienciesRequest { InstanceId = _instanceId, UserId = user, UserProficiencies = [Skill("Language", "French", 5)] });
        _client.Fails(new UpdateUserProficienciesRequest { InstanceId = _instanceId, UserId = user, UserProficiencies = [Skill("Language", "English", 5)] }, "InvalidRequestException");
        var listed = _client.Invoke<ListUserProficienciesResponse>(new ListUserProficienciesRequest { InstanceId = _instanceId, UserId = user });
        Assert.Equal(("Language", "French", 5f), (listed.UserProficiencyList![0].AttributeName, listed.UserProficiencyList[0].AttributeValue, listed.UserProficiencyList[0].Level));

        var proficient = SearchUsers(new UserSearchCriteria
        {
            ListCondition = new ListCondition
            {
                TargetListType = "PROFICIENCIES",
                Conditions =
                [
                    new Condition { StringCondition = Text("name", "Language") },
                    new Condition { StringCondition = Text("value", "French") },
                    new Condition { NumberCondition = new NumberCondition { FieldName = "limit", MinValue = 4, ComparisonType = "GREATER_OR_EQUAL" } },
                ],
            },
        });
        Assert.Equal([user], proficient.Users!.Select(u => u.Id));

        _client.Invoke(new DisassociateUserProficienciesRequest
        {
            InstanceId = _instanceId, UserId = user, UserProficiencies = [new UserProficiencyDisassociate { AttributeName = "Language", AttributeValue = "French" }],
        });
        _client.Invoke(new DeletePredefinedAttributeRequest { InstanceId = _instanceId, Name = "Language" });
        _client.Fails(new DescribePredefinedAttributeRequest { InstanceId = _instanceId, Name = "Language" }, "ResourceNotFoundException");
    }
}
