using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Security profiles and agent statuses (issue 15), specified in-process: the declared routine and the real rules.</summary>
public sealed class SecurityProfileSpecs : IDisposable
{
    private const string AiAgent = "arn:aws:wisdom:us-east-1:111111111111:ai-agent/00000000-0000-4000-8000-000000000001/00000000-0000-4000-8000-000000000002";
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public SecurityProfileSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "security-profile-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void The_default_profiles_carry_their_permission_sets()
    {
        var summaries = _client.Invoke<ListSecurityProfilesResponse>(new ListSecurityProfilesRequest { InstanceId = _instanceId }).SecurityProfileSummaryList!;
        Assert.Equal(["Admin", "Agent", "CallCenterManager", "QualityAnalyst"], summaries.Select(s => s.Name).Order(StringComparer.Ordinal));

        var agent = Permissions(summaries.Single(s => s.Name == "Agent").Id!);
        var admin = Permissions(summaries.Single(s => s.Name == "Admin").Id!);
        var analyst = Permissions(summaries.Single(s => s.Name == "QualityAnalyst").Id!);
        var manager = Permissions(summaries.Single(s => s.Name == "CallCenterManager").Id!);

        Assert.Equal(["BasicAgentAccess", "OutboundCallAccess"], agent);
        Assert.Contains("SecurityProfiles.Create", admin);
        Assert.Contains("Users.EditPermission", admin);
        Assert.Subset(admin.ToHashSet(), manager.ToHashSet());
        Assert.Subset(admin.ToHashSet(), analyst.ToHashSet());
        Assert.DoesNotContain("SecurityProfiles.Edit", manager);
        Assert.Contains("ListenCallRecordings", analyst);
        Assert.DoesNotContain("Users.Edit", analyst);
    }

