using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Users;

/// <summary>A user's phone settings as a request carries them: every part optional until the rules say otherwise.</summary>
public sealed record UserPhoneInput(string? PhoneType, bool? AutoAccept, int? AfterContactWorkTimeLimit, string? DeskPhoneNumber, bool? PersistentConnection);

public sealed record CreateUserCommand(
    string Username,
    string? Password,
    UserIdentity? IdentityInfo,
    UserPhoneInput? PhoneConfig,
    string? DirectoryUserId,
    IReadOnlyList<string> SecurityProfileIds,
    string RoutingProfileId,
    string? HierarchyGroupId,
    IReadOnlyDictionary<string, string> Tags,
    UserChannelConfig? ChannelConfig = null);

/// <summary>
/// Users (agents): creation together with their agent queue, each routing profile's user count kept in step in the
/// same transaction, the parts a user is updated by, deletion, and the agent status an agent is put in.
/// LIMITATIONS: passwords are checked for
/// presence only and never stored.
/// </summary>
public sealed partial class UserService(IConnectStore store, ConnectSettings settings)
{
    public const string ConnectManaged = "CONNECT_MANAGED";
    public const string Saml = "SAML";
    public const string ExistingDirectory = "EXISTING_DIRECTORY";
    public const string SoftPhone = "SOFT_PHONE";
    public const string DeskPhone = "DESK_PHONE";
    public const string Enabled = "ENABLED";

    /// <summary>UserPhoneConfig.AfterContactWorkTimeLimit: "a maximum value of 2,000,000 seconds (24 days)" (model doc).</summary>
    public const int MaxAfterContactWorkTimeLimit = 2_000_000;

