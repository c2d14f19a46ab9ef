using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>CreateUser's per-channel lists and hierarchy group (issue 15, config-rest; docs/users-search.md), specified in-process.</summary>
public sealed class CreateUserChannelSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public CreateUserChannelSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "create-user-channel-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void CreateUser_without_PhoneConfig_takes_the_channel_lists_and_DescribeUser_shows_them()
    {
        var request = Request("channels", phone: null);
        request.PhoneNumberConfigs = [new PhoneNumberConfig { Channel = "VOICE", PhoneType = "DESK_PHONE", PhoneNumber = "+12065550100" }];
        request.AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "VOICE", AutoAccept = true }, new AutoAcceptConfig { Channel = "CHAT", AutoAccept = true }];
        request.AfterContactWorkConfigs = [new AfterContactWorkConfigPerChannel { Channel = "CHAT", AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = 45 } }];
        request.PersistentConnectionConfigs = [new PersistentConnectionConfig { Channel = "VOICE", PersistentConnection = true }];
        request.VoiceEnhancementConfigs = [new VoiceEnhancementConfig { Channel = "VOICE", VoiceEnhancementMode = "VOICE_ISOLATION" }];

        var user = Describe(_client.Invoke<CreateUserResponse>(request).UserId!);

        Assert.Equal(("DESK_PHONE", "+12065550100", true, true, 0), (user.PhoneConfig!.PhoneType, user.PhoneConfig.DeskPhoneNumber, user.PhoneConfig.AutoAccept, user.PhoneConfig.PersistentConnection, user.PhoneConfig.AfterContactWorkTimeLimit));
        Assert.Equal(["VOICE True", "CHAT True"], user.AutoAcceptConfigs!.Select(c => $"{c.Channel} {c.AutoAccept}"));
        Assert.Equal(45, user.AfterContactWorkConfigs!.Single(c => c.Channel == "CHAT").AfterContactWorkConfig!.AfterContactWorkTimeLimit);
        Assert.Equal("VOICE", Assert.Single(user.PersistentConnectionConfigs!).Channel);
        Assert.Equal("VOICE_ISOLATION", Assert.Single(user.VoiceEnhancementConfigs!).VoiceEnhancementMode);
    }

    [Fact]
    public void CreateUser_applies_the_lists_over_PhoneConfig_and_refuses_a_member_its_list_also_sets()
    {
        var request = Request("both", new UserPhoneConfig { PhoneType = "SOFT_PHONE" });
        request.AfterContactWorkConfigs = [new AfterContactWorkConfigPerChannel { Channel = "VOICE", AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = 90 } }];

        var user = Describe(_client.Invoke<CreateUserResponse>(request).UserId!);

        Assert.Equal(("SOFT_PHONE", 90), (user.PhoneConfig!.PhoneType, user.PhoneConfig.AfterContactWorkTimeLimit));
        var conflict = Request("conflict", new UserPhoneConfig { PhoneType = "SOFT_PHONE", AfterContactWorkTimeLimit = 10 });
        conflict.AfterContactWorkConfigs = request.AfterContactWorkConfigs;
        Assert.Contains("AfterContactWorkConfigs", _client.Fails(conflict, "InvalidParameterException").Message);
    }

    [Fact]
    public void CreateUser_refuses_what_UpdateUserConfig_refuses_and_stores_nothing()
    {
        var twice = Request("twice", new UserPhoneConfig { PhoneType = "SOFT_PHONE" });
        twice.AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "CHAT", AutoAccept = true }, new AutoAcceptConfig { Channel = "CHAT", AutoAccept = false }];
        _client.Fails(twice, "InvalidParameterException");

        var chatNumber = Request("chat-number", new UserPhoneConfig { PhoneType = "SOFT_PHONE" });
        chatNumber.PhoneNumberConfigs = [new PhoneNumberConfig { Channel = "CHAT", PhoneType = "SOFT_PHONE" }];
        _client.Fails(chatNumber, "InvalidParameterException");

        var deskWithoutNumber = Request("desk", phone: null);
        deskWithoutNumber.PhoneNumberConfigs = [new PhoneNumberConfig { Channel = "VOICE", PhoneType = "DESK_PHONE" }];
        _client.Fails(deskWithoutNumber, "InvalidParameterException");

        var noPhoneType = Request("no-phone", phone: null);
        noPhoneType.AutoAcceptConfigs = [new AutoAcceptConfig { Channel = "CHAT", AutoAccept = true }];
        Assert.Equal("PhoneConfig is required.", _client.Fails(noPhoneType, "InvalidParameterException").Message);

        var users = _client.Invoke<ListUsersResponse>(new ListUsersRequest { InstanceId = _instanceId }).UserSummaryList!;
        Assert.Empty(users);
    }

    [Fact]
    public void CreateUser_takes_a_hierarchy_group_of_the_instance_by_id_or_arn()
    {
        _client.Invoke(new UpdateUserHierarchyStructureRequest
        {
            InstanceId = _instanceId, HierarchyStructure = new HierarchyStructureUpdate { LevelOne = new HierarchyLevelUpdate { Name = "Region" } },
        });
        var group = _client.Invoke<CreateUserHierarchyGroupResponse>(new CreateUserHierarchyGroupRequest { InstanceId = _instanceId, Name = "East" });

        var request = Request("grouped", new UserPhoneConfig { PhoneType = "SOFT_PHONE" });
        request.HierarchyGroupId = group.HierarchyGroupArn;
        Assert.Equal(group.HierarchyGroupId, Describe(_client.Invoke<CreateUserResponse>(request).UserId!).HierarchyGroupId);

        var unknown = Request("ungrouped", new UserPhoneConfig { PhoneType = "SOFT_PHONE" });
        unknown.HierarchyGroupId = "11111111-2222-4333-8444-555555555555";
        Assert.Contains("Hierarchy group", _client.Fails(unknown, "ResourceNotFoundException").Message);
    }

    private CreateUserRequest Request(string username, UserPhoneConfig? phone) => new()
    {
        InstanceId = _instanceId,
        Username = username,
        Password = "Passw0rd!Passw0rd",
        IdentityInfo = new UserIdentityInfo { FirstName = "First", LastName = "Last" },
        PhoneConfig = phone,
        SecurityProfileIds = [_client.Invoke<ListSecurityProfilesResponse>(new ListSecurityProfilesRequest { InstanceId = _instanceId }).SecurityProfileSummaryList![0].Id!],
        RoutingProfileId = _client.Invoke<ListRoutingProfilesResponse>(new ListRoutingProfilesRequest { InstanceId = _instanceId }).RoutingProfileSummaryList![0].Id!,
    };

    private User Describe(string id) => _client.Invoke<DescribeUserResponse>(new DescribeUserRequest { InstanceId = _instanceId, UserId = id }).User!;
}