    [Fact]
    public void A_created_profile_is_described_with_every_member_and_its_tags()
    {
        var created = Create("supervisors", description: "floor", permissions: ["Users.View", "AccessMetrics"], tags: new() { ["team"] = "ops" }, configure: r =>
        {
            r.AllowedAccessControlTags = new() { ["dept"] = "sales" };
            r.TagRestrictedResources = ["User", "Queue"];
            r.HierarchyRestrictedResources = ["User"];
            r.GranularAccessControlConfiguration = new GranularAccessControlConfiguration
            {
                DataTableAccessControlConfiguration = new DataTableAccessControlConfiguration
                {
                    PrimaryAttributeAccessControlConfiguration = new PrimaryAttributeAccessControlConfigurationItem
                    {
                        PrimaryAttributeValues = [new PrimaryAttributeValue { AccessType = "ALLOW", AttributeName = "region", Values = ["west"] }],
                    },
                },
            };
        });

        var profile = Describe(created.SecurityProfileId!);

        Assert.EndsWith($"instance/{_instanceId}/security-profile/{created.SecurityProfileId}", created.SecurityProfileArn);
        Assert.Equal((created.SecurityProfileId, created.SecurityProfileArn, "supervisors", "floor", _instanceId),
            (profile.Id, profile.Arn, profile.SecurityProfileName, profile.Description, profile.OrganizationResourceId));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "ops" }, profile.Tags);
        Assert.Equal(new Dictionary<string, string> { ["dept"] = "sales" }, profile.AllowedAccessControlTags);
        Assert.Equal(["User", "Queue"], profile.TagRestrictedResources!);
        Assert.Equal(["User"], profile.HierarchyRestrictedResources!);
        Assert.Equal("west", profile.GranularAccessControlConfiguration!.DataTableAccessControlConfiguration!.PrimaryAttributeAccessControlConfiguration!.PrimaryAttributeValues![0].Values![0]);
        Assert.Equal((ConnectClient.DefaultStart, ConnectClient.DefaultRegion), (profile.LastModifiedTime, profile.LastModifiedRegion));
        Assert.Equal(["Users.View", "AccessMetrics"], Permissions(created.SecurityProfileId!));
    }

    [Fact]
    public void A_profile_stored_before_profiles_were_created_by_API_still_reads_and_keeps_its_name()
    {
        // Earlier versions stored a default profile's name only as Name; the record now also answers SecurityProfileName.
        const string stored = """{"Name":"Agent","Description":"Default Agent security profile","Permissions":[],"Id":"p1","InstanceId":"i1","Arn":"a","Tags":{},"LastModifiedTime":"2026-01-15T09:00:00+00:00","LastModifiedRegion":"us-east-1"}""";

        var profile = ConnectLocal.Storage.ResourceSerializer.Deserialize<ConnectLocal.Core.Resources.SecurityProfile>(stored, remember: false);
        var again = ConnectLocal.Storage.ResourceSerializer.Deserialize<ConnectLocal.Core.Resources.SecurityProfile>(
            ConnectLocal.Storage.ResourceSerializer.Serialize(profile with { Description = "changed" }), remember: false);

        Assert.Equal(("Agent", "Agent"), (profile.Name, profile.SecurityProfileName));
        Assert.Equal(("Agent", "changed"), (again.SecurityProfileName, again.Description));
    }

    [Fact]
    public void Names_are_unique_in_an_instance()
    {
        Create("unique one");

        var error = _client.Fails(new CreateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileName = "unique one" }, "DuplicateResourceException");

        Assert.Contains("unique one", error.Message);
        _client.Fails(new CreateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileName = "Admin" }, "DuplicateResourceException");
    }

    [Fact]
    public void Hierarchy_restrictions_name_only_users()
    {
        _client.Fails(new CreateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileName = "h", HierarchyRestrictedResources = ["Queue"] }, "InvalidParameterException");
        var id = Create("h2").SecurityProfileId!;

        _client.Fails(new UpdateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id, HierarchyRestrictedResources = ["User", "Queue"] }, "InvalidParameterException");

        Assert.Null(Describe(id).HierarchyRestrictedResources);
    }

    [Fact]
    public void The_hierarchy_group_that_restricts_access_must_exist()
    {
        var error = _client.Fails(
            new CreateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileName = "g", AllowedAccessControlHierarchyGroupId = "no-such-group" }, "ResourceNotFoundException");

        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void A_third_party_application_is_granted_only_access_and_MCP_servers_their_tools()
    {
        _client.Fails(new CreateSecurityProfileRequest
        {
            InstanceId = _instanceId,
            SecurityProfileName = "apps",
            Applications = [new Application { Namespace = "crm.example.com", ApplicationPermissions = ["ACCESS", "ADMIN"], Type = "THIRD_PARTY_APPLICATION" }],
        }, "InvalidParameterException");

        var id = Create("apps", configure: r =>
        {
            r.Applications =
            [
                new Application { Namespace = "crm.example.com", ApplicationPermissions = ["ACCESS"], Type = "THIRD_PARTY_APPLICATION" },
                new Application { Namespace = "tools.example.com", ApplicationPermissions = ["lookup", "refund"], Type = "MCP" },
            ];
            r.AllowedFlowModules = [new FlowModule { Type = "MCP", FlowModuleId = "module-1" }];
        }).SecurityProfileId!;

        var applications = _client.Invoke<ListSecurityProfileApplicationsResponse>(new ListSecurityProfileApplicationsRequest { InstanceId = _instanceId, SecurityProfileId = id });
        var modules = _client.Invoke<ListSecurityProfileFlowModulesResponse>(new ListSecurityProfileFlowModulesRequest { InstanceId = _instanceId, SecurityProfileId = id });
        Assert.Equal(["crm.example.com", "tools.example.com"], applications.Applications!.Select(a => a.Namespace));
        Assert.Equal(["lookup", "refund"], applications.Applications![1].ApplicationPermissions!);
        Assert.Equal(ConnectClient.DefaultStart, applications.LastModifiedTime);
        Assert.Equal("module-1", modules.AllowedFlowModules!.Single().FlowModuleId);
        _client.Fails(new CreateSecurityProfileRequest
        {
            InstanceId = _instanceId,
            SecurityProfileName = "twice",
            AllowedFlowModules = [new FlowModule { Type = "MCP", FlowModuleId = "m" }, new FlowModule { Type = "MCP", FlowModuleId = "m" }],
        }, "InvalidParameterException");
    }

    [Fact]
    public void An_update_replaces_what_it_carries_keeps_the_rest_and_stamps_the_profile()
    {
        var id = Create("updated", description: "kept", permissions: ["Users.View"], tags: new() { ["k"] = "v" }).SecurityProfileId!;
        _client.Advance(TimeSpan.FromMinutes(3));

        _client.Invoke(new UpdateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id, Permissions = ["Queues.View", "Queues.Edit"] });

        var profile = Describe(id);
        Assert.Equal(("updated", "kept"), (profile.SecurityProfileName, profile.Description));
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v" }, profile.Tags);
        Assert.Equal(["Queues.View", "Queues.Edit"], Permissions(id));
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(3), profile.LastModifiedTime);
    }

    [Fact]
    public void Permissions_are_paged_in_the_order_sent()
    {
        var id = Create("paged", permissions: ["A.View", "B.View", "C.View"]).SecurityProfileId!;

        var first = _client.Invoke<ListSecurityProfilePermissionsResponse>(new ListSecurityProfilePermissionsRequest { InstanceId = _instanceId, SecurityProfileId = id, MaxResults = 2 });
        var second = _client.Invoke<ListSecurityProfilePermissionsResponse>(
            new ListSecurityProfilePermissionsRequest { InstanceId = _instanceId, SecurityProfileId = id, MaxResults = 2, NextToken = first.NextToken });

        Assert.Equal(["A.View", "B.View"], first.Permissions!);
        Assert.Equal(["C.View"], second.Permissions!);
        Assert.Null(second.NextToken);
        _client.Fails(new ListSecurityProfilePermissionsRequest { InstanceId = _instanceId, SecurityProfileId = "missing" }, "ResourceNotFoundException");
    }

    [Fact]
    public void A_profile_assigned_to_a_user_cannot_be_deleted()
    {
        var id = Create("in use").SecurityProfileId!;
        var agent = IdOf("Agent");
        var routing = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = _instanceId }).RoutingProfileSummaryList![0].Id;
        var holder = _client.Invoke<CreateUserResponse>(new CreateUserRequest
        {
            InstanceId = _instanceId,
            Username = "holder",
            Password = "Passw0rd!Passw0rd",
            IdentityInfo = new UserIdentityInfo { FirstName = "Ada", LastName = "Holder" },
            PhoneConfig = new UserPhoneConfig { PhoneType = "SOFT_PHONE" },
            SecurityProfileIds = [id],
            RoutingProfileId = routing,
        });
        var user = holder.UserId;

        var error = _client.Fails(new DeleteSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id }, "ResourceInUseException");
        Assert.Equal(("USER", holder.UserArn), (error.Fields["ResourceType"], error.Fields["ResourceId"]));
        Describe(id);

        _client.Invoke(new UpdateUserSecurityProfilesRequest { InstanceId = _instanceId, UserId = user, SecurityProfileIds = [agent] });
        _client.Invoke(new DeleteSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id });
        _client.Fails(new DescribeSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id }, "ResourceNotFoundException");
        _client.Fails(new DeleteSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id }, "ResourceNotFoundException");
    }

    [Fact]
    public void Search_finds_profiles_by_name_and_tag_and_refuses_other_fields()
    {
        Create("search-me-one", tags: new() { ["team"] = "a" });
        Create("search-me-two", tags: new() { ["team"] = "b" });

        var byName = Search(new SecurityProfileSearchCriteria { StringCondition = new StringCondition { FieldName = "name", Value = "search-me", ComparisonType = "STARTS_WITH" } }, null);
        var byTag = Search(null, new SecurityProfilesSearchFilter { TagFilter = new ControlPlaneTagFilter { TagCondition = new TagCondition { TagKey = "team", TagValue = "b" } } });

        Assert.Equal(["search-me-one", "search-me-two"], byName.SecurityProfiles!.Select(p => p.SecurityProfileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, byName.ApproximateTotalCount);
        Assert.Equal("search-me-two", byTag.SecurityProfiles!.Single().SecurityProfileName);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "b" }, byTag.SecurityProfiles!.Single().Tags);
        _client.Fails(new SearchSecurityProfilesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new SecurityProfileSearchCriteria { StringCondition = new StringCondition { FieldName = "description", Value = "x", ComparisonType = "CONTAINS" } },
        }, "InvalidParameterException");
    }

    [Fact]
    public void A_profile_of_another_account_or_Region_is_not_found()
    {
        var created = Create("mine only");

        _client.AsAccount("222222222222").Fails(new DescribeSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = created.SecurityProfileId }, "ResourceNotFoundException");
        _client.InRegion("us-west-2").Fails(new ListSecurityProfilePermissionsRequest { InstanceId = _instanceId, SecurityProfileId = created.SecurityProfileArn }, "ResourceNotFoundException");
    }

    [Fact]
    public void AI_agents_are_associated_with_profiles_and_listed_by_entity()
    {
        var one = Create("ai one").SecurityProfileId!;
        var two = Create("ai two").SecurityProfileId!;

        _client.Invoke(new AssociateSecurityProfilesRequest { InstanceId = _instanceId, EntityType = "AI_AGENT", EntityArn = AiAgent, SecurityProfiles = [new() { Id = one }, new() { Id = two }] });
        _client.Invoke(new DisassociateSecurityProfilesRequest { InstanceId = _instanceId, EntityType = "AI_AGENT", EntityArn = AiAgent, SecurityProfiles = [new() { Id = one }] });

        var listed = _client.Invoke<ListEntitySecurityProfilesResponse>(new ListEntitySecurityProfilesRequest { InstanceId = _instanceId, EntityType = "AI_AGENT", EntityArn = AiAgent });
        Assert.Equal([two], listed.SecurityProfiles!.Select(p => p.Id));
        _client.Fails(new AssociateSecurityProfilesRequest { InstanceId = _instanceId, EntityType = "USER", EntityArn = AiAgent, SecurityProfiles = [new() { Id = one }] }, "InvalidParameterException");
        _client.Fails(new AssociateSecurityProfilesRequest { InstanceId = _instanceId, EntityType = "AI_AGENT", EntityArn = "arn:aws:wisdom:us-east-1:222222222222:ai-agent/a/b", SecurityProfiles = [new() { Id = one }] }, "InvalidParameterException");
        _client.Fails(new AssociateSecurityProfilesRequest { InstanceId = _instanceId, EntityType = "AI_AGENT", EntityArn = AiAgent, SecurityProfiles = [new() { Id = one }, new() { Id = "missing" }] }, "ResourceNotFoundException");
        Assert.Equal([two], _client.Invoke<ListEntitySecurityProfilesResponse>(new ListEntitySecurityProfilesRequest { InstanceId = _instanceId, EntityType = "AI_AGENT", EntityArn = AiAgent }).SecurityProfiles!.Select(p => p.Id));
    }

    [Fact]
    public void Security_profiles_and_agent_statuses_have_a_quota_per_instance_defaults_included()
    {
        using var small = new ConnectClient(new ConnectLocal.Core.Common.ConnectSettings { SecurityProfilesPerInstance = 5, AgentStatusesPerInstance = 3 });
        var instance = small.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "small", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id;

        small.Invoke<CreateSecurityProfileResponse>(new CreateSecurityProfileRequest { InstanceId = instance, SecurityProfileName = "fifth" });
        small.Invoke<CreateAgentStatusResponse>(new CreateAgentStatusRequest { InstanceId = instance, Name = "third", State = "ENABLED" });

        var profiles = small.Fails(new CreateSecurityProfileRequest { InstanceId = instance, SecurityProfileName = "sixth" }, "LimitExceededException");
        var statuses = small.Fails(new CreateAgentStatusRequest { InstanceId = instance, Name = "fourth", State = "ENABLED" }, "LimitExceededException");
        Assert.Contains("5 security profiles", profiles.Message);
        Assert.Contains("3 agent statuses", statuses.Message);
    }

    [Fact]
    public void A_created_agent_status_is_custom_and_described_with_its_tags()
    {
        var created = _client.Invoke<CreateAgentStatusResponse>(new CreateAgentStatusRequest
        {
            InstanceId = _instanceId, Name = "Lunch", Description = "midday", State = "ENABLED", DisplayOrder = 3, Tags = new() { ["t"] = "1" },
        });

        var status = DescribeStatus(created.AgentStatusId!);

        Assert.EndsWith($"/agent-state/{created.AgentStatusId}", created.AgentStatusARN);
        Assert.Equal(("Lunch", "midday", "CUSTOM", "ENABLED", 3), (status.Name, status.Description, status.Type, status.State, status.DisplayOrder));
        Assert.Equal(new Dictionary<string, string> { ["t"] = "1" }, status.Tags);
        _client.Fails(new CreateAgentStatusRequest { InstanceId = _instanceId, Name = "Lunch", State = "DISABLED" }, "DuplicateResourceException");
        _client.Fails(new CreateAgentStatusRequest { InstanceId = _instanceId, Name = "Available", State = "ENABLED" }, "DuplicateResourceException");
    }

    [Fact]
    public void The_system_statuses_are_read_only()
    {
        var statuses = _client.Invoke<ListAgentStatusResponse>(new ListAgentStatusRequest { InstanceId = _instanceId }).AgentStatusSummaryList!;
        foreach (var system in statuses.Where(s => s.Type != "CUSTOM"))
        {
            _client.Fails(new UpdateAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = system.Id, State = "DISABLED" }, "InvalidRequestException");
            Assert.Equal("ENABLED", DescribeStatus(system.Id!).State);
        }

        Assert.Equal(["OFFLINE", "ROUTABLE"], statuses.Select(s => s.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_agent_status_update_renames_disables_and_resets_its_order()
    {
        var id = _client.Invoke<CreateAgentStatusResponse>(new CreateAgentStatusRequest { InstanceId = _instanceId, Name = "Break", State = "ENABLED", DisplayOrder = 4, Description = "d" }).AgentStatusId!;
        _client.Invoke<CreateAgentStatusResponse>(new CreateAgentStatusRequest { InstanceId = _instanceId, Name = "Training", State = "ENABLED" });
        _client.Advance(TimeSpan.FromMinutes(1));

        _client.Invoke(new UpdateAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = id, Name = "Short break", State = "DISABLED" });
        var renamed = DescribeStatus(id);
        _client.Invoke(new UpdateAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = id, ResetOrderNumber = true, Description = "" });
        var reset = DescribeStatus(id);

        Assert.Equal(("Short break", "DISABLED", 4, "d"), (renamed.Name, renamed.State, renamed.DisplayOrder, renamed.Description));
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(1), renamed.LastModifiedTime);
        Assert.Equal(("Short break", (int?)null, (string?)null), (reset.Name, reset.DisplayOrder, reset.Description));
        _client.Fails(new UpdateAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = id, Name = "Training" }, "DuplicateResourceException");
        _client.Fails(new UpdateAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = id, DisplayOrder = 2, ResetOrderNumber = true }, "InvalidParameterException");
        _client.Fails(new UpdateAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = "missing", Name = "x" }, "ResourceNotFoundException");
    }

    [Fact]
    public void Agent_statuses_are_searched_by_their_fields_and_by_tag_attribute_filters()
    {
        _client.Invoke<CreateAgentStatusResponse>(new CreateAgentStatusRequest { InstanceId = _instanceId, Name = "Meeting", State = "DISABLED", Tags = new() { ["kind"] = "away" } });

        var custom = _client.Invoke<SearchAgentStatusesResponse>(new SearchAgentStatusesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new AgentStatusSearchCriteria { StringCondition = new StringCondition { FieldName = "type", Value = "CUSTOM", ComparisonType = "EXACT" } },
        });
        var tagged = _client.Invoke<SearchAgentStatusesResponse>(new SearchAgentStatusesRequest
        {
            InstanceId = _instanceId,
            SearchFilter = new AgentStatusSearchFilter
            {
                AttributeFilter = new ControlPlaneAttributeFilter { OrConditions = [new CommonAttributeAndCondition { TagConditions = [new TagCondition { TagKey = "kind", TagValue = "away" }] }] },
            },
        });
        var system = _client.Invoke<SearchAgentStatusesResponse>(new SearchAgentStatusesRequest
        {
            InstanceId = _instanceId,
            SearchCriteria = new AgentStatusSearchCriteria { StringCondition = new StringCondition { FieldName = "state", Value = "ENABLED", ComparisonType = "EXACT" } },
        });

        Assert.Equal("Meeting", custom.AgentStatuses!.Single().Name);
        Assert.Equal("Meeting", tagged.AgentStatuses!.Single().Name);
        Assert.Equal(["Available", "Offline"], system.AgentStatuses!.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    private CreateSecurityProfileResponse Create(
        string name, string? description = null, List<string>? permissions = null, Dictionary<string, string>? tags = null, Action<CreateSecurityProfileRequest>? configure = null)
    {
        var request = new CreateSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileName = name, Description = description, Permissions = permissions, Tags = tags };
        configure?.Invoke(request);
        return _client.Invoke<CreateSecurityProfileResponse>(request);
    }

    private SecurityProfile Describe(string id) =>
        _client.Invoke<DescribeSecurityProfileResponse>(new DescribeSecurityProfileRequest { InstanceId = _instanceId, SecurityProfileId = id }).SecurityProfile!;

    private AgentStatus DescribeStatus(string id) =>
        _client.Invoke<DescribeAgentStatusResponse>(new DescribeAgentStatusRequest { InstanceId = _instanceId, AgentStatusId = id }).AgentStatus!;

    private List<string> Permissions(string id) =>
        _client.Invoke<ListSecurityProfilePermissionsResponse>(new ListSecurityProfilePermissionsRequest { InstanceId = _instanceId, SecurityProfileId = id }).Permissions!;

    private string IdOf(string name) =>
        _client.Invoke<ListSecurityProfilesResponse>(new ListSecurityProfilesRequest { InstanceId = _instanceId }).SecurityProfileSummaryList!.Single(s => s.Name == name).Id!;

    private SearchSecurityProfilesResponse Search(SecurityProfileSearchCriteria? criteria, SecurityProfilesSearchFilter? filter) =>
        _client.Invoke<SearchSecurityProfilesResponse>(new SearchSecurityProfilesRequest { InstanceId = _instanceId, SearchCriteria = criteria, SearchFilter = filter });
}
