using System.Text.Json;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;

namespace ConnectLocal.Tests.Protocol;

/// <summary>RequestValidator on real shapes of the model (ShapeTable), one JSON document per case.</summary>
public sealed class RequestValidatorTests
{
    [Fact]
    public void Valid_request_has_no_violations()
    {
        var violations = Validate(ShapeTable.CreateAgentStatusRequest,
            """{"InstanceId":"i","Name":"n","State":"DISABLED","DisplayOrder":50,"Description":"d","Tags":{"team":"a"}}""");

        Assert.Empty(violations);
    }

    [Fact]
    public void Every_missing_required_member_is_reported_in_model_order()
    {
        var violations = Validate(ShapeTable.CreateAgentStatusRequest, "{}");

        Assert.Equal(
            [
                "Value null at 'instanceId' failed to satisfy constraint: Member must not be null",
                "Value null at 'name' failed to satisfy constraint: Member must not be null",
                "Value null at 'state' failed to satisfy constraint: Member must not be null",
            ],
            violations);
    }

    [Theory]
    [InlineData(127, true)]
    [InlineData(128, false)]
    public void String_length_counts_surrogate_pairs_as_one(int emoji, bool valid)
    {
        var name = string.Concat(Enumerable.Repeat("\U0001F600", emoji));

        var violations = Validate(ShapeTable.CreateAgentStatusRequest, $$"""{"InstanceId":"i","Name":"{{name}}","State":"ENABLED"}""");

        Assert.Equal(valid, violations.Count == 0);
    }

    [Fact]
    public void Both_length_and_pattern_violations_of_one_value_are_reported()
    {
        // AwsRegion: length 8..31 and pattern [a-z]{2}(-[a-z]+){1,2}(-[0-9])?
        var violations = Validate(ShapeTable.UpdateTrafficDistributionRequest,
            """{"Id":"0b8f7d3e-3f4c-4b5a-9c1d-2e3f4a5b6c7d","TelephonyConfig":{"Distributions":[{"Region":"X","Percentage":1}]}}""");

        Assert.Equal(
            [
                "Value 'X' at 'telephonyConfig.distributions.1.member.region' failed to satisfy constraint: Member must have length greater than or equal to 8",
                "Value 'X' at 'telephonyConfig.distributions.1.member.region' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]{2}(-[a-z]+){1,2}(-[0-9])?",
            ],
            violations);
    }

    [Fact]
    public void Pattern_is_searched_not_anchored()
    {
        // AwsRegion's pattern has no anchors, so a value containing a region anywhere satisfies it (Smithy @pattern).
        var violations = Validate(ShapeTable.UpdateTrafficDistributionRequest,
            """{"Id":"0b8f7d3e-3f4c-4b5a-9c1d-2e3f4a5b6c7d","TelephonyConfig":{"Distributions":[{"Region":"XX us-east-1 XX","Percentage":1}]}}""");

        Assert.Empty(violations);
    }

    [Fact]
    public void List_is_shown_as_its_items_in_brackets()
    {
        // UntagResource: tagKeys is a list of TagKey, 1..50 entries.
        var violations = Validate(ShapeTable.UntagResourceRequest, """{"resourceArn":"a","tagKeys":[]}""");

        Assert.Equal(["Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1"], violations);
    }

    [Fact]
    public void List_item_violation_is_reported_at_its_member_path()
    {
        var violations = Validate(ShapeTable.UntagResourceRequest, """{"resourceArn":"a","tagKeys":["ok","aws:reserved"]}""");

        Assert.Equal(
            ["Value 'aws:reserved' at 'tagKeys.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$"],
            violations);
    }

    [Fact]
    public void Map_with_null_value_is_reported_at_the_map()
    {
        var violations = Validate(ShapeTable.CreateAgentStatusRequest, """{"InstanceId":"i","Name":"n","State":"ENABLED","Tags":{"a":null}}""");

        Assert.Equal(["Value '{a=null}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must not be null]"], violations);
    }

