using System.Security.Cryptography;
using System.Text;

namespace ConnectLocal.Protocol;

/// <summary>
/// The pieces of an AWS Signature Version 4 signature, computed the way AWS and the SDKs compute them
/// (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html; contract doc §2.4):
/// <c>CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(body)</c>,
/// <c>StringToSign = AWS4-HMAC-SHA256 \n amzDate \n scope \n HexSHA256(CanonicalRequest)</c>, signed with the key
/// derived from the secret, date, region and service.
/// </summary>
public static class SigV4Canonical
{
    /// <summary>Hex SHA-256 of an empty payload, which every SDK sends for a request without a body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// The canonical URI from the path as it came off the wire: dot segments and empty segments removed, then
    /// every segment URI-encoded again. This is what botocore (<c>remove_dot_segments</c> + <c>quote(path, safe='/~')</c>)
    /// and the JS v3 signer (<c>getCanonicalPath</c> with <c>uriEscapePath</c>) do for every service but S3, so an
    /// ARN label sent as <c>arn%3Aaws…</c> is signed as <c>arn%253Aaws…</c>.
    /// </summary>
    public static string CanonicalUri(ReadOnlySpan<char> rawPath)
    {
        var kept = new List<string>();
        foreach (var range in rawPath.Split('/'))
        {
            var segment = rawPath[range];
            if (segment.IsEmpty || segment is ".")
            {
                continue;
            }

            if (segment is "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                continue;
            }

            kept.Add(UriEncode(Encoding.UTF8.GetBytes(segment.ToString())));
        }

        var builder = new StringBuilder(rawPath.Length + 16).Append('/').AppendJoin('/', kept);
        if (kept.Count > 0 && rawPath.Length > 1 && rawPath[^1] == '/')
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Every parameter's key and value percent-decoded and encoded again the RFC 3986 way, sorted by key then
    /// value; a parameter without '=' has an empty value. An escape that is not one (a lone '%') stands for itself.
    /// <paramref name="excludedKey"/> (X-Amz-Signature of a presigned request) is left out.
    /// </summary>
    public static string CanonicalQuery(ReadOnlySpan<char> rawQuery, string? excludedKey = null)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var range in rawQuery.Split('&'))
        {
            var pair = rawQuery[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? [] : pair[(eq + 1)..];
            var encodedKey = UriEncode(LenientDecode(key));
            if (!string.Equals(encodedKey, excludedKey, StringComparison.Ordinal))
            {
                pairs.Add((encodedKey, UriEncode(LenientDecode(value))));
            }
        }

        pairs.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>
    /// <c>name:value\n</c> for each signed header in the order given (the client's SignedHeaders, which it sorted);
    /// several values of one header are joined with ',', each trimmed and with runs of spaces collapsed.
    /// </summary>
    public static string CanonicalHeaders(IReadOnlyList<string> signedHeaders, Func<string, IReadOnlyList<string>> values)
    {
        var builder = new StringBuilder(256);
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':');
            var first = true;
            foreach (var value in values(name))
            {
                if (!first)
                {
                    builder.Append(',');
                }

                AppendTrimmed(builder, value);
                first = false;
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    public static string CanonicalRequest(
        string method,
        string canonicalUri,
        string canonicalQuery,
        string canonicalHeaders,
        IReadOnlyList<string> signedHeaders,
        string payloadHash) =>
        string.Join('\n', method, canonicalUri, canonicalQuery, canonicalHeaders, string.Join(';', signedHeaders), payloadHash);

    public static string StringToSign(string amzDate, string date, string region, string service, string canonicalRequest) =>
        string.Join('\n', SigV4.Algorithm, amzDate, $"{date}/{region}/{service}/aws4_request", HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

    /// <summary><c>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")</c>.</summary>
    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>RFC 3986 encoding: unreserved characters (A–Z a–z 0–9 - _ . ~) stay, every other byte becomes %XX.</summary>
    public static string UriEncode(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    private static byte[] LenientDecode(ReadOnlySpan<char> value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.FromHexString(value.Slice(i + 1, 2))[0]);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Slice(i, char.IsHighSurrogate(value[i]) && i + 1 < value.Length ? 2 : 1).ToArray()));
                if (char.IsHighSurrogate(value[i]))
                {
                    i++;
                }
            }
        }

        return [.. bytes];
    }

    private static void AppendTrimmed(StringBuilder builder, string value)
    {
        var span = value.AsSpan().Trim();
        var lastWasSpace = false;
        foreach (var c in span)
        {
            if (c == ' ')
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }
    }
}
