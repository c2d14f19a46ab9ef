using ConnectLocal.Core.Notifications;
using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;
using Notification = ConnectLocal.Core.Notifications.Notification;

namespace ConnectLocal.Tests.Specs;

/// <summary>Notifications (resource-families): recipients, order and each user's status, specified in-process.</summary>
public sealed class NotificationSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;
    private readonly string _instanceArn;

    public NotificationSpecs()
    {
        var instance = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "notification-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        });
        (_instanceId, _instanceArn) = (instance.Id!, instance.Arn!);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void The_order_key_sorts_newer_notifications_first()
    {
        var older = new Notification { Id = "b", CreatedAt = DateTimeOffset.UnixEpoch };
        var newer = new Notification { Id = "a", CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(1) };

        Assert.True(string.CompareOrdinal(NotificationRules.OrderKey(newer), NotificationRules.OrderKey(older)) < 0);
    }

    [Fact]
    public void A_notification_to_the_instance_defaults_to_low_priority_for_a_week()
    {
        var id = _client.Invoke<CreateNotificationResponse>(new CreateNotificationRequest
        {
            InstanceId = _instanceId, Recipients = [_instanceArn], Content = new() { ["en_US"] = "hello" },
        }).NotificationId!;

        var described = _client.Invoke<DescribeNotificationResponse>(new DescribeNotificationRequest { InstanceId = _instanceId, NotificationId = id }).Notification!;

        Assert.Equal("LOW", described.Priority);
        Assert.Equal(ConnectClient.DefaultStart, described.CreatedAt);
        Assert.Equal(ConnectClient.DefaultStart.AddDays(7), described.ExpiresAt);
        Assert.Equal([_instanceArn], described.Recipients);
    }

    [Fact]
    public void Content_over_250_characters_is_refused_on_create_only()
    {
        _client.Fails(new CreateNotificationRequest
        {
            InstanceId = _instanceId, Recipients = [_instanceArn], Content = new() { ["en_US"] = new string('x', 251) },
        }, "InvalidParameterException");
        var id = _client.Invoke<CreateNotificationResponse>(new CreateNotificationRequest
        {
            InstanceId = _instanceId, Recipients = [_instanceArn], Content = new() { ["en_US"] = "short" },
        }).NotificationId!;

        _client.Invoke<UpdateNotificationContentResponse>(new UpdateNotificationContentRequest
        {
            InstanceId = _instanceId, NotificationId = id, Content = new() { ["en_US"] = new string('x', 500) },
        });
    }

    [Fact]
    public void A_recipient_that_is_neither_a_user_nor_the_instance_is_an_invalid_parameter()
    {
        var error = _client.Fails(new CreateNotificationRequest
        {
            InstanceId = _instanceId, Recipients = [$"{_instanceArn}/queue/q"], Content = new() { ["en_US"] = "x" },
        }, "InvalidParameterException");

        Assert.Contains("neither a user ARN nor the instance ARN", error.Message);
    }
}
