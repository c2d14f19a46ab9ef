using ConnectLocal.Protocol;

namespace ConnectLocal.Tests.Protocol;

public sealed class SigV4Tests
{
    private const string Signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    [Fact]
    public void Header_as_the_SDKs_send_it_is_parsed_into_its_parts()
    {
        var header = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature={Signature}";

        Assert.True(SigV4.TryParse(header, out var credential, out var problem));

        Assert.Equal(string.Empty, problem);
        Assert.Equal(new SigV4Credential("AKIDEXAMPLE", "20261121", "us-east-1", "connect", credential!.SignedHeaders, Signature), credential);
        Assert.Equal(["host", "x-amz-date"], credential.SignedHeaders);
    }

    [Theory]
    [InlineData($"AWS4-HMAC-SHA256 Signature={Signature},SignedHeaders=host,Credential=123456789012/20261121/eu-west-2/connect/aws4_request")]
    [InlineData($"AWS4-HMAC-SHA256 Credential=123456789012/20261121/eu-west-2/connect/aws4_request,SignedHeaders=host,Signature={Signature}")]
    [InlineData($"AWS4-HMAC-SHA256   Credential=123456789012/20261121/eu-west-2/connect/aws4_request ,  SignedHeaders=host , Signature={Signature}")]
    public void Parts_may_come_in_any_order_and_spacing(string header)
    {
        Assert.True(SigV4.TryParse(header, out var credential, out _));

        Assert.Equal("123456789012", credential!.AccessKeyId);
        Assert.Equal("eu-west-2", credential.Region);
        Assert.Equal(["host"], credential.SignedHeaders);
    }

    [Theory]
    [InlineData("", "it must start with 'AWS4-HMAC-SHA256 '")]
    [InlineData("Bearer token", "it must start with 'AWS4-HMAC-SHA256 '")]
    [InlineData("aws4-hmac-sha256 Credential=A/20261121/r/s/aws4_request, SignedHeaders=host, Signature=ab", "it must start with 'AWS4-HMAC-SHA256 '")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/aws4_request, SignedHeaders=host", "it needs Credential, SignedHeaders and Signature")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/aws4_request, Signature=ab", "it needs Credential, SignedHeaders and Signature")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=ab", "it needs Credential, SignedHeaders and Signature")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/2026112/r/s/aws4_request, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/2026112x/r/s/aws4_request, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=/20261121/r/s/aws4_request, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121//s/aws4_request, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r//aws4_request, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/aws4_request/x, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/request, SignedHeaders=host, Signature=ab", "Credential must be ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/aws4_request, SignedHeaders=, Signature=ab", "SignedHeaders must not be empty and Signature must be hexadecimal")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/aws4_request, SignedHeaders=host, Signature=", "SignedHeaders must not be empty and Signature must be hexadecimal")]
    [InlineData("AWS4-HMAC-SHA256 Credential=A/20261121/r/s/aws4_request, SignedHeaders=host, Signature=xyz", "SignedHeaders must not be empty and Signature must be hexadecimal")]
    public void Malformed_header_is_refused_with_the_reason(string header, string reason)
    {
        Assert.False(SigV4.TryParse(header, out var credential, out var problem));

        Assert.Null(credential);
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void Service_in_the_scope_is_reported_as_sent()
    {
        Assert.True(SigV4.TryParse($"AWS4-HMAC-SHA256 Credential=A/20261121/us-east-1/s3/aws4_request, SignedHeaders=host, Signature={Signature}", out var credential, out _));

        Assert.Equal("s3", credential!.Service);
    }
}
