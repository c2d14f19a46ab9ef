using System.Text.Json;
using ConnectLocal.Core.Notifications;
using ConnectLocal.Core.Registry;
using ConnectLocal.Core.TaskTemplates;
using ConnectLocal.Model.Shapes;
using Notification = ConnectLocal.Core.Notifications.Notification;

namespace ConnectLocal.Server.Handlers;

// Notifications (resource-families): describe, content update, delete, list and search are declared
// (Handlers/Declared); the create (recipients, limits, expiry, ClientToken) and each user's view and status are here.
// LIMITATIONS: no agent sees them (no workspace); Source is always CUSTOMER; PredefinedNotificationId (deprecated) is
// accepted and not used; UpdateUserNotificationStatus's Global Resiliency headers are accepted and not used.
public sealed partial class ConnectApi
{
    private ResourceOperations<Notification> Notifications => new(Store, Settings, NotificationRules.Type);

    public override ValueTask<CreateNotificationResponse> CreateNotification(OperationContext context, CreateNotificationRequest request)
    {
        var token = request.ClientToken;
        request.ClientToken = null;
        var fingerprint = JsonSerializer.Serialize(request, ConnectJsonContext.Wire.CreateNotificationRequest);
        var created = IdempotentCreate.Run(
            Store, NotificationRules.Type, Settings, CallerOf(context), request.InstanceId!, context.OperationName, token, fingerprint,
            resources => NotificationRules.New(resources, request.Content!, request.Recipients!, request.Priority, request.ExpiresAt, TagsIn(request.Tags)));
        return ValueTask.FromResult(new CreateNotificationResponse { NotificationId = created.Id, NotificationArn = created.Arn });
    }

    public override ValueTask<ListUserNotificationsResponse> ListUserNotifications(OperationContext context, ListUserNotificationsRequest request)
    {
        var page = NotificationRules.ForUser(
            Store, CallerOf(context), request.InstanceId!, request.UserId!, context.OperationName, request.NextToken, PageSize(context, request.MaxResults));
        return ValueTask.FromResult(new ListUserNotificationsResponse
        {
            UserNotifications = page.Items.Select(u => new UserNotificationSummary
            {
                NotificationId = u.Notification.Id,
                NotificationStatus = u.Status,
                InstanceId = u.Notification.InstanceId,
                RecipientId = u.UserId,
                Content = u.Notification.Content.ToDictionary(),
                Priority = u.Notification.Priority,
                Source = u.Notification.Source,
                CreatedAt = u.Notification.CreatedAt,
                ExpiresAt = u.Notification.ExpiresAt,
            }).ToList(),
            NextToken = page.NextToken,
        });
    }

    public override ValueTask<UpdateUserNotificationStatusResponse> UpdateUserNotificationStatus(OperationContext context, UpdateUserNotificationStatusRequest request)
    {
        NotificationRules.SetStatus(Notifications, CallerOf(context), request.InstanceId!, request.NotificationId!, request.UserId!, request.Status!);
        return ValueTask.FromResult(new UpdateUserNotificationStatusResponse());
    }
}
