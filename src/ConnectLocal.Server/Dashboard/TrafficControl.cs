using System.Globalization;
using System.Net;
using System.Text;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// The Global Resiliency control: the page's new split becomes a real UpdateTrafficDistribution request.
/// [choice] The server makes the request, over HTTP to the address the page itself reached, signed with SigV4 for
/// the group's account and Region, so that it passes through the whole Connect pipeline (authentication, throttling,
/// validation, the handler) and shows in the request log like any client's; the page never holds AWS credentials,
/// and a page served over plain HTTP to another host (where browsers offer no Web Crypto to sign with) works too.
/// Credentials: permissive mode signs with the account id as the access key id (which permissive mode reads as the
/// account); strict mode with the first configured access key of that account (none: the control answers 403).
/// </summary>
internal static class TrafficControl
{
    private const string Service = "connect";
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });

    /// <summary>
    /// POST /_connectlocal/ui/traffic/{account}/{region}/{groupId} with UpdateTrafficDistribution's JSON body: answers the
    /// API's status, request id and body as they came back.
    /// </summary>
    public static async Task UpdateAsync(HttpContext http, string accountId, string region, string groupId)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var options = http.RequestServices.GetRequiredService<ServerOptions>();
        AccessKey key;
        if (options.Authentication == AuthenticationMode.Strict)
        {
            if (options.AccessKeys.Values.FirstOrDefault(k => k.AccountId == accountId) is not { } configured)
            {
                await ConnectEndpoint.WriteErrorAsync(http, 403, "AccessDeniedException", $"The server has no access key of account {accountId} to sign UpdateTrafficDistribution with.");
                return;
            }

            key = configured;
        }
        else
        {
            key = new AccessKey(accountId, "connectlocal-dashboard", accountId);
        }

        var local = http.Connection.LocalIpAddress ?? IPAddress.Loopback;
        if (local.Equals(IPAddress.Any) || local.Equals(IPAddress.IPv6Any))
        {
            local = IPAddress.Loopback;
        }

        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !local.IsIPv4MappedToIPv6
            ? $"[{local}]:{http.Connection.LocalPort}"
            : $"{(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local)}:{http.Connection.LocalPort}";
        var path = "/traffic-distribution/" + Uri.EscapeDataString(groupId);
        using var request = Signed(HttpMethod.Put, host, path, body, key, region, DateTime.UtcNow);
        using var response = await Client.SendAsync(request, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = "application/json";
        foreach (var name in new[] { "x-amzn-RequestId", "x-amzn-ErrorType" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                http.Response.Headers[name] = values.First();
            }
        }

        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>A request signed with SigV4 as the SDKs sign a restJson1 call (host, x-amz-date, x-amz-content-sha256, the session token).</summary>
    private static HttpRequestMessage Signed(HttpMethod method, string host, string path, string body, AccessKey key, string region, DateTime now)
    {
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var payload = Encoding.UTF8.GetBytes(body);
        var payloadHash = SigV4Canonical.HexSha256(payload);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/json",
            ["host"] = host,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        if (key.SessionToken is { } token)
        {
            headers["x-amz-security-token"] = token;
        }

        var signedHeaders = headers.Keys.ToList();
        var canonical = SigV4Canonical.CanonicalRequest(
            method.Method,
            SigV4Canonical.CanonicalUri(path),
            string.Empty,
            SigV4Canonical.CanonicalHeaders(signedHeaders, name => [headers[name]]),
            signedHeaders,
            payloadHash);
        var signature = SigV4Canonical.Signature(
            SigV4Canonical.SigningKey(key.SecretAccessKey, date, region, Service),
            SigV4Canonical.StringToSign(amzDate, date, region, Service, canonical));
        var request = new HttpRequestMessage(method, $"http://{host}{path}")
        {
            Content = new ByteArrayContent(payload),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers.Where(h => h.Key is not "content-type" and not "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4.Algorithm} Credential={key.AccessKeyId}/{date}/{region}/{Service}/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
        request.Headers.UserAgent.ParseAdd("connectlocal-dashboard/" + Control.ControlApi.Version);
        return request;
    }
}
