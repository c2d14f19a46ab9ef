namespace ConnectLocal.Core.Users;

/// <summary>AutoAcceptConfig: a channel's auto-accept, and (VOICE only) auto-accept of agent-first callbacks.</summary>
public sealed record ChannelAutoAccept(string Channel, bool AutoAccept, bool? AgentFirstCallbackAutoAccept = null);

/// <summary>AfterContactWorkConfigPerChannel: a channel's ACW limit in seconds, and (VOICE only) the agent-first callbacks' one.</summary>
public sealed record ChannelAfterContactWork(string Channel, int? AfterContactWorkTimeLimit, int? AgentFirstCallbackTimeLimit = null);

/// <summary>PhoneNumberConfig: the phone type and desk phone number (VOICE only).</summary>
public sealed record ChannelPhoneNumber(string Channel, string PhoneType, string? PhoneNumber);

/// <summary>PersistentConnectionConfig (VOICE only).</summary>
public sealed record ChannelPersistentConnection(string Channel, bool PersistentConnection);

/// <summary>VoiceEnhancementConfig (VOICE only): VOICE_ISOLATION, NOISE_SUPPRESSION or NONE.</summary>
public sealed record ChannelVoiceEnhancement(string Channel, string VoiceEnhancementMode);

/// <summary>
/// A user's per-channel settings as UpdateUserConfig sends them and DescribeUser answers them. Lists left null in an
/// update keep their settings.
/// </summary>
public sealed record UserChannelConfig(
    IReadOnlyList<ChannelAutoAccept>? AutoAcceptConfigs,
    IReadOnlyList<ChannelAfterContactWork>? AfterContactWorkConfigs,
    IReadOnlyList<ChannelPhoneNumber>? PhoneNumberConfigs,
    IReadOnlyList<ChannelPersistentConnection>? PersistentConnectionConfigs,
    IReadOnlyList<ChannelVoiceEnhancement>? VoiceEnhancementConfigs);

/// <summary>
/// UpdateUserConfig, CreateUser's channel-specific lists, and the per-channel view of a user (users-search). The VOICE channel's auto-accept, ACW limit,
/// phone type and number and persistent connection are the user's PhoneConfig: UpdateUserConfig's VOICE entries change
/// PhoneConfig, and UpdateUserPhoneConfig shows in the VOICE entries. The other channels' entries, the VOICE
/// agent-first callback settings and voice enhancement are kept in <see cref="User.ChannelConfig"/>.
/// [choice] An update merges by channel: an entry replaces that channel's whole entry of its list (an agent-first
/// callback setting left out is cleared), other channels keep theirs. [choice] DescribeUser shows VOICE in AutoAcceptConfigs, AfterContactWorkConfigs and PhoneNumberConfigs
/// always (PhoneConfig always holds them), PersistentConnectionConfigs when PhoneConfig has PersistentConnection, and
/// other channels only once configured.
/// </summary>
public sealed class UserConfigService(IConnectStore store, ConnectSettings settings)
{
    public const string Voice = "VOICE";

    /// <summary>AfterContactWorkConfig: "Minimum: 1 second" (rules-gaps).</summary>
    public const int MinChannelAfterContactWork = 1;

    private readonly ResourceOperations<User> _users = new(store, settings, ResourceTypes.User);

    public User Update(Caller caller, string instanceIdOrArn, string userIdOrArn, UserChannelConfig update)
    {
        Validate(update);
        return _users.Update(caller, instanceIdOrArn, userIdOrArn, (_, user) => Apply(user, update));
    }

    /// <summary>
    /// The user with <paramref name="update"/> applied: VOICE entries change PhoneConfig, the rest merge by channel into
    /// the stored lists. UpdateUserConfig and CreateUser (its channel-specific lists) both apply settings this way.
    /// </summary>
    public static User Apply(User user, UserChannelConfig update)
    {
        var stored = user.ChannelConfig ?? new UserChannelConfig([], [], [], [], []);
        var phone = user.PhoneConfig;
        if (update.AutoAcceptConfigs?.FirstOrDefault(c => c.Channel == Voice) is { } autoAccept)
        {
            phone = phone with { AutoAccept = autoAccept.AutoAccept };
        }

        if (update.AfterContactWorkConfigs?.FirstOrDefault(c => c.Channel == Voice) is { AfterContactWorkTimeLimit: { } limit })
        {
            phone = phone with { AfterContactWorkTimeLimit = limit };
        }

        if (update.PhoneNumberConfigs?.FirstOrDefault(c => c.Channel == Voice) is { } number)
        {
            phone = phone with { PhoneType = number.PhoneType, DeskPhoneNumber = number.PhoneNumber };
        }

        if (update.PersistentConnectionConfigs?.FirstOrDefault(c => c.Channel == Voice) is { } persistent)
        {
            phone = phone with { PersistentConnection = persistent.PersistentConnection };
        }

        var merged = new UserChannelConfig(
            Merge(stored.AutoAcceptConfigs, update.AutoAcceptConfigs, c => c.Channel),
            Merge(stored.AfterContactWorkConfigs, update.AfterContactWorkConfigs, c => c.Channel),
            [],
            [],
            Merge(stored.VoiceEnhancementConfigs, update.VoiceEnhancementConfigs, c => c.Channel));
        return user with { PhoneConfig = phone, ChannelConfig = merged };
    }

