using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Http;

/// <summary>Request bodies that cannot be read as the model's types, and the body size limit.</summary>
public sealed class BodyTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>
{
    // CreateAgentStatus: PUT /agent-status/{InstanceId}, Name (1..127) and State (ENABLED|DISABLED) required,
    // DisplayOrder an integer 1..50.
    private const string CreateAgentStatus = "/agent-status/inst-1";
    private const long MaxBodyBytes = 10 * 1024 * 1024;

    [Theory]
    [InlineData("{\"Name\":")]
    [InlineData("{\"Name\":\"n\",}")]
    [InlineData("{'Name':'n'}")]
    [InlineData("not json")]
    [InlineData("{\"Name\":\"n\"} {}")]
    public async Task Malformed_JSON_is_a_SerializationException(string body)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.StartsWith("The request body is not valid JSON: ", response.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"Name\":\"n\"}]")]
    [InlineData("\"Name\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task Body_that_is_not_a_JSON_object_is_a_SerializationException(string body)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal("The request body must be a JSON object.", response.Message);
    }

    [Theory]
    [InlineData("{\"Name\":5,\"State\":\"ENABLED\"}", "Expected a string at 'name', found a number.")]
    [InlineData("{\"Name\":[\"n\"],\"State\":\"ENABLED\"}", "Expected a string at 'name', found an array.")]
    [InlineData("{\"Name\":\"n\",\"State\":\"ENABLED\",\"DisplayOrder\":\"5\"}", "Expected an integer at 'displayOrder', found a string.")]
    [InlineData("{\"Name\":\"n\",\"State\":\"ENABLED\",\"Tags\":[]}", "Expected an object at 'tags', found an array.")]
    [InlineData("{\"Name\":\"n\",\"State\":\"ENABLED\",\"Tags\":{\"k\":1}}", "Expected a string at 'tags.k', found a number.")]
    public async Task Member_of_the_wrong_JSON_type_is_a_SerializationException(string body, string message)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal(message, response.Message);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("1e100")]
    [InlineData("1.5")]
    public async Task Number_that_is_not_a_32_bit_integer_is_a_SerializationException(string number)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, $"{{\"Name\":\"n\",\"State\":\"ENABLED\",\"DisplayOrder\":{number}}}");

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.Equal($"Expected a 32-bit integer at 'displayOrder', found {number}.", response.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task Body_string_value_that_is_not_UTF8_is_a_SerializationException(byte[] badBytes)
    {
        byte[] body = [.. "{\"Name\":\"n"u8, .. badBytes, .. "\",\"State\":\"ENABLED\"}"u8];

        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
    }

    [Fact]
    public async Task Body_property_name_that_is_not_UTF8_is_a_SerializationException()
    {
        byte[] body = [.. "{\"Na"u8, 0xFF, .. "me\":\"n\",\"State\":\"ENABLED\"}"u8];

        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
    }

    [Theory]
    [InlineData("{\"Name\":\"\\ud800\",\"State\":\"ENABLED\"}")]
    [InlineData("{\"Na\\ud800me\":\"n\",\"State\":\"ENABLED\"}")]
    [InlineData("{\"Name\":\"n\",\"State\":\"ENABLED\",\"Tags\":{\"\\udc00\":\"v\"}}")]
    public async Task Body_with_an_escaped_lone_surrogate_is_a_SerializationException(string body)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
    }

    [Fact]
    public async Task Body_with_bytes_after_the_JSON_object_is_a_SerializationException()
    {
        byte[] body = [.. "{\"Name\":\"n\",\"State\":\"ENABLED\"}"u8, 0xFF];

        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("SerializationException", response.ErrorType);
        Assert.StartsWith("The request body is not valid JSON: ", response.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    [InlineData("{}")]
    public async Task Empty_body_is_accepted_where_no_body_member_is_required(string? body)
    {
        var samples = ModelSamples.NotImplementedWithOnlyPlainLabelsRequired().Where(op => op.HasBodyMembers).Take(3).ToList();
        Assert.NotEmpty(samples);

        foreach (var op in samples)
        {
            var response = await server.SendAsync(op.Method, ModelSamples.PathOf(op), body);

            Assert.Equal(op.Name, response.Operation);
            Assert.Equal(501, response.Status);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"Name\":null,\"State\":null}")]
    public async Task Empty_body_where_members_are_required_is_a_validation_error(string body)
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidParameterException", response.ErrorType);
        Assert.Equal(
            "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'state' failed to satisfy constraint: Member must not be null",
            response.Message);
    }

    [Fact]
    public async Task Unknown_body_members_are_ignored()
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, "{\"Name\":\"n\",\"State\":\"ENABLED\",\"Bogus\":{\"x\":[1,2]},\"name\":5}");

        WireAssert.PassedTheFrontDoor(response, "CreateAgentStatus");
    }

    [Fact]
    public async Task Last_of_duplicate_body_keys_wins()
    {
        var valid = await server.SendAsync("PUT", CreateAgentStatus, "{\"Name\":\"n\",\"State\":\"BOGUS\",\"State\":\"ENABLED\"}");
        var invalid = await server.SendAsync("PUT", CreateAgentStatus, "{\"Name\":\"n\",\"State\":\"ENABLED\",\"State\":\"BOGUS\"}");

        WireAssert.PassedTheFrontDoor(valid, "CreateAgentStatus");
        Assert.Equal(400, invalid.Status);
        Assert.Contains("Value 'BOGUS' at 'state'", invalid.Message);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_with_a_Content_Length_answers_413()
    {
        var response = await server.SendAsync("PUT", CreateAgentStatus, OversizedBody());

        Assert.Equal(413, response.Status);
        Assert.Equal("RequestEntityTooLargeException", response.ErrorType);
        Assert.Equal($"The request body is larger than {MaxBodyBytes} bytes.", response.Message);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_sent_chunked_answers_413()
    {
        using var stream = new MemoryStream(OversizedBody());
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new("application/json");

        var response = await server.SendAsync("PUT", CreateAgentStatus, content);

        Assert.Equal(413, response.Status);
        Assert.Equal("RequestEntityTooLargeException", response.ErrorType);
    }

    [Fact]
    public async Task Body_just_under_the_limit_is_read()
    {
        var body = OversizedBody();
        Array.Resize(ref body, (int)MaxBodyBytes - 10);
        body[^1] = (byte)'}';
        body[^2] = (byte)'"';

        var response = await server.SendAsync("PUT", CreateAgentStatus, body);

        Assert.Equal(400, response.Status);
        Assert.Contains("Member must have length less than or equal to 127", response.Message);
    }

    /// <summary>A JSON object one byte over the 10 MiB default, with a name too long to be valid.</summary>
    private static byte[] OversizedBody()
    {
        var prefix = "{\"State\":\"ENABLED\",\"Name\":\""u8;
        var body = new byte[MaxBodyBytes + 1];
        prefix.CopyTo(body);
        body.AsSpan(prefix.Length, body.Length - prefix.Length - 2).Fill((byte)'a');
        body[^2] = (byte)'"';
        body[^1] = (byte)'}';
        return body;
    }
}