    [Fact]
    public void Same_map_key_problem_of_several_keys_is_listed_once()
    {
        var violations = Validate(ShapeTable.CreateAgentStatusRequest, """{"InstanceId":"i","Name":"n","State":"ENABLED","Tags":{"aws:a":"1","aws:b":"2"}}""");

        var violation = Assert.Single(violations);
        Assert.EndsWith("Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$]", violation);
    }

    [Fact]
    public void Map_with_more_entries_than_its_maximum_is_reported()
    {
        var tags = string.Join(",", Enumerable.Range(1, 51).Select(i => $"\"k{i}\":\"v\""));

        var violations = Validate(ShapeTable.CreateAgentStatusRequest, """{"InstanceId":"i","Name":"n","State":"ENABLED","Tags":{""" + tags + "}}");

        var violation = Assert.Single(violations);
        Assert.EndsWith("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50", violation);
    }

    [Fact]
    public void Sensitive_value_is_redacted()
    {
        var violations = Validate(ShapeTable.CreateUserRequest,
            """{"InstanceId":"i","Username":"u","Password":"weak","SecurityProfileIds":["s"],"RoutingProfileId":"r"}""");

        var violation = Assert.Single(violations);
        Assert.StartsWith("Value '*** Sensitive Data Redacted ***' at 'password' failed", violation);
    }

    [Fact]
    public void Null_member_is_the_same_as_an_absent_one()
    {
        var violations = Validate(ShapeTable.CreateAgentStatusRequest, """{"InstanceId":"i","Name":"n","State":"ENABLED","Description":null,"DisplayOrder":null}""");

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("""{"InstanceId":"i","Name":"n","State":"ENABLED","DisplayOrder":true}""", "Expected an integer at 'displayOrder', found a boolean.")]
    [InlineData("""{"InstanceId":"i","Name":"n","State":"ENABLED","DisplayOrder":2147483648}""", "Expected a 32-bit integer at 'displayOrder', found 2147483648.")]
    [InlineData("""{"InstanceId":"i","Name":{},"State":"ENABLED"}""", "Expected a string at 'name', found an object.")]
    [InlineData("""{"InstanceId":"i","Name":"n","State":"ENABLED","Tags":"k=v"}""", "Expected an object at 'tags', found a string.")]
    public void Value_of_the_wrong_JSON_type_is_a_serialization_failure(string json, string message)
    {
        var failure = Assert.Throws<SerializationFailure>(() => Validate(ShapeTable.CreateAgentStatusRequest, json));

        Assert.Equal(message, failure.Message);
    }

    [Theory]
    [InlineData("1700000000", true)]
    [InlineData("1700000000.125", true)]
    [InlineData("-1", true)]
    [InlineData("\"2023-11-14T22:13:20Z\"", false)]
    [InlineData("1e300", false)]
    public void Epoch_seconds_timestamp_must_be_a_number_within_the_calendar(string value, bool valid)
    {
        // GetMetricData's StartTime is a timestamp in restJson1's default format, epoch seconds.
        var json = $$"""{"InstanceId":"i","StartTime":{{value}},"EndTime":1700000000,"Filters":{"Queues":["q"]},"HistoricalMetrics":[{"Name":"CONTACTS_HANDLED","Statistic":"SUM","Unit":"COUNT"}]}""";

        if (valid)
        {
            Assert.Empty(Validate(ShapeTable.GetMetricDataRequest, json));
        }
        else
        {
            var failure = Assert.Throws<SerializationFailure>(() => Validate(ShapeTable.GetMetricDataRequest, json));
            Assert.StartsWith("Expected a timestamp in epoch seconds at 'startTime'", failure.Message);
        }
    }

