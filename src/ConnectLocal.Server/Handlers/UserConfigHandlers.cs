using ConnectLocal.Core.Users;
using ConnectLocal.Model.Shapes;

namespace ConnectLocal.Server.Handlers;

// UpdateUserConfig and the per-channel settings DescribeUser and SearchUsers show (users-search); the rules are
// Core/Users/UserConfig.cs.
public sealed partial class ConnectApi
{
    public override ValueTask UpdateUserConfig(OperationContext context, UpdateUserConfigRequest request)
    {
        new UserConfigService(Store, Settings).Update(CallerOf(context), request.InstanceId!, request.UserId!, ChannelConfigIn(
            request.AutoAcceptConfigs, request.AfterContactWorkConfigs, request.PhoneNumberConfigs, request.PersistentConnectionConfigs, request.VoiceEnhancementConfigs));
        return ValueTask.CompletedTask;
    }

    /// <summary>The per-channel lists as UpdateUserConfig and CreateUser send them.</summary>
    private static UserChannelConfig ChannelConfigIn(
        List<AutoAcceptConfig>? autoAccept,
        List<AfterContactWorkConfigPerChannel>? afterContactWork,
        List<PhoneNumberConfig>? phoneNumbers,
        List<PersistentConnectionConfig>? persistent,
        List<VoiceEnhancementConfig>? voiceEnhancement) => new(
        autoAccept?.Select(c => new ChannelAutoAccept(c.Channel!, c.AutoAccept!.Value, c.AgentFirstCallbackAutoAccept)).ToList(),
        afterContactWork?.Select(c => new ChannelAfterContactWork(
            c.Channel!, c.AfterContactWorkConfig?.AfterContactWorkTimeLimit, c.AgentFirstCallbackAfterContactWorkConfig?.AfterContactWorkTimeLimit)).ToList(),
        phoneNumbers?.Select(c => new ChannelPhoneNumber(c.Channel!, c.PhoneType!, c.PhoneNumber)).ToList(),
        persistent?.Select(c => new ChannelPersistentConnection(c.Channel!, c.PersistentConnection!.Value)).ToList(),
        voiceEnhancement?.Select(c => new ChannelVoiceEnhancement(c.Channel!, c.VoiceEnhancementMode!)).ToList());

    private static List<AutoAcceptConfig> AutoAcceptOut(UserChannelConfig config) => (config.AutoAcceptConfigs ?? [])
        .Select(c => new AutoAcceptConfig { Channel = c.Channel, AutoAccept = c.AutoAccept, AgentFirstCallbackAutoAccept = c.AgentFirstCallbackAutoAccept }).ToList();

    private static List<AfterContactWorkConfigPerChannel> AfterContactWorkOut(UserChannelConfig config) => (config.AfterContactWorkConfigs ?? [])
        .Select(c => new AfterContactWorkConfigPerChannel
        {
            Channel = c.Channel,
            AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = c.AfterContactWorkTimeLimit },
            AgentFirstCallbackAfterContactWorkConfig = c.AgentFirstCallbackTimeLimit is { } limit ? new AfterContactWorkConfig { AfterContactWorkTimeLimit = limit } : null,
        }).ToList();

    private static List<PhoneNumberConfig> PhoneNumbersOut(UserChannelConfig config) => (config.PhoneNumberConfigs ?? [])
        .Select(c => new PhoneNumberConfig { Channel = c.Channel, PhoneType = c.PhoneType, PhoneNumber = c.PhoneNumber }).ToList();

    private static List<PersistentConnectionConfig>? PersistentOut(UserChannelConfig config) => config.PersistentConnectionConfigs is { Count: > 0 } list
        ? list.Select(c => new PersistentConnectionConfig { Channel = c.Channel, PersistentConnection = c.PersistentConnection }).ToList()
        : null;

    private static List<VoiceEnhancementConfig>? VoiceEnhancementOut(UserChannelConfig config) => config.VoiceEnhancementConfigs is { Count: > 0 } list
        ? list.Select(c => new VoiceEnhancementConfig { Channel = c.Channel, VoiceEnhancementMode = c.VoiceEnhancementMode }).ToList()
        : null;
}
