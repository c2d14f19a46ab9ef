using ConnectLocal.Protocol;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Http;

/// <summary>SigV4 header parsing at the front door (the signature itself is not verified) and per-response headers.</summary>
public sealed class AuthenticationTests(ConnectLocalServer server) : IClassFixture<ConnectLocalServer>
{
    private const string Target = "/agent-status/inst-1";
    private const string Signature = "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    [Fact]
    public async Task Missing_Authorization_answers_403_MissingAuthenticationTokenException()
    {
        var response = await server.SendAsync("GET", Target, authorization: null);

        Assert.Equal(403, response.Status);
        Assert.Equal("MissingAuthenticationTokenException", response.ErrorType);
        Assert.Equal("Missing Authentication Token", response.Message);
        Assert.Equal("ListAgentStatuses", response.Operation);
    }

    [Fact]
    public async Task Authentication_is_checked_before_the_body_is_read()
    {
        var response = await server.SendAsync("PUT", Target, "{not json", authorization: null);

        Assert.Equal(403, response.Status);
        Assert.Equal("MissingAuthenticationTokenException", response.ErrorType);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-21/us-east-1/connect/aws4_request, SignedHeaders=host, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect, SignedHeaders=host, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws3_request, SignedHeaders=host, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, " + Signature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=not-hex")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=, " + Signature)]
    public async Task Garbled_Authorization_answers_403_IncompleteSignatureException(string authorization)
    {
        var response = await server.SendAsync("GET", Target, authorization: authorization);

        Assert.Equal(403, response.Status);
        Assert.Equal("IncompleteSignatureException", response.ErrorType);
        Assert.StartsWith("The Authorization header is not a valid AWS Signature Version 4 header: ", response.Message);
    }

    [Fact]
    public async Task Credential_scoped_to_another_service_answers_403()
    {
        var response = await server.SendAsync("GET", Target, authorization:
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, " + Signature);

        Assert.Equal(403, response.Status);
        Assert.Equal("InvalidSignatureException", response.ErrorType);
        Assert.Equal("Credential should be scoped to correct service: 'connect', not 's3'.", response.Message);
    }

    [Fact]
    public async Task Well_formed_Authorization_in_another_region_is_accepted()
    {
        var response = await server.SendAsync("GET", Target, authorization:
            "AWS4-HMAC-SHA256 Credential=123456789012/20261121/eu-west-2/connect/aws4_request, SignedHeaders=host;x-amz-date, " + Signature);

        WireAssert.PassedTheFrontDoor(response, "ListAgentStatuses");
    }

    [Fact]
    public async Task Two_Authorization_headers_answer_403_IncompleteSignatureException()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, Target));
        request.Headers.TryAddWithoutValidation("Authorization", [ConnectLocalServer.Authorization, ConnectLocalServer.Authorization.Replace("us-east-1", "us-west-2", StringComparison.Ordinal)]);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261121T120000Z");

        var response = await server.SendAsync(request);

        Assert.Equal((403, "IncompleteSignatureException"), (response.Status, response.ErrorType));
        Assert.StartsWith("'AWS4-HMAC-SHA256' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=", response.Message);
    }

    [Fact]
    public async Task Two_signatures_joined_into_one_Authorization_header_answer_403_IncompleteSignatureException()
    {
        var response = await server.SendAsync("GET", Target, authorization: ConnectLocalServer.Authorization + "," + ConnectLocalServer.Authorization);

        Assert.Equal((403, "IncompleteSignatureException"), (response.Status, response.ErrorType));
    }

    [Theory]
    [InlineData("xx-fake-1")]
    [InlineData("US-EAST-1")]
    [InlineData("a:b")]
    [InlineData("~system")]
    [InlineData("us-east-2")]
    public async Task Credential_scoped_to_a_Region_Amazon_Connect_does_not_run_in_answers_403(string region)
    {
        var response = await server.SendAsync("GET", Target, authorization:
            $"AWS4-HMAC-SHA256 Credential=123456789012/20261121/{region}/connect/aws4_request, SignedHeaders=host;x-amz-date, " + Signature);

        Assert.Equal((403, "InvalidSignatureException", $"Credential should be scoped to a valid region, not '{region}'."),
            (response.Status, response.ErrorType, response.Message));
    }

    public static TheoryData<string, string, string?, string?> AnswersOfEveryKind => new()
    {
        { "GET", "/no-such-resource", null, ConnectLocalServer.Authorization },
        { "GET", Target, null, null },
        { "GET", Target, null, "Bearer abc" },
        { "GET", Target + "?maxResults=abc", null, ConnectLocalServer.Authorization },
        { "PUT", Target, "{}", ConnectLocalServer.Authorization },
        { "PUT", Target, "[]", ConnectLocalServer.Authorization },
        { "GET", "/instance", null, ConnectLocalServer.Authorization },
    };

    [Theory]
    [MemberData(nameof(AnswersOfEveryKind))]
    public async Task Every_response_carries_a_UUID_request_id_and_a_Date(string method, string target, string? body, string? authorization)
    {
        var response = await server.SendAsync(method, target, body, authorization);

        Assert.True(Guid.TryParseExact(response.Header("x-amzn-RequestId"), "D", out _), $"x-amzn-RequestId '{response.Header("x-amzn-RequestId")}' in {response}");
        Assert.True(DateTimeOffset.TryParse(response.Header("Date"), out var date), $"Date '{response.Header("Date")}' in {response}");
        Assert.InRange(date, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Each_response_has_its_own_request_id()
    {
        var first = await server.SendAsync("GET", Target);
        var second = await server.SendAsync("GET", Target);

        Assert.NotEqual(first.Header("x-amzn-RequestId"), second.Header("x-amzn-RequestId"));
    }

    [Theory]
    [InlineData("123456789012", "123456789012")]
    [InlineData("000000000001", "000000000001")]
    [InlineData("AKIDEXAMPLE", "000000000000")]
    [InlineData("12345678901", "000000000000")]
    [InlineData("1234567890123", "000000000000")]
    [InlineData("12345678901a", "000000000000")]
    public void Access_key_of_twelve_digits_is_the_account_and_any_other_key_belongs_to_the_default_account(string accessKeyId, string account)
    {
        var endpoint = server.GetRequiredService<ConnectEndpoint>();

        Assert.Equal(account, endpoint.AccountOf(accessKeyId));
    }
}
