using System.Net.Http.Json;
using System.Text.Json;
using ConnectLocal.Testing;

namespace ConnectLocal.Testing.Tests;

/// <summary>
/// A few Amazon Connect calls over plain HTTP, signed as an SDK would sign them in form (the server runs in permissive
/// mode: it reads the account from the access key id and does not check the signature).
/// </summary>
internal static class Connect
{
    public static async Task<string> CreateInstanceAsync(ConnectLocalTestServer server, ConnectLocalCredentials credentials, string alias)
    {
        var answer = await SendAsync(server, credentials, HttpMethod.Put, "instance", new
        {
            IdentityManagementType = "CONNECT_MANAGED",
            InstanceAlias = alias,
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
        });
        return answer.GetProperty("Id").GetString()!;
    }

    public static async Task<IReadOnlyList<string>> ListInstanceAliasesAsync(ConnectLocalTestServer server, ConnectLocalCredentials credentials)
    {
        var answer = await SendAsync(server, credentials, HttpMethod.Get, "instance", null);
        return answer.GetProperty("InstanceSummaryList").EnumerateArray().Select(i => i.GetProperty("InstanceAlias").GetString()!).ToList();
    }

    public static async Task<JsonElement> SendAsync(ConnectLocalTestServer server, ConnectLocalCredentials credentials, HttpMethod method, string path, object? body)
    {
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // Connect's members are PascalCase on the wire: no naming policy (JsonContent's default is camelCase).
            request.Content = JsonContent.Create(body, body.GetType(), options: new JsonSerializerOptions());
        }

        var date = DateTime.UtcNow;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", date.ToString("yyyyMMdd'T'HHmmss'Z'"));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={credentials.AccessKeyId}/{date:yyyyMMdd}/{server.Region}/connect/aws4_request, " +
            "SignedHeaders=host;x-amz-date, Signature=" + new string('0', 64));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
