using ConnectLocal.Protocol;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Security;

/// <summary>
/// Strict mode at the front door: the rules around the signature (real clients check the signature itself in
/// tests/security and tests/conformance/js/strict-auth.test.mjs).
/// </summary>
public sealed class StrictAuthenticationTests(StrictServer server) : IClassFixture<StrictServer>
{
    private const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    [Fact]
    public async Task A_correctly_signed_request_is_answered_in_the_key_s_account()
    {
        var created = await server.SendSignedAsync("PUT", "/instance",
            """{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"strict-one","InboundCallsEnabled":true,"OutboundCallsEnabled":true}""");

        Assert.Equal(200, created.Status);
        Assert.Contains(":111111111111:instance/", created.Field("Arn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_credential_with_its_session_token_is_answered_in_its_account()
    {
        var listed = await server.SendSignedAsync("GET", "/instance?maxResults=5", key: StrictServer.Temporary);

        Assert.Equal(200, listed.Status);
    }

    [Fact]
    public async Task A_wrong_secret_answers_403_InvalidSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", secret: "wrong");

        Assert.Equal((403, "InvalidSignatureException", SignatureMismatch), (response.Status, response.ErrorType, response.Message));
        Assert.Equal("ListInstances", response.Operation);
    }

    [Fact]
    public async Task An_unknown_access_key_answers_403_UnrecognizedClientException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", key: new AccessKey("AKIANOBODY", "x", "123456789012"));

        Assert.Equal((403, "UnrecognizedClientException", "The security token included in the request is invalid."), (response.Status, response.ErrorType, response.Message));
    }

    [Fact]
    public async Task The_fixed_header_the_permissive_tests_use_is_refused()
    {
        var response = await server.SendAsync("GET", "/instance");

        Assert.Equal((403, "UnrecognizedClientException"), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task A_session_token_on_a_long_term_key_is_refused()
    {
        var response = await server.SendSignedAsync("GET", "/instance", signed: new Dictionary<string, string> { ["x-amz-security-token"] = "stolen" });

        Assert.Equal((403, "UnrecognizedClientException"), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task A_temporary_credential_without_its_session_token_is_refused()
    {
        var response = await server.SendSignedAsync("GET", "/instance", key: StrictServer.Temporary with { SessionToken = null });

        Assert.Equal((403, "UnrecognizedClientException"), (response.Status, response.ErrorType));
    }

    [Theory]
    [InlineData(-6, "Signature expired: ")]
    [InlineData(6, "Signature not yet current: ")]
    public async Task A_request_time_more_than_five_minutes_off_answers_403_InvalidSignatureException(int minutes, string prefix)
    {
        var response = await server.SendSignedAsync("GET", "/instance", time: DateTimeOffset.UtcNow.AddMinutes(minutes));

        Assert.Equal((403, "InvalidSignatureException"), (response.Status, response.ErrorType));
        Assert.StartsWith(prefix, response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(4)]
    public async Task A_request_time_within_five_minutes_is_answered(int minutes)
    {
        var response = await server.SendSignedAsync("GET", "/instance", time: DateTimeOffset.UtcNow.AddMinutes(minutes));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task A_request_without_a_date_answers_403_IncompleteSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r => r.Headers.Remove("x-amz-date"));

        Assert.Equal((403, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."),
            (response.Status, response.ErrorType, response.Message));
    }

    [Fact]
    public async Task A_date_that_is_not_ISO_8601_basic_answers_403_IncompleteSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r =>
        {
            r.Headers.Remove("x-amz-date");
            r.Headers.TryAddWithoutValidation("x-amz-date", "2026-11-21T12:00:00Z");
        });

        Assert.Equal((403, "IncompleteSignatureException"), (response.Status, response.ErrorType));
        Assert.StartsWith("Date must be in ISO-8601 'basic format'. Got '2026-11-21T12:00:00Z'.", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_scope_of_another_day_answers_403_InvalidSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r =>
        {
            var authorization = r.Headers.GetValues("Authorization").Single();
            var today = DateTimeOffset.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            r.Headers.Remove("Authorization");
            r.Headers.TryAddWithoutValidation("Authorization", authorization.Replace($"/{today}/", "/20200101/", StringComparison.Ordinal));
        });

        Assert.Equal((403, "InvalidSignatureException"), (response.Status, response.ErrorType));
        Assert.StartsWith("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20200101' != ", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_that_leaves_out_host_answers_403_IncompleteSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r =>
        {
            var authorization = r.Headers.GetValues("Authorization").Single();
            r.Headers.Remove("Authorization");
            r.Headers.TryAddWithoutValidation("Authorization", authorization.Replace("SignedHeaders=host;", "SignedHeaders=", StringComparison.Ordinal));
        });

        Assert.Equal((403, "IncompleteSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
            (response.Status, response.ErrorType, response.Message));
    }

    [Fact]
    public async Task A_changed_signed_header_answers_403_InvalidSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", signed: new Dictionary<string, string> { ["x-custom"] = "one" }, tamper: r =>
        {
            r.Headers.Remove("x-custom");
            r.Headers.TryAddWithoutValidation("x-custom", "two");
        });

        Assert.Equal((403, "InvalidSignatureException", SignatureMismatch), (response.Status, response.ErrorType, response.Message));
    }

    [Fact]
    public async Task An_unsigned_header_may_change()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r => r.Headers.TryAddWithoutValidation("x-unsigned", "anything"));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task A_body_that_does_not_match_x_amz_content_sha256_answers_403_InvalidSignatureException()
    {
        var response = await server.SendSignedAsync("PUT", "/instance", """{"InstanceAlias":"a"}""", tamper: r =>
            r.Content = new StringContent("""{"InstanceAlias":"b"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal((403, "InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed."),
            (response.Status, response.ErrorType, response.Message));
    }

    [Fact]
    public async Task A_body_sent_with_an_operation_that_has_no_body_members_is_still_part_of_the_signature()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r => r.Content = new StringContent("smuggled"));

        Assert.Equal((403, "InvalidSignatureException"), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task A_second_Authorization_header_next_to_a_correct_one_answers_403_IncompleteSignatureException()
    {
        var response = await server.SendSignedAsync("GET", "/instance", tamper: r =>
            r.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAALICE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=00"));

        Assert.Equal((403, "IncompleteSignatureException"), (response.Status, response.ErrorType));
    }

    [Theory]
    [InlineData("xx-fake-1")]
    [InlineData("US-EAST-1")]
    [InlineData("~system")]
    public async Task A_correctly_signed_request_scoped_to_a_Region_Connect_does_not_run_in_answers_403(string region)
    {
        var response = await server.SendSignedAsync("GET", "/instance", region: region);

        Assert.Equal((403, "InvalidSignatureException", $"Credential should be scoped to a valid region, not '{region}'."),
            (response.Status, response.ErrorType, response.Message));
        Assert.Equal(200, (await server.SendSignedAsync("GET", "/instance", region: "ap-southeast-2")).Status);
    }

    [Fact]
    public async Task A_missing_Authorization_still_answers_MissingAuthenticationTokenException()
    {
        var response = await server.SendAsync("GET", "/instance", authorization: null);

        Assert.Equal((403, "MissingAuthenticationTokenException"), (response.Status, response.ErrorType));
    }

    [Fact]
    public async Task Accounts_of_two_keys_are_kept_apart()
    {
        var created = await server.SendSignedAsync("PUT", "/instance",
            """{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"strict-two","InboundCallsEnabled":true,"OutboundCallsEnabled":true}""");
        var id = created.Field("Id");

        var other = await server.SendSignedAsync("GET", $"/instance/{id}", key: StrictServer.Temporary);

        Assert.Equal((404, "ResourceNotFoundException"), (other.Status, other.ErrorType));
    }
}
