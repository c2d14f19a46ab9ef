namespace ConnectLocal.Core.Contacts;

/// <summary>
/// StartChatContact's rules stated in its reference prose: the supported messaging content types (one of five, always
/// with text/plain), RelatedContactId and PersistentChat not together, and the Guide subtype only with both
/// interactive content types. Each is InvalidParameterException ([choice]: the prose names no error).
/// </summary>
public static class ChatStart
{
    public const string PlainText = "text/plain";
    public const string Interactive = "application/vnd.amazonaws.connect.message.interactive";
    public const string InteractiveResponse = "application/vnd.amazonaws.connect.message.interactive.response";

    public static readonly IReadOnlySet<string> ContentTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        PlainText, "text/markdown", "application/json", Interactive, InteractiveResponse,
    };

    /// <param name="contentTypes">SupportedMessagingContentTypes; null when not given (text/plain only).</param>
    /// <param name="subtype">The connect:Subtype segment attribute's string value, if any.</param>
    public static void Check(IReadOnlyList<string>? contentTypes, bool related, bool persistent, string? subtype)
    {
        if (contentTypes is not null)
        {
            if (contentTypes.FirstOrDefault(t => !ContentTypes.Contains(t)) is { } unsupported)
            {
                throw Errors.InvalidParameter(ErrorTexts.ChatContentTypeUnsupported(unsupported));
            }

            if (!contentTypes.Contains(PlainText))
            {
                throw Errors.InvalidParameter(ErrorTexts.ChatContentTypesNeedPlainText);
            }
        }

        if (related && persistent)
        {
            throw Errors.InvalidParameter(ErrorTexts.ChatRelatedAndPersistent);
        }

        if (subtype == "connect:Guide" && (contentTypes is null || !contentTypes.Contains(Interactive) || !contentTypes.Contains(InteractiveResponse)))
        {
            throw Errors.InvalidParameter(ErrorTexts.ChatGuideNeedsInteractiveTypes);
        }
    }
}