    [Fact]
    public void A_value_far_over_its_maximum_is_quoted_by_its_first_4096_code_points_without_being_copied()
    {
        // CreateAgentStatus Name: at most 127 code points. 9.5 MiB of it once came back whole, through four copies.
        var name = new string('x', 9_500_000);
        using var document = JsonDocument.Parse($$"""{"InstanceId":"i","Name":"{{name}}","State":"ENABLED"}""");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var violations = RequestValidator.Validate(ShapeTable.CreateAgentStatusRequest, document.RootElement);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(
            [$"Value '{new string('x', RequestValidator.QuotedLength)}...' at 'name' failed to satisfy constraint: Member must have length less than or equal to 127"],
            violations);
        Assert.True(allocated < 256 * 1024, $"validating a 9.5 MB value allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_value_of_4096_code_points_is_quoted_whole_and_escaped_text_is_quoted_unescaped()
    {
        var name = string.Concat(Enumerable.Repeat("\u00e9", RequestValidator.QuotedLength)); // é, sent escaped

        var violation = Assert.Single(Validate(ShapeTable.CreateAgentStatusRequest, $$"""{"InstanceId":"i","Name":"{{name}}","State":"ENABLED"}"""));

        Assert.Equal($"Value '{new string('é', RequestValidator.QuotedLength)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 127", violation);
    }

    [Fact]
    public void Long_map_keys_and_long_lists_are_cut_in_the_quoted_value()
    {
        var key = new string('k', 1_000_000);
        var tags = Validate(ShapeTable.CreateAgentStatusRequest, $$$"""{"InstanceId":"i","Name":"n","State":"ENABLED","Tags":{"{{{key}}}":"v"}}""");
        var keys = Validate(ShapeTable.UntagResourceRequest,
            """{"resourceArn":"a","tagKeys":[""" + string.Join(",", Enumerable.Repeat("\"abcdefgh\"", 100_000)) + "]}");

        Assert.Equal($"Value '{{{new string('k', RequestValidator.QuotedLength - 1)}...' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128]",
            Assert.Single(tags));
        Assert.StartsWith("Value '[abcdefgh, abcdefgh, ", keys[0]);
        Assert.EndsWith("...' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50", keys[0]);
        Assert.True(keys[0].Length < RequestValidator.QuotedLength + 200, $"{keys[0].Length} characters");
    }

    [Fact]
    public void Past_100_violations_the_rest_are_counted_not_written()
    {
        // 100,000 items breaking TagKey's pattern: one sentence each would make a message of megabytes.
        using var document = JsonDocument.Parse(
            """{"resourceArn":"a","tagKeys":[""" + string.Join(",", Enumerable.Repeat("\"aws:x\"", 100_000)) + "]}");

        var violations = RequestValidator.Validate(ShapeTable.UntagResourceRequest, document.RootElement);
        var message = ProtocolErrors.ValidationSummary(violations.Total, violations);

        Assert.Equal(100_001, violations.Total);
        Assert.Equal(Violations.MaxReported, violations.Count);
        Assert.StartsWith("100001 validation errors detected: Value '[aws:x, aws:x, ", message);
        Assert.EndsWith("at 'tagKeys.99.member' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$; and 99901 more", message);
    }

    [Fact]
    public void Validation_error_code_follows_the_operation_error_list()
    {
        foreach (var op in OperationTable.All)
        {
            var expected = op.Errors.Contains("InvalidParameterException") ? "InvalidParameterException" : "InvalidRequestException";
            Assert.Equal(expected, op.ValidationErrorCode);
        }

        Assert.Equal("InvalidRequestException", OperationTable.UpdateTrafficDistribution.ValidationErrorCode);
        Assert.Equal("InvalidParameterException", OperationTable.CreateAgentStatus.ValidationErrorCode);
    }

    private static IReadOnlyList<string> Validate(ShapeDescriptor shape, string json)
    {
        using var document = JsonDocument.Parse(json);
        return RequestValidator.Validate(shape, document.RootElement);
    }
}
