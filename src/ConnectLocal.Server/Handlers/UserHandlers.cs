using ConnectLocal.Core.Resources;
using ConnectLocal.Core.Users;
using ConnectLocal.Model.Shapes;
using AgentStatusShape = ConnectLocal.Model.Shapes.AgentStatus;
using UserShape = ConnectLocal.Model.Shapes.User;

namespace ConnectLocal.Server.Handlers;

// Users (agents), security profiles and agent statuses.
// CreateUser takes the channel-specific lists (AutoAcceptConfigs, …) with UpdateUserConfig's rules (Core/Users/UserConfig.cs).
// LIMITATIONS: passwords are not stored; security profile permissions are not enforced; agent
// statuses and security profiles can only be listed and described, not created or changed.
public sealed partial class ConnectApi
{
    private UserService Users => new(Store, Settings);



    public override ValueTask<CreateUserResponse> CreateUser(OperationContext context, CreateUserRequest request)
    {
        var perChannel = request.AutoAcceptConfigs is not null || request.AfterContactWorkConfigs is not null || request.PhoneNumberConfigs is not null
            || request.PersistentConnectionConfigs is not null || request.VoiceEnhancementConfigs is not null;
        var user = Users.Create(CallerOf(context), request.InstanceId!, new CreateUserCommand(
            request.Username!,
            request.Password,
            IdentityIn(request.IdentityInfo),
            PhoneIn(request.PhoneConfig),
            request.DirectoryUserId,
            request.SecurityProfileIds!,
            request.RoutingProfileId!,
            request.HierarchyGroupId,
            TagsIn(request.Tags),
            !perChannel
                ? null
                : ChannelConfigIn(request.AutoAcceptConfigs, request.AfterContactWorkConfigs, request.PhoneNumberConfigs, request.PersistentConnectionConfigs, request.VoiceEnhancementConfigs)));
        return ValueTask.FromResult(new CreateUserResponse { UserId = user.Id, UserArn = user.Arn });
    }

    public override ValueTask<DescribeUserResponse> DescribeUser(OperationContext context, DescribeUserRequest request)
    {
        var user = Users.Describe(CallerOf(context), request.InstanceId!, request.UserId!);
        var channels = UserConfigService.Of(user);
        return ValueTask.FromResult(new DescribeUserResponse
        {
            User = new UserShape
            {
                Id = user.Id,
                Arn = user.Arn,
                Username = user.Username,
                IdentityInfo = IdentityOut(user.IdentityInfo),
                PhoneConfig = new UserPhoneConfig
                {
                    PhoneType = user.PhoneConfig.PhoneType,
                    AutoAccept = user.PhoneConfig.AutoAccept,
                    AfterContactWorkTimeLimit = user.PhoneConfig.AfterContactWorkTimeLimit,
                    DeskPhoneNumber = user.PhoneConfig.DeskPhoneNumber,
                    PersistentConnection = user.PhoneConfig.PersistentConnection,
                },
                DirectoryUserId = user.DirectoryUserId,
                SecurityProfileIds = user.SecurityProfileIds.ToList(),
                RoutingProfileId = user.RoutingProfileId,
                HierarchyGroupId = user.HierarchyGroupId,
                Tags = TagsOut(user.Tags),
                AutoAcceptConfigs = AutoAcceptOut(channels),
                AfterContactWorkConfigs = AfterContactWorkOut(channels),
                PhoneNumberConfigs = PhoneNumbersOut(channels),
                PersistentConnectionConfigs = PersistentOut(channels),
                VoiceEnhancementConfigs = VoiceEnhancementOut(channels),
                LastModifiedTime = user.LastModifiedTime,
                LastModifiedRegion = user.LastModifiedRegion,
            },
        });
    }

    public override ValueTask UpdateUserRoutingProfile(OperationContext context, UpdateUserRoutingProfileRequest request)
    {
        Users.UpdateRoutingProfile(CallerOf(context), request.InstanceId!, request.UserId!, request.RoutingProfileId!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateUserSecurityProfiles(OperationContext context, UpdateUserSecurityProfilesRequest request)
    {
        Users.UpdateSecurityProfiles(CallerOf(context), request.InstanceId!, request.UserId!, request.SecurityProfileIds!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateUserIdentityInfo(OperationContext context, UpdateUserIdentityInfoRequest request)
    {
        Users.UpdateIdentityInfo(CallerOf(context), request.InstanceId!, request.UserId!, IdentityIn(request.IdentityInfo)!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask UpdateUserPhoneConfig(OperationContext context, UpdateUserPhoneConfigRequest request)
    {
        Users.UpdatePhoneConfig(CallerOf(context), request.InstanceId!, request.UserId!, PhoneIn(request.PhoneConfig)!);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<PutUserStatusResponse> PutUserStatus(OperationContext context, PutUserStatusRequest request)
    {
        var caller = CallerOf(context);
        if (_routingHost is null)
        {
            Users.PutStatus(caller, request.InstanceId!, request.UserId!, request.AgentStatusId!);
            return ValueTask.FromResult(new PutUserStatusResponse());
        }

        // Decided under the instance's routing lock, so no contact can end or start between the look and the write;
        // the agent may take a waiting contact at once (the next use of the engine, inside Use, reads the change).
        _routingHost.Use(caller, request.InstanceId!, (routing, _) =>
        {
            Users.PutStatus(caller, request.InstanceId!, request.UserId!, request.AgentStatusId!,
                userId => routing.Engine.FindAgent(userId)?.Contacts.Count > 0);
            return true;
        });
        _routingHost.Refresh(caller, request.InstanceId!);
        return ValueTask.FromResult(new PutUserStatusResponse());
    }

    private static UserIdentity? IdentityIn(UserIdentityInfo? info) =>
        info is null ? null : new UserIdentity(info.FirstName, info.LastName, info.Email, info.SecondaryEmail, info.Mobile);

    private static UserIdentityInfo? IdentityOut(UserIdentity? identity) =>
        identity is null ? null : new UserIdentityInfo
        {
            FirstName = identity.FirstName,
            LastName = identity.LastName,
            Email = identity.Email,
            SecondaryEmail = identity.SecondaryEmail,
            Mobile = identity.Mobile,
        };

    private static UserPhoneInput? PhoneIn(UserPhoneConfig? config) =>
        config is null ? null : new UserPhoneInput(config.PhoneType, config.AutoAccept, config.AfterContactWorkTimeLimit, config.DeskPhoneNumber, config.PersistentConnection);
}