    /// <summary>What DescribeUser and SearchUsers show: VOICE from PhoneConfig, the rest as stored.</summary>
    public static UserChannelConfig Of(User user)
    {
        var stored = user.ChannelConfig ?? new UserChannelConfig([], [], [], [], []);
        var phone = user.PhoneConfig;
        var voiceAutoAccept = (stored.AutoAcceptConfigs ?? []).FirstOrDefault(c => c.Channel == Voice);
        var voiceAfterContactWork = (stored.AfterContactWorkConfigs ?? []).FirstOrDefault(c => c.Channel == Voice);
        return new UserChannelConfig(
            [new ChannelAutoAccept(Voice, phone.AutoAccept, voiceAutoAccept?.AgentFirstCallbackAutoAccept), .. (stored.AutoAcceptConfigs ?? []).Where(c => c.Channel != Voice)],
            [new ChannelAfterContactWork(Voice, phone.AfterContactWorkTimeLimit, voiceAfterContactWork?.AgentFirstCallbackTimeLimit),
             .. (stored.AfterContactWorkConfigs ?? []).Where(c => c.Channel != Voice)],
            [new ChannelPhoneNumber(Voice, phone.PhoneType, phone.DeskPhoneNumber)],
            phone.PersistentConnection is { } persistent ? [new ChannelPersistentConnection(Voice, persistent)] : [],
            stored.VoiceEnhancementConfigs ?? []);
    }

    private static List<T> Merge<T>(IReadOnlyList<T>? stored, IReadOnlyList<T>? update, Func<T, string> channel)
    {
        var result = (stored ?? []).ToList();
        foreach (var entry in update ?? [])
        {
            result.RemoveAll(s => channel(s) == channel(entry));
            result.Add(entry);
        }

        return result.OrderBy(channel, StringComparer.Ordinal).ToList();
    }

    /// <summary>The rules the model's documentation states for each list, checked before the user is looked up (and by CreateUser).</summary>
    public static void Validate(UserChannelConfig update)
    {
        // [choice] A channel named twice in one list is refused rather than letting the last entry win.
        Unique(update.AutoAcceptConfigs, c => c.Channel);
        Unique(update.AfterContactWorkConfigs, c => c.Channel);
        Unique(update.PhoneNumberConfigs, c => c.Channel);
        Unique(update.PersistentConnectionConfigs, c => c.Channel);
        Unique(update.VoiceEnhancementConfigs, c => c.Channel);

        // PhoneNumberConfig, PersistentConnectionConfig and VoiceEnhancementConfig docs: "Only VOICE is supported".
        VoiceOnly(update.PhoneNumberConfigs, c => c.Channel, "PhoneNumberConfigs");
        VoiceOnly(update.PersistentConnectionConfigs, c => c.Channel, "PersistentConnectionConfigs");
        VoiceOnly(update.VoiceEnhancementConfigs, c => c.Channel, "VoiceEnhancementConfigs");

        // The agent-first callback settings "only apply to the VOICE channel".
        VoiceOnly(update.AutoAcceptConfigs?.Where(c => c.AgentFirstCallbackAutoAccept is not null).ToList(), c => c.Channel, "AgentFirstCallbackAutoAccept");
        VoiceOnly(update.AfterContactWorkConfigs?.Where(c => c.AgentFirstCallbackTimeLimit is not null).ToList(), c => c.Channel, "AgentFirstCallbackAfterContactWorkConfig");

        foreach (var limit in (update.AfterContactWorkConfigs ?? []).SelectMany(c => new[] { c.AfterContactWorkTimeLimit, c.AgentFirstCallbackTimeLimit }))
        {
            if (limit > UserService.MaxAfterContactWorkTimeLimit)
            {
                throw Errors.InvalidParameter(ErrorTexts.ChannelAfterContactWorkTooHigh(UserService.MaxAfterContactWorkTimeLimit));
            }
        }

        // [choice] AfterContactWorkConfig's one member is optional in the model; a channel entry without a limit is refused.
        if ((update.AfterContactWorkConfigs ?? []).Any(c => c.AfterContactWorkTimeLimit is null))
        {
            throw Errors.InvalidParameter(ErrorTexts.AfterContactWorkLimitRequired);
        }

        // rules-gaps: a channel's limit is "Minimum: 1 second" (the model allows 0). [choice] The VOICE entry's
        // AfterContactWorkTimeLimit is PhoneConfig's limit, whose documented minimum is 0 and which DescribeUser shows
        // in this list, so 0 stays accepted there (a read-modify-write of a user must not fail); every other channel's
        // limit and the agent-first callback limit are at least 1.
        if ((update.AfterContactWorkConfigs ?? []).Any(c => (c.Channel != Voice && c.AfterContactWorkTimeLimit < MinChannelAfterContactWork)
                                                            || c.AgentFirstCallbackTimeLimit < MinChannelAfterContactWork))
        {
            throw Errors.InvalidParameter(ErrorTexts.ChannelAfterContactWorkTooLow(MinChannelAfterContactWork));
        }

        if ((update.PhoneNumberConfigs ?? []).Any(c => c.PhoneType == UserService.DeskPhone && string.IsNullOrEmpty(c.PhoneNumber)))
        {
            throw Errors.InvalidParameter(ErrorTexts.ChannelDeskPhoneNumberRequired);
        }
    }

    private static void Unique<T>(IReadOnlyList<T>? list, Func<T, string> channel)
    {
        if (list?.GroupBy(channel).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Errors.InvalidParameter(ErrorTexts.ChannelConfiguredTwice(twice.Key));
        }
    }

    private static void VoiceOnly<T>(IReadOnlyList<T>? list, Func<T, string> channel, string what)
        where T : class
    {
        if (list?.FirstOrDefault(c => channel(c) != Voice) is { } other)
        {
            throw Errors.InvalidParameter(ErrorTexts.VoiceOnlySetting(what, channel(other)));
        }
    }
}
