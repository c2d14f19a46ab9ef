using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Http;

/// <summary>
/// Model constraints over HTTP, with the exact AWS front-end messages (docs/wire-choices.md). The error code is the
/// operation's InvalidParameterException when its model lists one (CreateAgentStatus, CreateUser), otherwise
/// InvalidRequestException (UpdateTrafficDistribution, whose model lists none).
/// </summary>
public sealed class ValidationTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>
{
    private const string CreateAgentStatus = "/agent-status/inst-1";
    private const string TrafficGroupId = "0b8f7d3e-3f4c-4b5a-9c1d-2e3f4a5b6c7d";
    private const string UpdateTrafficDistribution = "/traffic-distribution/" + TrafficGroupId;
    private const string TrafficGroupIdPattern =
        "^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z-]+-[0-9]{1}:[0-9]{1,20}:traffic-distribution-group/)?[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$";

    [Fact]
    public async Task Missing_required_member_is_reported_as_null()
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, "{\"Name\":\"n\"}");

        AssertValidation(response, "InvalidParameterException",
            "1 validation error detected: Value null at 'state' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task String_longer_than_its_maximum_is_reported_with_its_value()
    {
        var name = new string('x', 128);

        var response = await server.SendAsync("PUT", CreateAgentStatus, $"{{\"Name\":\"{name}\",\"State\":\"ENABLED\"}}");

        AssertValidation(response, "InvalidParameterException",
            $"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 127");
    }

    [Fact]
    public async Task String_length_is_counted_in_code_points()
    {
        var name = string.Concat(Enumerable.Repeat("\U0001F600", 127)); // 254 UTF-16 units, 127 code points

        var response = await server.SendAsync("PUT", CreateAgentStatus, $"{{\"Name\":\"{name}\",\"State\":\"ENABLED\"}}");

        WireAssert.PassedTheFrontDoor(response, "CreateAgentStatus");
    }

    [Fact]
    public async Task Value_outside_the_enum_is_reported_with_the_allowed_values()
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, "{\"Name\":\"n\",\"State\":\"enabled\"}");

        AssertValidation(response, "InvalidParameterException",
            "1 validation error detected: Value 'enabled' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
    }

    [Theory]
    [InlineData(0, "Member must have value greater than or equal to 1")]
    [InlineData(51, "Member must have value less than or equal to 50")]
    [InlineData(-7, "Member must have value greater than or equal to 1")]
    public async Task Number_outside_its_range_is_reported_with_the_bound(int displayOrder, string constraint)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, $"{{\"Name\":\"n\",\"State\":\"ENABLED\",\"DisplayOrder\":{displayOrder}}}");

        AssertValidation(response, "InvalidParameterException",
            $"1 validation error detected: Value '{displayOrder}' at 'displayOrder' failed to satisfy constraint: {constraint}");
    }

    [Fact]
    public async Task Value_not_matching_the_pattern_is_reported_with_the_pattern_as_modelled()
    {
        var response = await server.SendAsync("PUT", "/traffic-distribution/not-an-id", "{}");

        AssertValidation(response, "InvalidRequestException",
            $"1 validation error detected: Value 'not-an-id' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: {TrafficGroupIdPattern}");
    }

    [Fact]
    public async Task Several_violations_are_reported_together_in_member_order()
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, "{\"DisplayOrder\":51,\"State\":\"ON\",\"Name\":\"\"}");

        AssertValidation(response, "InvalidParameterException",
            "3 validation errors detected: " +
            "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
            "Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]; " +
            "Value '51' at 'displayOrder' failed to satisfy constraint: Member must have value less than or equal to 50");
    }

    [Fact]
    public async Task Violations_in_path_and_body_are_reported_together()
    {
        var response = await server.SendAsync("PUT", "/agent-status/" + new string('i', 101), "{\"Name\":\"n\"}");

        AssertValidation(response, "InvalidParameterException",
            $"2 validation errors detected: Value '{new string('i', 101)}' at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100; " +
            "Value null at 'state' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task List_items_are_reported_at_their_one_based_member_path()
    {
        var body = "{\"TelephonyConfig\":{\"Distributions\":[{\"Region\":\"us-east-1\",\"Percentage\":50},{\"Region\":\"us-west-2\",\"Percentage\":101},{\"Region\":\"eu-west-2\"}]}}";

        var response = await server.SendAsync("PUT", UpdateTrafficDistribution, body);

        AssertValidation(response, "InvalidRequestException",
            "2 validation errors detected: " +
            "Value '101' at 'telephonyConfig.distributions.2.member.percentage' failed to satisfy constraint: Member must have value less than or equal to 100; " +
            "Value null at 'telephonyConfig.distributions.3.member.percentage' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task Null_list_item_is_reported_as_null()
    {
        var response = await server.SendAsync("PUT", UpdateTrafficDistribution, "{\"AgentConfig\":{\"Distributions\":[null]}}");

        AssertValidation(response, "InvalidRequestException",
            "1 validation error detected: Value null at 'agentConfig.distributions.1.member' failed to satisfy constraint: Member must not be null");
    }

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("{\"ParticipantTimerAction\":\"Unset\",\"ParticipantTimerDurationInMinutes\":5}", "{ParticipantTimerAction=Unset, ParticipantTimerDurationInMinutes=5}")]
    [InlineData("{\"ParticipantTimerAction\":null}", "{ParticipantTimerAction=null}")]
    public async Task Union_without_exactly_one_member_set_is_a_violation(string union, string shown)
    {
        var body = "{\"ChannelConfiguration\":{\"Chat\":{\"ParticipantTimerConfigList\":[{\"ParticipantRole\":\"CUSTOMER\",\"TimerType\":\"IDLE\",\"TimerValue\":" + union + "}]}}}";

        var response = await server.SendAsync("PUT", "/contact/participant-role-config/inst-1/contact-1", body);

        AssertValidation(response, "InvalidParameterException",
            $"1 validation error detected: Value '{shown}' at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerValue' failed to satisfy constraint: Member must have exactly one member set");
    }

    [Fact]
    public async Task Union_with_one_member_set_is_accepted()
    {
        var body = "{\"ChannelConfiguration\":{\"Chat\":{\"ParticipantTimerConfigList\":[{\"ParticipantRole\":\"CUSTOMER\",\"TimerType\":\"IDLE\",\"TimerValue\":{\"ParticipantTimerDurationInMinutes\":5}}]}}}";

        var response = await server.SendAsync("PUT", "/contact/participant-role-config/inst-1/contact-1", body);

        WireAssert.PassedTheFrontDoor(response, "UpdateParticipantRoleConfig");
    }

    [Fact]
    public async Task Map_with_fewer_entries_than_its_minimum_is_reported_at_the_map()
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, "{\"Name\":\"n\",\"State\":\"ENABLED\",\"Tags\":{}}");

        AssertValidation(response, "InvalidParameterException",
            "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    [Fact]
    public async Task Map_key_and_value_violations_are_reported_at_the_map()
    {
        var longValue = new string('v', 257);

        var response = await server.SendAsync("PUT", CreateAgentStatus, $"{{\"Name\":\"n\",\"State\":\"ENABLED\",\"Tags\":{{\"aws:team\":\"{longValue}\"}}}}");

        AssertValidation(response, "InvalidParameterException",
            "2 validation errors detected: " +
            $"Value '{{aws:team={longValue}}}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^(?!aws:)[\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]*$]; " +
            $"Value '{{aws:team={longValue}}}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256]");
    }

    [Fact]
    public async Task Sensitive_value_is_redacted_from_the_message()
    {
        var body = "{\"Username\":\"agent\",\"Password\":\"short-secret\",\"SecurityProfileIds\":[\"sp-1\"],\"RoutingProfileId\":\"rp-1\"}";

        var response = await server.SendAsync("PUT", "/users/inst-1", body);

        AssertValidation(response, "InvalidParameterException",
            "1 validation error detected: Value '*** Sensitive Data Redacted ***' at 'password' failed to satisfy constraint: " +
            "Member must satisfy regular expression pattern: /^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)[a-zA-Z\\d\\S]{8,64}$/");
        Assert.DoesNotContain("short-secret", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sensitive_value_that_is_valid_passes()
    {
        var body = "{\"Username\":\"agent\",\"Password\":\"Str0ngPassword\",\"SecurityProfileIds\":[\"sp-1\"],\"RoutingProfileId\":\"rp-1\"}";

        var response = await server.SendAsync("PUT", "/users/inst-1", body);

        WireAssert.PassedTheFrontDoor(response, "CreateUser");
    }

    [Fact]
    public async Task Operation_whose_model_lists_no_InvalidParameterException_answers_InvalidRequestException()
    {
        var response = await server.SendAsync("PUT", UpdateTrafficDistribution, "{\"TelephonyConfig\":{}}");

        AssertValidation(response, "InvalidRequestException",
            "1 validation error detected: Value null at 'telephonyConfig.distributions' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task A_value_of_megabytes_comes_back_as_its_first_4096_characters()
    {
        // 9.5 MiB, under the 10 MiB body limit: the answer once echoed all of it.
        var name = new string('x', 9_500_000);

        var response = await server.SendAsync("PUT", CreateAgentStatus, $"{{\"Name\":\"{name}\",\"State\":\"ENABLED\"}}");

        AssertValidation(response, "InvalidParameterException",
            $"1 validation error detected: Value '{name[..4096]}...' at 'name' failed to satisfy constraint: Member must have length less than or equal to 127");
        Assert.True(response.Body.Length < 8 * 1024, $"{response.Body.Length:N0} characters of error body");
    }

    [Fact]
    public async Task Contact_attributes_over_32768_UTF8_bytes_in_all_are_refused()
    {
        // StartTaskContact Attributes: "up to 32,768 UTF-8 bytes across all key-value pairs per contact". Each value
        // here is within AttributeValue's own 32,767; together they are not.
        var value = new string('v', 16_380);
        var body = $"{{\"InstanceId\":\"{Guid.NewGuid()}\",\"ContactFlowId\":\"f\",\"Name\":\"t\",\"Attributes\":{{\"a\":\"{value}\",\"b\":\"{value}\",\"c\":\"{value}\"}}}}";

        var response = await server.SendAsync("PUT", "/contact/task", body);

        AssertValidation(response, "InvalidParameterException",
            "The attributes are 49143 UTF-8 bytes across all key-value pairs; a contact can have up to 32768.");
    }

    [Theory]
    [InlineData("customer.name")]
    [InlineData("naïve")]
    public async Task Contact_attribute_keys_other_than_alphanumeric_dash_and_underscore_are_refused(string key)
    {
        var body = $"{{\"InstanceId\":\"{Guid.NewGuid()}\",\"ParticipantDetails\":{{\"DisplayName\":\"c\"}},\"ContactFlowId\":\"f\",\"Attributes\":{{\"{key}\":\"v\"}}}}";

        var response = await server.SendAsync("PUT", "/contact/chat", body);

        AssertValidation(response, "InvalidParameterException", "Attribute keys can include only alphanumeric, dash, and underscore characters.");
    }

    private static void AssertValidation(WireResponse response, string code, string message)
    {
        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.ErrorType);
        Assert.Equal(message, response.Message);
    }
}
