using ConnectLocal.Protocol;

namespace ConnectLocal.Tests.Security;

/// <summary>
/// The signature computation against signatures botocore 1.43.11 produced for the same requests (secret
/// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 2026-11-21T12:00:00Z, us-east-1, host 127.0.0.1:4570).
/// </summary>
public sealed class SigV4CanonicalTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string AmzDate = "20261121T120000Z";

    private static string Sign(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string payloadHash)
    {
        var names = headers.Keys.Order(StringComparer.Ordinal).ToList();
        var canonical = SigV4Canonical.CanonicalRequest(
            method,
            SigV4Canonical.CanonicalUri(path),
            SigV4Canonical.CanonicalQuery(query),
            SigV4Canonical.CanonicalHeaders(names, n => [headers[n]]),
            names,
            payloadHash);
        return SigV4Canonical.Signature(
            SigV4Canonical.SigningKey(Secret, "20261121", "us-east-1", "connect"),
            SigV4Canonical.StringToSign(AmzDate, "20261121", "us-east-1", "connect", canonical));
    }

    private static readonly Dictionary<string, string> HostAndDate = new() { ["host"] = "127.0.0.1:4570", ["x-amz-date"] = AmzDate };

    [Fact]
    public void An_ARN_label_is_signed_with_its_escapes_encoded_again_as_botocore_signs_it()
    {
        var signature = Sign("GET", "/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fabc", string.Empty, HostAndDate, SigV4Canonical.EmptyPayloadHash);

        Assert.Equal("1bdf7151c22c12ae42a82325c8e031b937bc9c24f7b23c308547da8e320dd6f3", signature);
    }

    [Fact]
    public void A_query_with_repeated_keys_and_escapes_is_signed_as_botocore_signs_it()
    {
        var signature = Sign("GET", "/queues-summary/inst-1", "queueTypes=STANDARD&maxResults=5&queueTypes=AGENT&nextToken=a%2Fb%3D", HostAndDate, SigV4Canonical.EmptyPayloadHash);

        Assert.Equal("29b55c2d966694746b8f7bed931b470ec8c72522c7f1ee6281738350ce5b9e36", signature);
    }

    [Fact]
    public void A_body_and_a_content_type_are_signed_as_botocore_signs_them()
    {
        var headers = new Dictionary<string, string>(HostAndDate) { ["content-type"] = "application/json" };

        var signature = Sign("POST", "/queues/inst-1/q-1/name", string.Empty, headers, SigV4Canonical.HexSha256("{\"Name\":\"n\"}"u8));

        Assert.Equal("2810f3026c1d8093a77dec05a3f79dfde826da060aedb6fbb080ca436d058d8c", signature);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/instance", "/instance")]
    [InlineData("/routing-profiles/abc//concurrency", "/routing-profiles/abc/concurrency")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/../a", "/a")]
    [InlineData("/a/b/", "/a/b/")]
    [InlineData("/users/a b", "/users/a%20b")]
    [InlineData("/users/a%20b", "/users/a%2520b")]
    [InlineData("/users/a~b_c-d.e", "/users/a~b_c-d.e")]
    [InlineData("/users/a:b*c", "/users/a%3Ab%2Ac")]
    public void The_canonical_URI_drops_dot_and_empty_segments_and_encodes_each_segment_again(string raw, string canonical)
    {
        Assert.Equal(canonical, SigV4Canonical.CanonicalUri(raw));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=2&a=1", "a=1&a=2")]
    [InlineData("flag", "flag=")]
    [InlineData("a=x+y", "a=x%2By")]
    [InlineData("a=x%20y&&", "a=x%20y")]
    [InlineData("a=%zz", "a=%25zz")]
    [InlineData("A=1&a=1&B=1", "A=1&B=1&a=1")]
    public void The_canonical_query_is_decoded_encoded_again_and_sorted(string raw, string canonical)
    {
        Assert.Equal(canonical, SigV4Canonical.CanonicalQuery(raw));
    }

    [Fact]
    public void Header_values_are_trimmed_and_their_spaces_collapsed_and_repeated_headers_joined()
    {
        var canonical = SigV4Canonical.CanonicalHeaders(["a", "b"], n => n == "a" ? ["  x   y  "] : ["1", " 2 "]);

        Assert.Equal("a:x y\nb:1,2\n", canonical);
    }
}
