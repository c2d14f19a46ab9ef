using System.Text.Json;
using ConnectLocal.Load.Http;

namespace ConnectLocal.Load;

/// <summary>Setup calls through the API (the same signed requests as the load), failing loudly on any error.</summary>
internal sealed class ConnectClient(Target target, SigV4Signer signer) : IDisposable
{
    private readonly RawHttpConnection _connection = new(target.Endpoint);
    private readonly RequestWriter _writer = new(signer, target.Host);

    public async Task<JsonElement> CallAsync(string method, string path, string? query, object? body, string accessKeyId, string region = "us-east-1")
    {
        var spec = new RequestSpec(method, path, query, body is null ? Body.Empty : Body.Json(JsonSerializer.Serialize(body)), accessKeyId, region);
        var result = await _connection.SendAsync(_writer.Write(spec), CancellationToken.None).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"setup {method} {path} on {target.Name} -> {result.Status} {result.ErrorType}: {result.BodyText}");
        }

        if (result.Body.IsEmpty)
        {
            return default;
        }

        using var document = JsonDocument.Parse(result.Body);
        return document.RootElement.Clone();
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs <paramref name="count"/> calls over <paramref name="parallelism"/> connections; results in index order.</summary>
    public static async Task<T[]> ParallelAsync<T>(Target target, SigV4Signer signer, int count, int parallelism, Func<ConnectClient, int, Task<T>> work)
    {
        var results = new T[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(parallelism, Math.Max(count, 1))).Select(_ => Task.Run(async () =>
        {
            using var client = new ConnectClient(target, signer);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                results[i] = await work(client, i).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return results;
    }
}

/// <summary>An instance with agents (all Available) and the contacts started in it, for the routing workloads.</summary>
internal sealed record AgentWorld(string AccountId, string InstanceId, string AvailableStatusId, IReadOnlyList<string> UserIds, IReadOnlyList<string> ContactIds);

/// <summary>An instance with routing profiles, as the workloads need it.</summary>
internal sealed record ProfileWorld(string AccountId, string InstanceId, string QueueId, IReadOnlyList<string> ProfileIds);

/// <summary>The API calls that build each workload's data. Every setup uses its own 12-digit account.</summary>
internal static class Setup
{
    public const string Region = "us-east-1";
    public const string ReplicaRegion = "us-west-2";

    /// <summary>Appended to every alias, so the harness can run again against a server it already set up (--endpoint).</summary>
    private static readonly string RunSuffix = "-" + Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..6];

    public static async Task<string> CreateInstanceAsync(ConnectClient client, string accountId, string alias, string region = Region,
        string identity = "CONNECT_MANAGED")
    {
        var created = await client.CallAsync("PUT", "/instance", null, new
        {
            IdentityManagementType = identity,
            InstanceAlias = alias + RunSuffix,
            InboundCallsEnabled = true,
            OutboundCallsEnabled = true,
            ClientToken = Guid.NewGuid().ToString(),
        }, accountId, region).ConfigureAwait(false);
        return created.GetProperty("Id").GetString()!;
    }

    /// <summary>
    /// An instance with <paramref name="profiles"/> routing profiles named <c>p000…</c> (so name prefixes select
    /// tens of them), created concurrently over <paramref name="parallelism"/> connections.
    /// </summary>
    public static async Task<ProfileWorld> ProfilesAsync(Target target, SigV4Signer signer, string accountId, string alias, int profiles, int parallelism)
    {
        string instanceId, queueId;
        using (var client = new ConnectClient(target, signer))
        {
            instanceId = await CreateInstanceAsync(client, accountId, alias).ConfigureAwait(false);
            var queues = await client.CallAsync("GET", $"/queues-summary/{instanceId}", "queueTypes=STANDARD", null, accountId).ConfigureAwait(false);
            queueId = queues.GetProperty("QueueSummaryList")[0].GetProperty("Id").GetString()!;
        }

        var width = Math.Max(3, (profiles - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var ids = await ConnectClient.ParallelAsync(target, signer, profiles, parallelism, async (client, i) =>
        {
            var created = await client.CallAsync("PUT", $"/routing-profiles/{instanceId}", null, new
            {
                Name = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'),
                Description = "bench profile",
                DefaultOutboundQueueId = queueId,
                MediaConcurrencies = new object[] { new { Channel = "VOICE", Concurrency = 1 } },
            }, accountId).ConfigureAwait(false);
            return created.GetProperty("RoutingProfileId").GetString()!;
        }).ConfigureAwait(false);
        return new ProfileWorld(accountId, instanceId, queueId, ids);
    }

    /// <summary>
    /// An instance with <paramref name="users"/> agents on the default routing profile, each put in the Available
    /// status, and then <paramref name="contacts"/> task contacts started (queued or offered: all held by the
    /// routing engine).
    /// </summary>
    public static async Task<AgentWorld> AgentsAsync(Target target, SigV4Signer signer, string accountId, string alias, int users, int contacts, int parallelism)
    {
        string instanceId, profileId, securityId, availableId, flowId;
        using (var client = new ConnectClient(target, signer))
        {
            instanceId = await CreateInstanceAsync(client, accountId, alias).ConfigureAwait(false);
            profileId = (await client.CallAsync("GET", $"/routing-profiles-summary/{instanceId}", null, null, accountId).ConfigureAwait(false))
                .GetProperty("RoutingProfileSummaryList")[0].GetProperty("Id").GetString()!;
            securityId = (await client.CallAsync("GET", $"/security-profiles-summary/{instanceId}", null, null, accountId).ConfigureAwait(false))
                .GetProperty("SecurityProfileSummaryList")[0].GetProperty("Id").GetString()!;
            availableId = (await client.CallAsync("GET", $"/agent-status/{instanceId}", null, null, accountId).ConfigureAwait(false))
                .GetProperty("AgentStatusSummaryList").EnumerateArray().First(s => s.GetProperty("Type").GetString() == "ROUTABLE").GetProperty("Id").GetString()!;
            // Contacts start in an inbound flow the instance has (docs/flows.md): the sample flow every instance gets.
            flowId = (await client.CallAsync("GET", $"/contact-flows-summary/{instanceId}", "contactFlowTypes=CONTACT_FLOW&maxResults=100", null, accountId).ConfigureAwait(false))
                .GetProperty("ContactFlowSummaryList").EnumerateArray()
                .First(f => f.GetProperty("Name").GetString() == "Sample inbound flow (first contact experience)").GetProperty("Id").GetString()!;
        }

        var userIds = await ConnectClient.ParallelAsync(target, signer, users, parallelism, async (client, i) =>
        {
            var created = await client.CallAsync("PUT", $"/users/{instanceId}", null, new
            {
                Username = "agent-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                Password = "Password-1",
                IdentityInfo = new { FirstName = "Bench", LastName = "Agent" },
                PhoneConfig = new { PhoneType = "SOFT_PHONE" },
                SecurityProfileIds = new[] { securityId },
                RoutingProfileId = profileId,
            }, accountId).ConfigureAwait(false);
            var userId = created.GetProperty("UserId").GetString()!;
            await client.CallAsync("PUT", $"/users/{instanceId}/{userId}/status", null, new { AgentStatusId = availableId }, accountId).ConfigureAwait(false);
            return userId;
        }).ConfigureAwait(false);

        var contactIds = await ConnectClient.ParallelAsync(target, signer, contacts, parallelism, async (client, i) =>
            (await client.CallAsync("PUT", "/contact/task", null, new { InstanceId = instanceId, ContactFlowId = flowId, Name = "task " + i }, accountId).ConfigureAwait(false))
                .GetProperty("ContactId").GetString()!).ConfigureAwait(false);
        return new AgentWorld(accountId, instanceId, availableId, userIds, contactIds);
    }

    /// <summary>A replicated instance (us-east-1 → us-west-2) with <paramref name="groups"/> traffic distribution groups.</summary>
    public static async Task<(string AccountId, IReadOnlyList<string> GroupIds)> TrafficDistributionGroupsAsync(
        Target target, SigV4Signer signer, string accountId, int groups)
    {
        using var client = new ConnectClient(target, signer);
        // SAML: Global Resiliency replicates only SAML instances
        var instanceId = await CreateInstanceAsync(client, accountId, "bench-gr", identity: "SAML").ConfigureAwait(false);
        await client.CallAsync("POST", $"/instance/{instanceId}/replicate", null, new
        {
            ReplicaRegion,
            ReplicaAlias = "bench-gr-west" + RunSuffix,
            ClientToken = Guid.NewGuid().ToString(),
        }, accountId).ConfigureAwait(false);
        var ids = new List<string>();
        for (var i = 0; i < groups; i++)
        {
            var created = await client.CallAsync("PUT", "/traffic-distribution-group", null, new
            {
                Name = $"tdg-{i}",
                InstanceId = instanceId,
                ClientToken = Guid.NewGuid().ToString(),
            }, accountId).ConfigureAwait(false);
            ids.Add(created.GetProperty("Id").GetString()!);
        }

        return (accountId, ids);
    }
}
