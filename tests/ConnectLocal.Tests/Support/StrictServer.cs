using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ConnectLocal.Protocol;

namespace ConnectLocal.Tests.Support;

/// <summary>A server in strict mode with two credentials: a long-term key and a temporary one with a session token.</summary>
public sealed class StrictServer() : ConnectLocalServer(options => options with
{
    Authentication = AuthenticationMode.Strict,
    AccessKeys = new Dictionary<string, AccessKey>
    {
        [Alice.AccessKeyId] = Alice,
        [Temporary.AccessKeyId] = Temporary,
    },
})
{
    public static readonly AccessKey Alice = new("AKIAALICE", "alice/secret+key", "111111111111");
    public static readonly AccessKey Temporary = new("ASIATEMPORARY", "temporary-secret", "222222222222", "session-token");

    /// <summary>
    /// Sends a request signed as an SDK signs it (host, x-amz-date, x-amz-content-sha256 and any extra headers
    /// named in <paramref name="signed"/>), then lets <paramref name="tamper"/> change it before it goes out.
    /// </summary>
    public async Task<WireResponse> SendSignedAsync(
        string method,
        string target,
        string? body = null,
        AccessKey? key = null,
        DateTimeOffset? time = null,
        IReadOnlyDictionary<string, string>? signed = null,
        Action<HttpRequestMessage>? tamper = null,
        string? secret = null,
        string region = "us-east-1")
    {
        key ??= Alice;
        var when = time ?? DateTimeOffset.UtcNow;
        var amzDate = when.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var payloadHash = SigV4Canonical.HexSha256(bytes);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = BaseAddress.Authority,
            ["x-amz-date"] = amzDate,
            ["x-amz-content-sha256"] = payloadHash,
        };
        if (key.SessionToken is not null)
        {
            headers["x-amz-security-token"] = key.SessionToken;
        }

        foreach (var (name, value) in signed ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        var names = headers.Keys.ToList();
        var questionMark = target.IndexOf('?', StringComparison.Ordinal);
        var path = questionMark < 0 ? target : target[..questionMark];
        var query = questionMark < 0 ? string.Empty : target[(questionMark + 1)..];
        var canonical = SigV4Canonical.CanonicalRequest(
            method,
            SigV4Canonical.CanonicalUri(path),
            SigV4Canonical.CanonicalQuery(query),
            SigV4Canonical.CanonicalHeaders(names, n => [headers[n]]),
            names,
            payloadHash);
        var date = amzDate[..8];
        var signature = SigV4Canonical.Signature(
            SigV4Canonical.SigningKey(secret ?? key.SecretAccessKey, date, region, "connect"),
            SigV4Canonical.StringToSign(amzDate, date, region, "connect", canonical));
        var authorization = $"AWS4-HMAC-SHA256 Credential={key.AccessKeyId}/{date}/{region}/connect/aws4_request, SignedHeaders={string.Join(';', names)}, Signature={signature}";

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(BaseAddress, target));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        foreach (var (name, value) in headers.Where(h => h.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        tamper?.Invoke(request);
        return await SendAsync(request);
    }
}
