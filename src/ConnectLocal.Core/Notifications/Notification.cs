using System.Globalization;
using ConnectLocal.Core.Instances;

namespace ConnectLocal.Core.Notifications;

/// <summary>
/// A notification an administrator sends to agents (ARN …/instance/{id}/notification/{id}): localized content, a
/// priority, recipients (user ARNs, or the instance's ARN for all its users), an expiry, and each recipient's status.
/// LIMITATIONS: no agent workspace shows them; Source is always CUSTOMER (rules and the system send none).
/// </summary>
public sealed record Notification : InstanceResource, IResource<Notification>, ITaggable<Notification>
{
    public static string Kind => "notification";

    /// <summary>Notifications have no name (nothing to keep unique).</summary>
    public string? Name => null;

    public IReadOnlyDictionary<string, string> Content { get; init => field = value ?? field; } = new Dictionary<string, string>();

    public string Priority { get; init => field = value ?? field; } = NotificationRules.Low;

    public IReadOnlyList<string> Recipients { get; init => field = value ?? field; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public string Source { get; init => field = value ?? field; } = NotificationRules.Customer;

    /// <summary>Each recipient user's status by user id; a user not listed has UNREAD.</summary>
    public IReadOnlyDictionary<string, string> UserStatuses { get; init => field = value ?? field; } = new Dictionary<string, string>();

    public Notification WithTags(IReadOnlyDictionary<string, string> tags) => this with { Tags = tags };
}

/// <summary>A notification as one recipient sees it (ListUserNotifications' UserNotificationSummary).</summary>
public sealed record UserNotification(Notification Notification, string UserId, string Status);

/// <summary>
/// The rules of notifications beyond the routine ones (describe, delete, tags by ARN come from <see cref="Type"/>):
/// recipients that exist, content limits, expiry, each user's status, and the newest-first order AWS documents for
/// SearchNotifications ([choice] ListNotifications and ListUserNotifications use it too).
/// </summary>
public static class NotificationRules
{
    public const string Low = "LOW";
    public const string Customer = "CUSTOMER";
    public const string Unread = "UNREAD";

    /// <summary>CreateNotification's limit per locale (UpdateNotificationContent allows the model's 500).</summary>
    public const int MaxCreateContent = 250;

    /// <summary>Without ExpiresAt a notification expires one week after it is created.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    public static readonly ResourceType<Notification> Type = new()
    {
        ArnSegment = "notification",
        Noun = "Notification",
        UniqueNames = false,
        // [choice] "notification ID and message content": resourceID exactly, content in any of its locales.
        SearchFields =
        [
            SearchField<Notification>.Id("resourceID", n => n.Id),
            SearchField<Notification>.Text("content", n => string.Join("\n", n.Content.Values)),
        ],
        OrderKey = OrderKey,
        Check = Check,
    };

    /// <summary>
    /// A new notification: every recipient is a user of the instance or the instance itself (by ARN), each locale's text
    /// at most 250 characters, the expiry in the future (default a week).
    /// </summary>
    public static Notification New(
        ResourceContext context, IReadOnlyDictionary<string, string> content, IReadOnlyList<string> recipients, string? priority, DateTimeOffset? expiresAt,
        IReadOnlyDictionary<string, string> tags)
    {
        if (content.FirstOrDefault(c => c.Value.Length > MaxCreateContent) is { Key: not null } tooLong)
        {
            throw Errors.InvalidParameter(ErrorTexts.NotificationContentTooLong(tooLong.Key, MaxCreateContent));
        }

        foreach (var recipient in recipients)
        {
            RequireRecipient(context, recipient);
        }

        var now = context.Caller.Now;
        var expires = expiresAt ?? now + DefaultLifetime;
        if (expires <= now)
        {
            throw Errors.InvalidParameter(ErrorTexts.NotificationExpiresInPast);
        }

        return new Notification
        {
            Content = content,
            Recipients = recipients.Distinct(StringComparer.Ordinal).ToList(),
            Priority = priority ?? Low,
            CreatedAt = now,
            ExpiresAt = expires,
            Tags = tags,
        };
    }

    /// <summary>
    /// UpdateUserNotificationStatus: the user exists and the notification was sent to them (to their ARN or their
    /// instance's); [choice] otherwise InvalidRequestException.
    /// </summary>
    public static void SetStatus(ResourceOperations<Notification> notifications, Caller caller, string instanceIdOrArn, string notificationId, string userIdOrArn, string status) =>
        notifications.Update(caller, instanceIdOrArn, notificationId, (context, current) =>
        {
            var user = ResourceTypes.User.Require(context.Session, caller, context.Instance.Id, userIdOrArn);
            if (!SentTo(current, context.Instance, user))
            {
                throw Errors.InvalidRequest(ErrorTexts.NotificationNotSentToUser(user.Id));
            }

            return current with { UserStatuses = new Dictionary<string, string>(current.UserStatuses) { [user.Id] = status } };
        });

    /// <summary>ListUserNotifications: the notifications sent to the user that have not expired, newest first, with the user's status.</summary>
    public static Page<UserNotification> ForUser(IConnectStore store, Caller caller, string instanceIdOrArn, string userIdOrArn, string listing, string? nextToken, int pageSize) =>
        store.Read(session =>
        {
            var instance = InstanceService.Require(session, caller, instanceIdOrArn);
            var user = ResourceTypes.User.Require(session, caller, instance.Id, userIdOrArn);
            var scope = new ResourceScope(caller.AccountId, caller.Region, instance.Id);
            var mine = session.All<Notification>(scope)
                .Where(n => n.ExpiresAt > caller.Now && SentTo(n, instance, user))
                .OrderBy(OrderKey, StringComparer.Ordinal)
                .Select(n => new UserNotification(n, user.Id, n.UserStatuses.GetValueOrDefault(user.Id, Unread)))
                .ToList();
            return Paging.Slice(session, scope, Paging.Listing(listing, [user.Id]), mine, u => OrderKey(u.Notification), nextToken, pageSize);
        });

    /// <summary>Newest first: the creation time counted down, then the id (a key that sorts as the order).</summary>
    public static string OrderKey(Notification n) =>
        (DateTimeOffset.MaxValue.UtcTicks - n.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + n.Id;

    private static bool SentTo(Notification notification, Instance instance, User user) =>
        notification.Recipients.Any(r => r == instance.Arn || r == user.Arn);

    private static void RequireRecipient(ResourceContext context, string recipient)
    {
        if (recipient == context.Instance.Arn)
        {
            return;
        }

        var arn = Arns.Parse(recipient);
        if (arn?.ResourceParts is ["instance", _])
        {
            // [choice] Another instance (of any account) is not found, as a user of another instance is.
            throw Errors.InstanceNotFound();
        }

        if (arn is null || arn.ResourceParts is not ["instance", _, "agent", _])
        {
            throw Errors.InvalidParameter(ErrorTexts.NotificationRecipient(recipient));
        }

        // A user ARN of another account, Region or instance names no user of this instance.
        ResourceTypes.User.Require(context.Session, context.Caller, context.Instance.Id, recipient);
    }

    private static void Check(ResourceContext context, Notification notification)
    {
        // [choice] Content in at least one locale: a notification with nothing to show is refused.
        if (notification.Content.Count == 0)
        {
            throw Errors.InvalidParameter(ErrorTexts.NotificationContentEmpty);
        }
    }
}
