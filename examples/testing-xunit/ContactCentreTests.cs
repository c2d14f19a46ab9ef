using System.Net.Http.Json;
using System.Text.Json;
using ConnectLocal.Testing;
using ConnectLocal.Testing.Xunit;

namespace ConnectLocal.Testing.Sample;

// One server for the whole collection; each test resets it first, so the tests run in any order and again.
[CollectionDefinition(Name)]
public sealed class ConnectCollection : ICollectionFixture<ConnectLocalFixture>
{
    public const string Name = "connect";
}

[Collection(ConnectCollection.Name)]
public sealed class ContactCentreTests(ConnectLocalFixture fixture) : IAsyncLifetime
{
    private ConnectLocalTestServer Server => fixture.Server;

    public async Task InitializeAsync() => await Server.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_instance_is_listed()
    {
        var id = await CreateInstanceAsync("sample-support");

        var list = await SendAsync(HttpMethod.Get, "instance");

        var only = Assert.Single(list.GetProperty("InstanceSummaryList").EnumerateArray());
        Assert.Equal(id, only.GetProperty("Id").GetString());
    }

    [Fact]
    public async Task A_caller_who_hangs_up_ends_the_contact()
    {
        var id = await CreateInstanceAsync("sample-calls");

        var call = await Server.PlaceCallAsync(id, Server.Region, queueId: null, accountId: Server.Credentials.AccountId);
        var ended = await Server.HangUpAsync(call.ContactId);

        Assert.Equal("QUEUED", call.State);
        Assert.Equal("ENDED", ended.State);
    }

    private async Task<string> CreateInstanceAsync(string alias)
    {
        var created = await SendAsync(HttpMethod.Put, "instance", new { IdentityManagementType = "CONNECT_MANAGED", InstanceAlias = alias, InboundCallsEnabled = true, OutboundCallsEnabled = true });
        return created.GetProperty("Id").GetString()!;
    }

    // With the AWS SDK for .NET this is: new AmazonConnectClient(new BasicAWSCredentials(Server.Credentials.AccessKeyId,
    // Server.Credentials.SecretAccessKey), new AmazonConnectConfig { ServiceURL = Server.Endpoint.ToString(),
    // AuthenticationRegion = Server.Region }). The sample signs in form only, which permissive mode accepts.
    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var http = new HttpClient { BaseAddress = Server.Endpoint };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: new JsonSerializerOptions()) }; // PascalCase members, as sent
        var now = DateTime.UtcNow;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'"));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={Server.Credentials.AccessKeyId}/{now:yyyyMMdd}/{Server.Region}/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