    public User Create(Caller caller, string instanceIdOrArn, CreateUserCommand command) => store.Write(session =>
    {
        var instance = InstanceService.Require(session, caller, instanceIdOrArn);
        var scope = Scope(instance);
        CheckUsername(instance, command.Username);
        CheckPassword(instance, command.Password);
        CheckIdentity(instance, command.IdentityInfo);
        if (instance.IdentityManagementType == Saml && command.DirectoryUserId is not null)
        {
            // CreateUser, DirectoryUserId: "If you are using SAML for identity management and include this parameter,
            // an error is returned."
            throw Errors.InvalidParameter(ErrorTexts.SamlDirectoryUserIdNotAllowed);
        }
        var channels = command.ChannelConfig;
        if (channels is not null)
        {
            UserConfigService.Validate(channels);
            CheckPhoneConfigAgainstLists(command.PhoneConfig, channels);
        }

        var phone = Phone(command.PhoneConfig ?? VoicePhone(channels));

        if (session.GetByName<User>(scope, command.Username) is not null)
        {
            throw new DomainException(DomainErrorKind.Duplicate, ErrorTexts.UsernameTaken(command.Username, instance.Id));
        }

        var profile = RequireRoutingProfile(session, caller, instance, command.RoutingProfileId);
        var securityProfiles = RequireSecurityProfiles(session, caller, instance, command.SecurityProfileIds);
        var hierarchyGroup = command.HierarchyGroupId is null
            ? null
            : Hierarchy.HierarchyService.Type.Require(session, caller, instance.Id, command.HierarchyGroupId);

        if (session.Count<User>(scope) >= settings.UsersPerInstance)
        {
            throw Errors.Limit(ErrorTexts.QuotaReached("users", settings.UsersPerInstance));
        }

        var id = DefaultResources.NewId();
        var user = new User
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = Arns.InInstance(caller.Region, caller.AccountId, instance.Id, "agent", id),
            Username = command.Username,
            IdentityInfo = command.IdentityInfo,
            PhoneConfig = phone,
            DirectoryUserId = command.DirectoryUserId,
            SecurityProfileIds = securityProfiles,
            RoutingProfileId = profile.Id,
            HierarchyGroupId = hierarchyGroup?.Id,
            Tags = command.Tags,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        };
        user = channels is null ? user : UserConfigService.Apply(user, channels);
        session.Put(scope, user);

        // Every user has an agent queue (behaviour doc §2): same id as the user, no name, always in its routing.
        session.Put(scope, new Queue
        {
            Id = id,
            InstanceId = instance.Id,
            Arn = AgentQueueArn(caller, instance.Id, id),
            QueueType = Queue.Agent,
            Status = Enabled,
            LastModifiedTime = caller.Now,
            LastModifiedRegion = caller.Region,
        });
        session.Put(scope, profile with { UserCount = profile.UserCount + 1 });
        return user;
    });

    private readonly ResourceOperations<User> _users = new(store, settings, ResourceTypes.User);

    public User Describe(Caller caller, string instanceIdOrArn, string userIdOrArn) => _users.Describe(caller, instanceIdOrArn, userIdOrArn);

    public void UpdateRoutingProfile(Caller caller, string instanceIdOrArn, string userIdOrArn, string routingProfileIdOrArn) =>
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (context, user) =>
        {
            var target = RequireRoutingProfile(context.Session, caller, context.Instance, routingProfileIdOrArn);
            if (target.Id != user.RoutingProfileId)
            {
                AdjustUserCount(context.Session, context.Scope, user.RoutingProfileId, -1);
                context.Session.Put(context.Scope, target with { UserCount = target.UserCount + 1 });
            }

            return user with { RoutingProfileId = target.Id };
        });

    public void UpdateSecurityProfiles(Caller caller, string instanceIdOrArn, string userIdOrArn, IReadOnlyList<string> securityProfileIds) =>
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (context, user) =>
            user with { SecurityProfileIds = RequireSecurityProfiles(context.Session, caller, context.Instance, securityProfileIds) });

    public void UpdateIdentityInfo(Caller caller, string instanceIdOrArn, string userIdOrArn, UserIdentity identity) =>
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (context, user) =>
        {
            if (context.Instance.IdentityManagementType == ExistingDirectory
                && (identity.FirstName is not null || identity.LastName is not null || identity.Email is not null))
            {
                // UserIdentityInfo doc: with EXISTING_DIRECTORY these "cannot be updated from within" Connect.
                throw Errors.InvalidRequest(ErrorTexts.DirectoryManagedIdentity);
            }

            CheckIdentity(context.Instance, identity);
            return user with { IdentityInfo = identity };
        });

    public void UpdatePhoneConfig(Caller caller, string instanceIdOrArn, string userIdOrArn, UserPhoneInput phoneConfig) =>
        _users.Update(caller, instanceIdOrArn, userIdOrArn, (_, user) => user with { PhoneConfig = Phone(phoneConfig) });

    /// <summary>A user leaves its routing profile's count and takes its agent queue with it.</summary>
    internal static void ForgetUser(ResourceContext context, User user)
    {
        AdjustUserCount(context.Session, context.Scope, user.RoutingProfileId, -1);
        context.Session.Delete<Queue>(context.Scope, user.Id);
    }

    /// <summary>
    /// Puts the agent in an agent status. The routing engine reads <see cref="User.AgentStatusId"/> and
    /// <see cref="User.AgentStatusSince"/>; DescribeUser never shows them (AWS's User shape has no status).
    /// PutUserStatus: "If the agent is currently handling a contact, this sets the agent's next status":
    /// <paramref name="handlingContacts"/> answers that for the user's id, and then the status is kept as
    /// <see cref="User.NextAgentStatusId"/> until <see cref="ApplyNextStatuses"/>. [choice] Asking, while handling
    /// contacts, for the status the agent is in cancels a pending next status.
    /// </summary>
    public void PutStatus(Caller caller, string instanceIdOrArn, string userIdOrArn, string agentStatusIdOrArn, Func<string, bool>? handlingContacts = null) =>
        store.Write(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var user = RequireUser(session, caller, instance, userIdOrArn);
            var status = AgentStatusService.Require(session, caller, instance, agentStatusIdOrArn);
            if (status.State != Enabled)
            {
                // [choice] AWS documents no error for a disabled status; the CCP does not offer one.
                throw Errors.InvalidRequest(ErrorTexts.AgentStatusDisabled);
            }

            if (handlingContacts?.Invoke(user.Id) == true)
            {
                var next = user.AgentStatusId == status.Id ? null : status.Id;
                if (next != user.NextAgentStatusId)
                {
                    session.Put(Scope(instance), user with { NextAgentStatusId = next });
                }

                return true;
            }

            // [choice] Putting the agent in the status it is already in keeps the time it entered it, so that
            // re-asserting "Available" does not reset how long the agent has been idle.
            if (user.AgentStatusId == status.Id)
            {
                if (user.NextAgentStatusId is not null)
                {
                    session.Put(Scope(instance), user with { NextAgentStatusId = null });
                }

                return true;
            }

            session.Put(Scope(instance), user with { AgentStatusId = status.Id, AgentStatusSince = caller.Now, NextAgentStatusId = null });
            return true;
        });

    /// <summary>
    /// The agents whose last contact ended take the next status they asked for, if any (and if it still exists);
    /// answers how many changed. Called by routing, in the session of its own write.
    /// </summary>
    public static int ApplyNextStatuses(IStoreSession session, Instance instance, IEnumerable<string> userIds, DateTimeOffset now)
    {
        // A replicated instance's users live in the Region where each was created.
        var regions = instance.Replication is { } link ? new[] { link.SourceRegion, link.ReplicaRegion } : [instance.Region];
        var changed = 0;
        foreach (var id in userIds)
        {
            var found = regions.Select(r => (Scope: new ResourceScope(instance.AccountId, r, instance.Id), User: session.Get<User>(new ResourceScope(instance.AccountId, r, instance.Id), id)))
                .FirstOrDefault(f => f.User is not null);
            if (found.User is not { NextAgentStatusId: { } next } user)
            {
                continue;
            }

            var scope = found.Scope;

            session.Put(scope, session.Get<AgentStatus>(scope, next) is null
                ? user with { NextAgentStatusId = null }
                : user with { AgentStatusId = next, AgentStatusSince = now, NextAgentStatusId = null });
            changed++;
        }

        return changed;
    }

    /// <summary>A user of the instance named by id or ARN (…/agent/{id}), or "User not found".</summary>
    public static User RequireUser(IStoreSession session, Caller caller, Instance instance, string userIdOrArn) =>
        ResourceTypes.User.Require(session, caller, instance.Id, userIdOrArn);

    public static string AgentQueueArn(Caller caller, string instanceId, string userId) =>
        Arns.InInstance(caller.Region, caller.AccountId, instanceId, "queue", "agent/" + userId);

    private static ResourceScope Scope(Instance instance) => new(instance.AccountId, instance.Region, instance.Id);


    private static void AdjustUserCount(IStoreSession session, ResourceScope scope, string routingProfileId, int delta)
    {
        // A user's profile cannot be deleted while the user holds it, so it is always there; the guard only keeps
        // a damaged store from failing every later change to the user.
        if (session.Get<RoutingProfile>(scope, routingProfileId) is { } profile)
        {
            session.Put(scope, profile with { UserCount = Math.Max(0, profile.UserCount + delta) });
        }
    }

    private static RoutingProfile RequireRoutingProfile(IStoreSession session, Caller caller, Instance instance, string idOrArn) =>
        ResourceTypes.RoutingProfile.Require(session, caller, instance.Id, idOrArn);

    /// <summary>The ids of the named security profiles, each resolved once, in the order given.</summary>
    private static List<string> RequireSecurityProfiles(IStoreSession session, Caller caller, Instance instance, IReadOnlyList<string> idsOrArns)
    {
        var ids = new List<string>();
        foreach (var idOrArn in idsOrArns)
        {
            var profile = ResourceTypes.SecurityProfile.Require(session, caller, instance.Id, idOrArn);

            // [choice] A profile named twice is kept once.
            if (!ids.Contains(profile.Id, StringComparer.Ordinal))
            {
                ids.Add(profile.Id);
            }
        }

        return ids;
    }

    /// <summary>CreateUser's Username prose: up to 20 characters without SAML.</summary>
    public const int MaxUsernameLength = 20;

    /// <summary>CreateUser's Username prose: up to 64 characters with SAML.</summary>
    public const int MaxSamlUsernameLength = 64;

    /// <summary>
    /// CreateUser's Username prose: "up to 20 characters" for instances not using SAML; "up to 64 characters from
    /// [a-zA-Z0-9_-.\@]+" with SAML; "@ only if used in an email format" (testuser@example is refused). The model's
    /// length trait (1-100) is wider; the prose for the instance's identity type is followed. [choice] An email format
    /// is one @ with a non-empty local part and a domain holding a dot; the errors are InvalidParameterException.
    /// </summary>
    private static void CheckUsername(Instance instance, string username)
    {
        var saml = instance.IdentityManagementType == Saml;
        var max = saml ? MaxSamlUsernameLength : MaxUsernameLength;
        if (username.Length > max)
        {
            throw Errors.InvalidParameter(ErrorTexts.UsernameTooLong(max, instance.IdentityManagementType));
        }

        if (saml && !SamlUsername().IsMatch(username))
        {
            throw Errors.InvalidParameter(ErrorTexts.UsernameSamlCharacters);
        }

        if (username.Contains('@', StringComparison.Ordinal) && !EmailUsername().IsMatch(username))
        {
            throw Errors.InvalidParameter(ErrorTexts.UsernameAtOutsideEmail);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-zA-Z0-9_\-.@]+$")]
    private static partial System.Text.RegularExpressions.Regex SamlUsername();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial System.Text.RegularExpressions.Regex EmailUsername();

    /// <summary>
    /// CreateUser doc: "Fields in PhoneConfig cannot be set simultaneously with their corresponding channel-specific
    /// configuration parameters": AutoAccept with AutoAcceptConfigs, AfterContactWorkTimeLimit with
    /// AfterContactWorkConfigs, PhoneType and PhoneNumber with PhoneNumberConfigs, PersistentConnection with
    /// PersistentConnectionConfigs. [choice] A list that is sent but empty configures nothing and does not conflict;
    /// the error is InvalidParameterException.
    /// </summary>
    private static void CheckPhoneConfigAgainstLists(UserPhoneInput? phone, UserChannelConfig channels)
    {
        if (phone is null)
        {
            return;
        }

        (bool Set, string Member, bool Listed, string List)[] pairs =
        [
            (phone.AutoAccept is not null, "AutoAccept", channels.AutoAcceptConfigs is { Count: > 0 }, "AutoAcceptConfigs"),
            (phone.AfterContactWorkTimeLimit is not null, "AfterContactWorkTimeLimit", channels.AfterContactWorkConfigs is { Count: > 0 }, "AfterContactWorkConfigs"),
            (phone.PhoneType is not null, "PhoneType", channels.PhoneNumberConfigs is { Count: > 0 }, "PhoneNumberConfigs"),
            (phone.DeskPhoneNumber is not null, "DeskPhoneNumber", channels.PhoneNumberConfigs is { Count: > 0 }, "PhoneNumberConfigs"),
            (phone.PersistentConnection is not null, "PersistentConnection", channels.PersistentConnectionConfigs is { Count: > 0 }, "PersistentConnectionConfigs"),
        ];
        if (pairs.FirstOrDefault(p => p.Set && p.Listed) is { Member: not null } conflict)
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneConfigConflictsWithChannelLists(conflict.Member, conflict.List));
        }
    }

    /// <summary>CreateUser doc: "A password is required if you are using Amazon Connect for identity management.
    /// Otherwise, it is an error to include a password."</summary>
    private static void CheckPassword(Instance instance, string? password)
    {
        if (instance.IdentityManagementType == ConnectManaged && password is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PasswordRequired);
        }

        if (instance.IdentityManagementType != ConnectManaged && password is not null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PasswordNotAllowed(instance.IdentityManagementType));
        }
    }

    /// <summary>UserIdentityInfo doc: FirstName and LastName "required if you are using Amazon Connect or SAML for
    /// identity management"; Email with SAML "an error is returned".</summary>
    private static void CheckIdentity(Instance instance, UserIdentity? identity)
    {
        var type = instance.IdentityManagementType;
        if (type is ConnectManaged or Saml)
        {
            // [choice] An empty name counts as a missing one.
            if (string.IsNullOrEmpty(identity?.FirstName) || string.IsNullOrEmpty(identity.LastName))
            {
                throw Errors.InvalidParameter(ErrorTexts.IdentityNamesRequired(type));
            }
        }

        // UserIdentityInfo doc: FirstName and LastName "must be in Unicode Normalization Form C (NFC)".
        if ((identity?.FirstName is { } first && !Nfc.IsNormalized(first)) || (identity?.LastName is { } last && !Nfc.IsNormalized(last)))
        {
            throw Errors.InvalidParameter(ErrorTexts.IdentityNamesNotNfc);
        }

        if (type == Saml && identity?.Email is not null)
        {
            throw Errors.InvalidParameter(ErrorTexts.SamlEmailNotAllowed);
        }
    }

    /// <summary>
    /// CreateUser without PhoneConfig: the model's prose lets the channel-specific lists configure the user instead.
    /// The VOICE entry of PhoneNumberConfigs gives the phone type and number (the rest of the VOICE settings are applied
    /// from their lists as UpdateUserConfig applies them); without one there is no phone type, and PhoneConfig is required.
    /// </summary>
    private static UserPhoneInput? VoicePhone(UserChannelConfig? channels) =>
        channels?.PhoneNumberConfigs?.FirstOrDefault(c => c.Channel == UserConfigService.Voice) is { } voice
            ? new UserPhoneInput(voice.PhoneType, null, null, voice.PhoneNumber, null)
            : null;

    private static UserPhoneSettings Phone(UserPhoneInput? input)
    {
        // [choice] The current model makes PhoneConfig and its PhoneType optional (the channel-specific lists may
        // replace them); a user is created with a phone type all the same, from PhoneConfig or the VOICE entry of
        // PhoneNumberConfigs (VoicePhone); older models and CloudFormation require PhoneConfig.
        if (input is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneConfigRequired);
        }

        if (input.PhoneType is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PhoneTypeRequired);
        }

        if (input.PhoneType == DeskPhone && string.IsNullOrEmpty(input.DeskPhoneNumber))
        {
            throw Errors.InvalidParameter(ErrorTexts.DeskPhoneNumberRequired);
        }

        if (input.AfterContactWorkTimeLimit > MaxAfterContactWorkTimeLimit)
        {
            throw Errors.InvalidParameter(ErrorTexts.AfterContactWorkTimeLimitTooHigh(MaxAfterContactWorkTimeLimit));
        }

        // [choice] Absent AutoAccept is false and absent AfterContactWorkTimeLimit is 0 (the console's defaults).
        return new UserPhoneSettings(input.PhoneType, input.AutoAccept ?? false, input.AfterContactWorkTimeLimit ?? 0,
            input.DeskPhoneNumber, input.PersistentConnection);
    }
}
