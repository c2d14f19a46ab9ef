using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>The user hierarchy: levels one to five, groups at the level below their parent, a user's group.</summary>
public sealed class UserHierarchySpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public UserHierarchySpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "hierarchy-specs",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_group_sits_one_level_below_its_parent_and_its_path_names_every_ancestor()
    {
        Levels("Company", "Division");
        var top = Create("corp");
        var child = Create("sales", parent: top.HierarchyGroupArn);

        var described = Describe(child.HierarchyGroupId!);

        Assert.Equal("2", described.LevelId);
        Assert.Equal(top.HierarchyGroupId, described.HierarchyPath!.LevelOne!.Id);
        Assert.Equal(("sales", child.HierarchyGroupArn), (described.HierarchyPath.LevelTwo!.Name, described.HierarchyPath.LevelTwo.Arn));
        Assert.Null(described.HierarchyPath.LevelThree);
        Assert.EndsWith($"/agent-group/{child.HierarchyGroupId}", child.HierarchyGroupArn);
        Assert.Equal(ConnectClient.DefaultStart, described.LastModifiedTime);
    }

    [Fact]
    public void A_group_needs_its_level_defined()
    {
        Assert.Equal("InvalidRequestException", _client.Fails(Request("early"), "InvalidRequestException").Code);
        Levels("Company");
        var top = Create("corp");

        _client.Fails(Request("too deep", top.HierarchyGroupId), "InvalidRequestException");
    }

    [Fact]
    public void Renaming_a_group_renames_it_in_the_paths_below()
    {
        Levels("Company", "Division", "Site");
        var top = Create("corp");
        var leaf = Create("site", parent: Create("division", parent: top.HierarchyGroupId).HierarchyGroupId);
        _client.Advance(TimeSpan.FromMinutes(1));

        _client.Invoke(new UpdateUserHierarchyGroupNameRequest { InstanceId = _instanceId, HierarchyGroupId = top.HierarchyGroupArn, Name = "corp 2" });

        var path = Describe(leaf.HierarchyGroupId!).HierarchyPath!;
        Assert.Equal("corp 2", path.LevelOne!.Name);
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(1), Describe(top.HierarchyGroupId!).LastModifiedTime);
        Assert.Equal("DuplicateResourceException", _client.Fails(Request("division"), "DuplicateResourceException").Code);
    }

    [Fact]
    public void A_level_with_groups_cannot_be_removed_and_kept_levels_keep_their_ids()
    {
        Levels("Company", "Division");
        var before = Structure();
        var top = Create("corp");
        var child = Create("division", parent: top.HierarchyGroupId);

        var error = _client.Fails(new UpdateUserHierarchyStructureRequest
        {
            InstanceId = _instanceId,
            HierarchyStructure = new HierarchyStructureUpdate { LevelOne = new HierarchyLevelUpdate { Name = "Renamed" } },
        }, "ResourceInUseException");
        Assert.Equal(("HIERARCHY_GROUP", child.HierarchyGroupArn), (error.Fields["ResourceType"], error.Fields["ResourceId"]));

        _client.Invoke(new DeleteUserHierarchyGroupRequest { InstanceId = _instanceId, HierarchyGroupId = child.HierarchyGroupId });
        Levels("Renamed");
        var after = Structure();
        Assert.Equal((before.LevelOne!.Id, "Renamed"), (after.LevelOne!.Id, after.LevelOne.Name));
        Assert.Null(after.LevelTwo);
        Assert.EndsWith("/agent-group-level/1", after.LevelOne.Arn);
    }

    [Fact]
    public void A_level_needs_the_level_above()
    {
        var error = _client.Fails(new UpdateUserHierarchyStructureRequest
        {
            InstanceId = _instanceId,
            HierarchyStructure = new HierarchyStructureUpdate { LevelThree = new HierarchyLevelUpdate { Name = "Site" } },
        }, "InvalidParameterException");

        Assert.Contains("LevelThree requires LevelTwo", error.Message);
    }

    [Fact]
    public void A_group_with_a_child_or_a_user_cannot_be_deleted()
    {
        Levels("Company", "Division");
        var top = Create("corp");
        var child = Create("division", parent: top.HierarchyGroupId);
        var user = CreateUser(child.HierarchyGroupArn!);

        Assert.Equal(child.HierarchyGroupId, DescribeUser(user).HierarchyGroupId);
        Assert.Equal("HIERARCHY_GROUP", _client.Fails(Delete(top.HierarchyGroupId!), "ResourceInUseException").Fields["ResourceType"]);
        Assert.Equal("USER", _client.Fails(Delete(child.HierarchyGroupId!), "ResourceInUseException").Fields["ResourceType"]);

        _client.Invoke(new UpdateUserHierarchyRequest { InstanceId = _instanceId, UserId = user });
        Assert.Null(DescribeUser(user).HierarchyGroupId);
        _client.Invoke(Delete(child.HierarchyGroupId!));
        _client.Invoke(Delete(top.HierarchyGroupArn!));
        _client.Fails(Delete(top.HierarchyGroupId!), "ResourceNotFoundException");
    }

    [Fact]
    public void A_group_of_another_account_or_instance_is_not_found()
    {
        Levels("Company");
        var top = Create("corp");
        var user = CreateUser(null);

        _client.AsAccount("222222222222").Fails(new DescribeUserHierarchyGroupRequest { InstanceId = _instanceId, HierarchyGroupId = top.HierarchyGroupArn }, "ResourceNotFoundException");
        var other = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = "hierarchy-specs-other",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        }).Id!;
        _client.Fails(new DescribeUserHierarchyGroupRequest { InstanceId = other, HierarchyGroupId = top.HierarchyGroupArn }, "ResourceNotFoundException");
        _client.Fails(new UpdateUserHierarchyRequest { InstanceId = _instanceId, UserId = user, HierarchyGroupId = "missing" }, "ResourceNotFoundException");
    }

    private void Levels(params string[] names)
    {
        HierarchyLevelUpdate? Level(int i) => i < names.Length ? new HierarchyLevelUpdate { Name = names[i] } : null;
        _client.Invoke(new UpdateUserHierarchyStructureRequest
        {
            InstanceId = _instanceId,
            HierarchyStructure = new HierarchyStructureUpdate { LevelOne = Level(0), LevelTwo = Level(1), LevelThree = Level(2), LevelFour = Level(3), LevelFive = Level(4) },
        });
    }

    private HierarchyStructure Structure() =>
        _client.Invoke<DescribeUserHierarchyStructureResponse>(new DescribeUserHierarchyStructureRequest { InstanceId = _instanceId }).HierarchyStructure!;

    private CreateUserHierarchyGroupRequest Request(string name, string? parent = null) => new() { InstanceId = _instanceId, Name = name, ParentGroupId = parent };

    private CreateUserHierarchyGroupResponse Create(string name, string? parent = null) => _client.Invoke<CreateUserHierarchyGroupResponse>(Request(name, parent));

    private HierarchyGroup Describe(string id) =>
        _client.Invoke<DescribeUserHierarchyGroupResponse>(new DescribeUserHierarchyGroupRequest { InstanceId = _instanceId, HierarchyGroupId = id }).HierarchyGroup!;

    private DeleteUserHierarchyGroupRequest Delete(string id) => new() { InstanceId = _instanceId, HierarchyGroupId = id };

    private string CreateUser(string? group)
    {
        var profile = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = _instanceId }).RoutingProfileSummaryList![0].Id;
        var security = _client.Invoke<ListSecurityProfilesResponse>(new ListSecurityProfilesRequest { InstanceId = _instanceId }).SecurityProfileSummaryList![0].Id;
        return _client.Invoke<CreateUserResponse>(new CreateUserRequest
        {
            InstanceId = _instanceId,
            Username = "agent" + Guid.NewGuid().ToString("N")[..8],
            Password = "Passw0rd!Passw0rd",
            IdentityInfo = new UserIdentityInfo { FirstName = "Ada", LastName = "L" },
            PhoneConfig = new UserPhoneConfig { PhoneType = "SOFT_PHONE" },
            SecurityProfileIds = [security!],
            RoutingProfileId = profile,
            HierarchyGroupId = group,
        }).UserId!;
    }

    private User DescribeUser(string id) =>
        _client.Invoke<DescribeUserResponse>(new DescribeUserRequest { InstanceId = _instanceId, UserId = id }).User!;
}
