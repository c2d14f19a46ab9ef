using System.Globalization;
using System.Text;

namespace ConnectLocal.Core.Contacts;

/// <summary>
/// Rules of StartChatContact, StartTaskContact and StartOutboundVoiceContact that their reference states in prose
/// (issue 18, docs/rules.md): segment attribute keys and the values only system-defined attributes take, the contact
/// expiry attribute, DATE references, the size of a chat's first message, persistent chat, answering-machine
/// detection and destinations refused by default. Each broken rule is InvalidParameterException ([choice]: the prose
/// names no error; the operations model it for bad input), except the destination (see <see cref="DestinationAllowedByDefault"/>).
/// </summary>
public static class ContactStartRules
{
    /// <summary>The namespace of the system-defined segment attributes (connect:Subtype, connect:ContactExpiry...).</summary>
    public const string SystemPrefix = "connect:";

    public const string ContactExpiry = "connect:ContactExpiry";

    public const string ExpiryDuration = "ExpiryDuration";

    public const string CreatedByUser = "connect:CreatedByUser";

    /// <summary>InitialMessage.Content: at most 16,384 bytes (the model's trait counts characters).</summary>
    public const int MaxInitialMessageBytes = 16_384;

    /// <summary>
    /// A segment attribute key: alphanumeric, '-' and '_'. [choice] The documented system-defined keys carry the
    /// "connect:" namespace, so that prefix is allowed before the rest of the key; "alphanumeric" is ASCII, as for
    /// contact attributes.
    /// </summary>
    public static void CheckSegmentKey(string key)
    {
        var name = key.StartsWith(SystemPrefix, StringComparison.Ordinal) ? key[SystemPrefix.Length..] : key;
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Errors.InvalidParameter(ErrorTexts.SegmentAttributeKeyCharacters(key));
        }
    }

    /// <summary>ValueList and ValueArn are for system-defined attributes only ([choice]: those of the "connect:" namespace).</summary>
    public static void CheckSystemOnlyValues(string key, bool hasList, bool hasArn)
    {
        if ((hasList || hasArn) && !key.StartsWith(SystemPrefix, StringComparison.Ordinal))
        {
            throw Errors.InvalidParameter(ErrorTexts.SegmentAttributeSystemOnly(key, hasList ? "ValueList" : "ValueArn"));
        }
    }

    /// <summary>connect:ContactExpiry is a ValueMap whose ExpiryDuration is a ValueInteger of minutes ([choice]: at least 1).</summary>
    public static void CheckContactExpiry(bool hasMap, int? expiryMinutes)
    {
        if (!hasMap || expiryMinutes is not > 0)
        {
            throw Errors.InvalidParameter(ErrorTexts.ContactExpiryShape);
        }
    }

    /// <summary>A DATE reference holds an epoch timestamp ([choice]: whole seconds or milliseconds, digits only).</summary>
    public static void CheckReference(string name, string? type, string? value)
    {
        if (type == "DATE" && !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw Errors.InvalidParameter(ErrorTexts.ReferenceDateNotEpoch(name));
        }
    }

    public static void CheckInitialMessage(string? content)
    {
        if (content is not null && Encoding.UTF8.GetByteCount(content) > MaxInitialMessageBytes)
        {
            throw Errors.InvalidParameter(ErrorTexts.ChatInitialMessageTooLarge(MaxInitialMessageBytes));
        }
    }

    /// <summary>A persistent chat names its RehydrationType.</summary>
    public static void CheckPersistentChat(bool given, string? rehydrationType)
    {
        if (given && rehydrationType is null)
        {
            throw Errors.InvalidParameter(ErrorTexts.PersistentChatNeedsRehydrationType);
        }
    }

    /// <summary>Answering-machine detection is for campaign calls only (TrafficType CAMPAIGN).</summary>
    public static void CheckAnswerMachineDetection(bool enabled, string? trafficType)
    {
        if (enabled && trafficType != "CAMPAIGN")
        {
            throw Errors.InvalidParameter(ErrorTexts.AnswerMachineDetectionNeedsCampaign);
        }
    }

    /// <summary>
    /// UK mobile numbers (+447...) cannot be dialled until a service quota increase allows them; ConnectLocal has no
    /// quota increase, so they are never allowed (DestinationNotAllowedException, which the operation models).
    /// </summary>
    public static bool DestinationAllowedByDefault(string destination) => !destination.StartsWith("+447", StringComparison.Ordinal);
}
