using ConnectLocal.Model.Shapes;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Specs;

/// <summary>Authentication profiles (issue 15, config-rest; docs/choices.md, "Authentication profiles"), specified in-process.</summary>
public sealed class AuthenticationProfileSpecs : IDisposable
{
    private readonly ConnectClient _client = new();
    private readonly string _instanceId;

    public AuthenticationProfileSpecs()
    {
        _instanceId = _client.Invoke<CreateInstanceResponse>(new CreateInstanceRequest
        {
            IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = "authentication-profile-specs", InboundCallsEnabled = true, OutboundCallsEnabled = true,
        }).Id!;
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_new_instance_has_one_default_profile()
    {
        var summary = Assert.Single(List());
        var profile = Describe(summary.Id!);

        Assert.True(summary.IsDefault);
        Assert.EndsWith($":instance/{_instanceId}/authentication-profile/{summary.Id}", summary.Arn);
        Assert.Equal((summary.Id, summary.Arn, "Default authentication profile", true), (profile.Id, profile.Arn, profile.Name, profile.IsDefault));
        Assert.Equal((60, 720, 720, false), (profile.PeriodicSessionDuration, profile.MaxSessionDuration, profile.SessionInactivityDuration, profile.SessionInactivityHandlingEnabled));
        Assert.Equal((ConnectClient.DefaultStart, ConnectClient.DefaultStart), (profile.CreatedTime, profile.LastModifiedTime));
    }

    [Fact]
    public void An_update_sets_the_members_it_carries_and_keeps_the_others()
    {
        var id = Assert.Single(List()).Id!;
        _client.Advance(TimeSpan.FromMinutes(5));

        _client.Invoke(new UpdateAuthenticationProfileRequest
        {
            InstanceId = _instanceId, AuthenticationProfileId = id, Description = "office", AllowedIps = ["2001:db8::/32"], SessionInactivityDuration = 30,
        });
        _client.Invoke(new UpdateAuthenticationProfileRequest { InstanceId = _instanceId, AuthenticationProfileId = id, SessionInactivityHandlingEnabled = true });

        var profile = Describe(id);
        Assert.Equal(("office", "2001:db8::/32", 30, true, 720), (profile.Description, Assert.Single(profile.AllowedIps!), profile.SessionInactivityDuration, profile.SessionInactivityHandlingEnabled, profile.MaxSessionDuration));
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(5), profile.LastModifiedTime);
        Assert.Equal(ConnectClient.DefaultStart, profile.CreatedTime);
        Assert.Equal(ConnectClient.DefaultStart.AddMinutes(5), Assert.Single(List()).LastModifiedTime);
    }

    [Fact]
    public void Unknown_profiles_and_instances_are_not_found_and_model_ranges_hold()
    {
        var id = Assert.Single(List()).Id!;
        _client.Fails(new DescribeAuthenticationProfileRequest { InstanceId = _instanceId, AuthenticationProfileId = "11111111-2222-4333-8444-555555555555" }, "ResourceNotFoundException");
        _client.Fails(new ListAuthenticationProfilesRequest { InstanceId = "11111111-2222-4333-8444-555555555555" }, "ResourceNotFoundException");
        _client.Fails(new UpdateAuthenticationProfileRequest { InstanceId = _instanceId, AuthenticationProfileId = id, PeriodicSessionDuration = 5 }, "InvalidParameterException");
        Assert.Null(Describe(id).Description);
    }

    private List<AuthenticationProfileSummary> List() =>
        _client.Invoke<ListAuthenticationProfilesResponse>(new ListAuthenticationProfilesRequest { InstanceId = _instanceId }).AuthenticationProfileSummaryList!;

    private AuthenticationProfile Describe(string id) =>
        _client.Invoke<DescribeAuthenticationProfileResponse>(new DescribeAuthenticationProfileRequest { InstanceId = _instanceId, AuthenticationProfileId = id }).AuthenticationProfile!;
}
