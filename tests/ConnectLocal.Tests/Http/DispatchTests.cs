using ConnectLocal.Model.Metadata;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Http;

/// <summary>Matching request lines to operations over real HTTP (docs/wire-choices.md: dispatch and 404s).</summary>
public sealed class DispatchTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    [Theory]
    [InlineData("GET", "/agent-status/inst-1", "ListAgentStatuses")]
    [InlineData("GET", "/agent-status/inst-1/status-1", "DescribeAgentStatus")]
    [InlineData("PUT", "/agent-status/inst-1", "CreateAgentStatus")]
    [InlineData("POST", "/agent-status/inst-1/status-1", "UpdateAgentStatus")]
    [InlineData("GET", "/instance", "ListInstances")]
    [InlineData("PUT", "/instance", "CreateInstance")]
    [InlineData("DELETE", "/instance/inst-1", "DeleteInstance")]
    [InlineData("GET", "/users/inst-1/user-1", "DescribeUser")]
    [InlineData("DELETE", "/users/inst-1/user-1", "DeleteUser")]
    [InlineData("POST", "/users/inst-1/user-1/hierarchy", "UpdateUserHierarchy")]
    [InlineData("POST", "/search-users", "SearchUsers")]
    [InlineData("DELETE", "/tags/some-arn?tagKeys=a", "UntagResource")]
    [InlineData("POST", "/phone-number/claim", "ClaimPhoneNumber")]
    [InlineData("GET", "/phone-number/claim", "DescribePhoneNumber")]
    public async Task Request_is_dispatched_by_method_and_path(string method, string target, string operation)
    {
        var response = await server.SendAsync(method, target);

        Assert.Equal(operation, response.Operation);
    }

    [Fact]
    public async Task Every_operation_of_the_model_is_dispatched_from_its_own_method_and_path()
    {
        var wrong = new List<string>();
        foreach (var op in OperationTable.All)
        {
            var response = await server.SendAsync(op.Method, ModelSamples.PathOf(op));
            if (response.Operation != op.Name)
            {
                wrong.Add($"{op.Method} {op.RequestUri} went to '{response.Operation}' ({response.Status})");
            }
        }

        Assert.Equal(382, OperationTable.All.Count); // the pinned model's 380 and model/overlays' 2
        Assert.Empty(wrong);
    }

    /// <summary>
    /// Templates where a literal and a label compete at the same position, found in the model. In this model they
    /// never share a method (e.g. POST /phone-number/claim against GET /phone-number/{PhoneNumberId}), so over HTTP
    /// the literal request goes to the literal operation and the same path under the other method fills the label;
    /// RouteTableTests covers the same-method precedence with synthetic templates.
    /// </summary>
    [Fact]
    public async Task Literal_and_label_templates_competing_at_one_position_dispatch_by_literal_first()
    {
        var pairs = CompetingPairs().ToList();
        Assert.NotEmpty(pairs);

        var wrong = new List<string>();
        foreach (var (literal, label) in pairs)
        {
            var path = ModelSamples.PathOf(literal);
            var expectedUnderLabelMethod = label.Method == literal.Method ? literal.Name : label.Name;

            var literalResponse = await server.SendAsync(literal.Method, path);
            var labelResponse = await server.SendAsync(label.Method, path);

            if (literalResponse.Operation != literal.Name)
            {
                wrong.Add($"{literal.Method} {path}: expected {literal.Name}, got {literalResponse.Operation}");
            }

            if (labelResponse.Operation != expectedUnderLabelMethod)
            {
                wrong.Add($"{label.Method} {path}: expected {expectedUnderLabelMethod}, got {labelResponse.Operation}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("/traffic-distribution/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Atraffic-distribution-group%2F0b8f7d3e-3f4c-4b5a-9c1d-2e3f4a5b6c7d")]
    [InlineData("/traffic-distribution/arn%3aaws%3aconnect%3aus-east-1%3a123456789012%3atraffic-distribution-group%2f0b8f7d3e-3f4c-4b5a-9c1d-2e3f4a5b6c7d")]
    public async Task Path_label_with_encoded_slash_and_colon_stays_one_label(string target)
    {
        // The Id pattern requires the ARN with its ':' and '/' in one label; any split or undecoded value fails it.
        var response = await server.SendRawAsync("PUT", target, "{}");

        WireAssert.PassedTheFrontDoor(response, "UpdateTrafficDistribution");
    }

    [Fact]
    public async Task Path_label_is_percent_decoded_before_validation()
    {
        var response = await server.SendRawAsync("PUT", "/traffic-distribution/a%2Fb%3Ac%20d", "{}");

        Assert.Equal(400, response.Status);
        Assert.StartsWith("1 validation error detected: Value 'a/b:c d' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: ", response.Message);
    }

    [Fact]
    public async Task Plus_in_a_path_label_stays_a_plus()
    {
        var response = await server.SendRawAsync("PUT", "/traffic-distribution/a+b", "{}");

        Assert.Equal(400, response.Status);
        Assert.Contains("Value 'a+b' at 'id'", response.Message);
    }

    [Theory]
    [InlineData("GET", "/agent-status/", "instanceId")]
    [InlineData("GET", "/users//user-1", "instanceId")]
    [InlineData("PUT", "/agent-status/", "instanceId")]
    public async Task Empty_path_label_is_a_validation_error(string method, string target, string member)
    {
        var response = await server.SendAsync(method, target, "{}");

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidParameterException", response.ErrorType);
        Assert.Contains($"Value '' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to 1", response.Message);
    }

    [Theory]
    [InlineData("GET", "/tags/", "ListTagsForResource", "resourceArn")]
    [InlineData("POST", "/agent-status/inst-1/", "UpdateAgentStatus", "agentStatusId")]
    [InlineData("GET", "/users/inst-1/", "DescribeUser", "userId")]
    public async Task Empty_path_label_without_a_modelled_minimum_length_is_a_validation_error(string method, string target, string operation, string member)
    {
        var response = await server.SendAsync(method, target, "{}");

        Assert.Equal(operation, response.Operation);
        Assert.Equal(400, response.Status);
        Assert.Contains($"Value '' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to 1", response.Message);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/no-such-resource")]
    [InlineData("GET", "/agent-status")]
    [InlineData("GET", "/agent-status/inst-1/status-1/extra/segments")]
    [InlineData("POST", "/Search-Users")]
    [InlineData("PATCH", "/agent-status/inst-1")]
    [InlineData("DELETE", "/agent-status/inst-1")]
    [InlineData("GET", "/search-users")]
    public async Task Unknown_path_or_method_answers_404_UnknownOperationException_as_json(string method, string target)
    {
        var response = await server.SendAsync(method, target, authorization: null);

        Assert.Equal(404, response.Status);
        Assert.Equal("UnknownOperationException", response.ErrorType);
        Assert.StartsWith("application/json", response.Header("Content-Type"));
        Assert.Equal("The requested path and method do not match any Amazon Connect operation.", response.Message);
        Assert.Null(response.Operation);
    }

    [Fact]
    public async Task Known_path_under_a_method_no_operation_uses_answers_404()
    {
        var cases = new List<(string Method, string Path)>();
        foreach (var op in OperationTable.All)
        {
            var path = ModelSamples.PathOf(op);
            foreach (var method in Methods.Where(m => !OperationTable.All.Any(other => other.Method == m && CouldMatch(other, path))))
            {
                cases.Add((method, path));
            }
        }

        Assert.NotEmpty(cases);
        var wrong = new List<string>();
        foreach (var (method, path) in cases)
        {
            var response = await server.SendAsync(method, path);
            if (response.Status != 404 || response.ErrorType != "UnknownOperationException")
            {
                wrong.Add($"{method} {path}: {response}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Operation_without_a_handler_answers_501_NotImplementedException_naming_the_operation()
    {
        // One operation per method, chosen from the model among those whose valid request needs only path labels.
        var samples = ModelSamples.NotImplementedWithOnlyPlainLabelsRequired().GroupBy(op => op.Method).Select(g => g.First()).ToList();
        Assert.True(samples.Count >= 3, $"only {samples.Count} sample operations found");

        foreach (var op in samples)
        {
            var response = await server.SendAsync(op.Method, ModelSamples.PathOf(op), op.HasBodyMembers ? "{}" : null);

            Assert.Equal(501, response.Status);
            Assert.Equal("NotImplementedException", response.ErrorType);
            Assert.Equal(op.Name, response.Field("Operation"));
            Assert.Equal($"ConnectLocal does not implement the operation {op.Name} yet.", response.Message);
            Assert.Equal(op.Name, response.Operation);
        }
    }

    [Fact]
    public async Task Query_key_repeated_binds_as_a_list_in_request_order()
    {
        var response = await server.SendAsync("GET", "/agent-status/inst-1?AgentStatusTypes=ROUTABLE&AgentStatusTypes=BOGUS");

        Assert.Equal(400, response.Status);
        Assert.Equal(
            "1 validation error detected: Value 'BOGUS' at 'agentStatusTypes.2.member' failed to satisfy constraint: Member must satisfy enum value set: [ROUTABLE, CUSTOM, OFFLINE]",
            response.Message);
    }

    [Fact]
    public async Task Query_list_is_checked_against_its_length_constraint()
    {
        var response = await server.SendAsync("GET", "/agent-status/inst-1?AgentStatusTypes=ROUTABLE&AgentStatusTypes=CUSTOM&AgentStatusTypes=OFFLINE&AgentStatusTypes=ROUTABLE");

        Assert.Equal(400, response.Status);
        Assert.Equal(
            "1 validation error detected: Value '[ROUTABLE, CUSTOM, OFFLINE, ROUTABLE]' at 'agentStatusTypes' failed to satisfy constraint: Member must have length less than or equal to 3",
            response.Message);
    }

    [Fact]
    public async Task Query_list_with_valid_repeated_values_is_accepted()
    {
        var response = await server.SendAsync("GET", "/agent-status/inst-1?AgentStatusTypes=ROUTABLE&AgentStatusTypes=CUSTOM&maxResults=5");

        WireAssert.PassedTheFrontDoor(response, "ListAgentStatuses");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task Query_integer_that_is_not_a_number_is_a_SerializationException(string value)
    {
        var response = await server.SendAsync("GET", "/agent-status/inst-1?maxResults=" + value);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal($"Cannot read '{value}' in query parameter maxResults as an integer.", response.Message);
    }

    [Theory]
    [InlineData("0", "greater than or equal to 1")]
    [InlineData("1001", "less than or equal to 1000")]
    public async Task Query_integer_out_of_range_is_a_validation_error(string value, string bound)
    {
        var response = await server.SendAsync("GET", "/agent-status/inst-1?maxResults=" + value);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidParameterException", response.ErrorType);
        Assert.Equal($"1 validation error detected: Value '{value}' at 'maxResults' failed to satisfy constraint: Member must have value {bound}", response.Message);
    }

    [Theory]
    [InlineData("/agent-status/%zz")]
    [InlineData("/agent-status/abc%2")]
    [InlineData("/agent-status/%FF")]
    [InlineData("/agent-status/%C3%28")]
    [InlineData("/agent-status/%E2%82")]
    public async Task Path_that_is_not_valid_percent_encoded_UTF8_is_a_SerializationException(string target)
    {
        var response = await server.SendRawAsync("GET", target);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal("The request path is not valid percent-encoded UTF-8.", response.Message);
    }

    [Theory]
    [InlineData("/instance/.")]
    [InlineData("/instance/..")]
    [InlineData("/instance/./00000000-0000-4000-8000-000000000000")]
    [InlineData("/instance/x/../00000000-0000-4000-8000-000000000000")]
    [InlineData("/./instance")]
    public async Task Path_with_a_dot_segment_is_refused_since_SigV4_signs_it_without(string target)
    {
        // A signature for GET /instance also covers GET /instance/. (the signers remove dot segments), which
        // used to run DescribeInstance with the id ".".
        var response = await server.SendRawAsync("GET", target);

        Assert.Equal((400, "SerializationException"), (response.Status, response.ErrorType));
        Assert.StartsWith("The request path must not contain '.' or '..' segments", response.Message);
    }

    [Fact]
    public async Task Encoded_dots_are_a_label_value_not_a_dot_segment()
    {
        // The signers sign %2E as %252E, not as a dot segment; the id "." then meets DescribeInstance's own checks.
        var response = await server.SendRawAsync("GET", "/instance/%2E");

        Assert.Equal("DescribeInstance", response.Operation);
    }

    [Theory]
    [InlineData("/agent-status/inst-1?nextToken=%zz")]
    [InlineData("/agent-status/inst-1?nextToken=%FF")]
    [InlineData("/agent-status/inst-1?next%G0Token=1")]
    [InlineData("/agent-status/inst-1?nextToken=abc%")]
    public async Task Query_that_is_not_valid_percent_encoded_UTF8_is_a_SerializationException(string target)
    {
        var response = await server.SendRawAsync("GET", target);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal("The request query string is not valid percent-encoded UTF-8.", response.Message);
    }

    /// <summary>Pairs (literal, label) of templates with a literal in one where the other has a label.</summary>
    private static IEnumerable<(OperationDescriptor Literal, OperationDescriptor Label)> CompetingPairs()
    {
        foreach (var literal in OperationTable.All)
        {
            var path = ModelSamples.PathOf(literal);
            foreach (var label in OperationTable.All)
            {
                if (label != literal && CouldMatch(label, path)
                    && ModelSamples.Segments(literal).Zip(ModelSamples.Segments(label)).Any(p => !p.First.StartsWith('{') && p.Second.StartsWith('{')))
                {
                    yield return (literal, label);
                }
            }
        }
    }

    /// <summary>Whether a template matches a concrete path, method aside: the same segment count and equal literals.</summary>
    private static bool CouldMatch(OperationDescriptor template, string path)
    {
        var wanted = path.TrimStart('/').Split('/');
        var segments = ModelSamples.Segments(template).ToArray();
        return segments.Length == wanted.Length
            && segments.Zip(wanted).All(p => p.First.StartsWith('{') || p.First == p.Second);
    }
}
