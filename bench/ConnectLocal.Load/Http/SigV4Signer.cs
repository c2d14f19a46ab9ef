using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConnectLocal.Load.Http;

/// <summary>
/// AWS Signature Version 4 as the SDKs compute it for the <c>connect</c> service (contract doc §2.4): the canonical
/// URI encodes each already-encoded path segment again, the canonical query is sorted, the signing key is
/// HMAC("AWS4"+secret, date) → region → "connect" → "aws4_request". Signing keys are cached per date and Region,
/// as a client library would, so the generator's cost per request is two SHA-256 and one HMAC.
/// Checked against a botocore-computed answer by <see cref="SelfTest"/>, which every run executes first.
/// </summary>
internal sealed class SigV4Signer(string secretKey)
{
    public const string Service = "connect";
    private const string Algorithm = "AWS4-HMAC-SHA256";

    private readonly Dictionary<(string Date, string Region), byte[]> _keys = [];
    private readonly Lock _gate = new();

    /// <summary>Hex SHA-256 of a body, as x-amz-content-sha256 carries it.</summary>
    public static string PayloadHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// The Authorization header value. <paramref name="headers"/> are the signed headers with lower-case names,
    /// sorted by name; <paramref name="encodedPath"/> and <paramref name="encodedQuery"/> are as sent on the wire.
    /// </summary>
    public string Authorization(
        string method,
        string encodedPath,
        string? encodedQuery,
        IReadOnlyList<(string Name, string Value)> headers,
        string payloadHash,
        string accessKeyId,
        string region,
        string amzDate)
    {
        var date = amzDate[..8];
        var canonical = new StringBuilder(512);
        canonical.Append(method).Append('\n');
        AppendCanonicalUri(canonical, encodedPath);
        canonical.Append('\n');
        AppendCanonicalQuery(canonical, encodedQuery);
        canonical.Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n');
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        canonical.Append(signedHeaders).Append('\n').Append(payloadHash);

        var scope = $"{date}/{region}/{Service}/aws4_request";
        var canonicalHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{canonicalHash}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey(date, region), Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string AmzDate(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A known answer computed with botocore's SigV4Auth (PUT with an ARN path label and a query string), so a
    /// signer bug fails the run instead of producing requests a verifying server would refuse.
    /// </summary>
    public static void SelfTest()
    {
        const string expected = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/connect/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=698e20788b0cba34d5ec3c462146e8d6569cc01c99930185bf57ecebf9715247";
        var body = """{"TelephonyConfig":{"Distributions":[{"Region":"us-east-1","Percentage":60},{"Region":"us-west-2","Percentage":40}]}}"""u8;
        var actual = new SigV4Signer("secret").Authorization(
            "PUT",
            "/traffic-distribution/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Atraffic-distribution-group%2Fabc",
            "nextToken=abc%2Fdef%3D&maxResults=5",
            [("content-type", "application/json"), ("host", "127.0.0.1:4570"), ("x-amz-date", "20261121T120000Z")],
            PayloadHash(body),
            "AKIDEXAMPLE",
            "us-east-1",
            "20261121T120000Z");
        if (actual != expected)
        {
            throw new InvalidOperationException($"SigV4 self-test failed:\n  expected {expected}\n  actual   {actual}");
        }
    }

    private byte[] SigningKey(string date, string region)
    {
        lock (_gate)
        {
            if (_keys.TryGetValue((date, region), out var key))
            {
                return key;
            }

            var kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
            var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
            var kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(Service));
            key = HMACSHA256.HashData(kService, "aws4_request"u8);
            _keys[(date, region)] = key;
            return key;
        }
    }

    /// <summary>Non-S3 services encode each segment of the (already encoded) wire path once more: '%' becomes '%25'.</summary>
    private static void AppendCanonicalUri(StringBuilder canonical, string encodedPath)
    {
        foreach (var c in encodedPath)
        {
            if (c == '/' || IsUnreserved(c))
            {
                canonical.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    canonical.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }
    }

    /// <summary>Pairs as sent (RFC 3986-encoded by the caller), sorted by key, then value.</summary>
    private static void AppendCanonicalQuery(StringBuilder canonical, string? encodedQuery)
    {
        if (string.IsNullOrEmpty(encodedQuery))
        {
            return;
        }

        var pairs = encodedQuery.Split('&')
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Select(p => (Key: p[..p.IndexOf('=', StringComparison.Ordinal)], Value: p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        canonical.AppendJoin('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';

    /// <summary>RFC 3986 encoding of one path label or query value, as the SDKs send it.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && IsUnreserved(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
