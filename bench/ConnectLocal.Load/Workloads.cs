using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectLocal.Load.Http;

namespace ConnectLocal.Load;

/// <summary>
/// The request mixes of the issue. Scripts are deterministic per worker (seeded), cheap to produce (bodies and
/// their hashes are built once), and spread over the data so no single row is hot unless the workload says so.
/// </summary>
internal static class Workloads
{
    public const string Region = Setup.Region;

    private static int _accountBlocks;

    /// <summary>Two valid MediaConcurrencies lists (VOICE is always exactly 1), alternated.</summary>
    private static readonly Body[] ConcurrencyBodies =
    [
        Body.Json("""{"MediaConcurrencies":[{"Channel":"VOICE","Concurrency":1},{"Channel":"CHAT","Concurrency":3}]}"""),
        Body.Json("""{"MediaConcurrencies":[{"Channel":"VOICE","Concurrency":1,"CrossChannelBehavior":{"BehaviorType":"ROUTE_CURRENT_CHANNEL_ONLY"}},{"Channel":"CHAT","Concurrency":2},{"Channel":"TASK","Concurrency":5}]}"""),
    ];

    /// <summary>Two valid distributions (multiples of 10, summing to 100 over the group's two Regions), alternated.</summary>
    private static readonly Body[] DistributionBodies =
    [
        Body.Json("""{"TelephonyConfig":{"Distributions":[{"Region":"us-east-1","Percentage":70},{"Region":"us-west-2","Percentage":30}]},"AgentConfig":{"Distributions":[{"Region":"us-east-1","Percentage":70},{"Region":"us-west-2","Percentage":30}]}}"""),
        Body.Json("""{"TelephonyConfig":{"Distributions":[{"Region":"us-east-1","Percentage":30},{"Region":"us-west-2","Percentage":70}]},"AgentConfig":{"Distributions":[{"Region":"us-east-1","Percentage":30},{"Region":"us-west-2","Percentage":70}]}}"""),
    ];

    public static Workload UpdateConcurrency(ProfileWorld world, string name = "UpdateRoutingProfileConcurrency") => new(
        name,
        $"POST UpdateRoutingProfileConcurrency on {world.ProfileIds.Count} routing profiles, two valid lists alternated",
        worker => new Script(k => UpdateConcurrencyRequest(world, Pick(world, worker, k), k)));

    public static Workload DescribeProfile(ProfileWorld world, string name = "DescribeRoutingProfile") => new(
        name,
        $"GET DescribeRoutingProfile over {world.ProfileIds.Count} routing profiles",
        worker => new Script(k => DescribeProfileRequest(world, Pick(world, worker, k))));

    /// <summary>80 % DescribeRoutingProfile, 20 % UpdateRoutingProfileConcurrency (every fifth request), random profiles.</summary>
    public static Workload Mixed(ProfileWorld world)
    {
        return new Workload(
            "Mixed 80/20",
            $"80 % DescribeRoutingProfile, 20 % UpdateRoutingProfileConcurrency over {world.ProfileIds.Count} routing profiles",
            worker =>
            {
                var random = new Random(1000 + worker);
                return new Script(k =>
                {
                    var profile = world.ProfileIds[random.Next(world.ProfileIds.Count)];
                    return k % 5 == 4 ? UpdateConcurrencyRequest(world, profile, k / 5) : DescribeProfileRequest(world, profile);
                });
            });
    }

    /// <summary>Random profiles out of all stored ones (the scaling runs), so lookups cannot stay in a hot corner.</summary>
    public static Workload Random(ProfileWorld world, bool write, int stored)
    {
        var n = stored.ToString(CultureInfo.InvariantCulture);
        return new Workload(
            write ? $"UpdateRoutingProfileConcurrency @ {n}" : $"DescribeRoutingProfile @ {n}",
            $"{(write ? "UpdateRoutingProfileConcurrency" : "DescribeRoutingProfile")} on random profiles of {n} stored in one instance",
            worker =>
            {
                var random = new Random(2000 + worker);
                return new Script(k =>
                {
                    var profile = world.ProfileIds[random.Next(world.ProfileIds.Count)];
                    return write ? UpdateConcurrencyRequest(world, profile, k) : DescribeProfileRequest(world, profile);
                });
            });
    }

    public static Workload UpdateDistribution(string accountId, IReadOnlyList<string> groupIds) => new(
        "UpdateTrafficDistribution",
        $"PUT UpdateTrafficDistribution on {groupIds.Count} traffic distribution groups, two valid distributions alternated",
        worker => new Script(k =>
        {
            var group = groupIds[(int)((worker + k) % groupIds.Count)];
            return new RequestSpec("PUT", "/traffic-distribution/" + SigV4Signer.Encode(group), null, DistributionBodies[(worker + (k / groupIds.Count)) % 2], accountId, Region);
        }));

    /// <summary>ListRoutingProfiles as an SDK paginator does it: no MaxResults, follow NextToken to the end, repeat.</summary>
    public static Workload ListProfiles(ProfileWorld world) => new(
        "ListRoutingProfiles",
        $"GET ListRoutingProfiles, full pagination (default page size) of an instance with {world.ProfileIds.Count} profiles (+ the default one); one request = one page",
        _ => new PaginatingScript(world));

    /// <summary>SearchRoutingProfiles, name STARTS_WITH a three-character prefix (p000–p049 style: ten profiles match), rotating over instances.</summary>
    public static Workload SearchProfiles(IReadOnlyList<ProfileWorld> worlds)
    {
        var prefixes = Math.Max(1, worlds[0].ProfileIds.Count / 10);
        var bodies = worlds.SelectMany(w => Enumerable.Range(0, prefixes).Select(p => (w.AccountId, Body: Body.Json(JsonSerializer.Serialize(new
        {
            w.InstanceId,
            SearchCriteria = new { StringCondition = new { FieldName = "name", Value = "p" + p.ToString("D2", CultureInfo.InvariantCulture), ComparisonType = "STARTS_WITH" } },
        }))))).ToArray();
        return new Workload(
            "SearchRoutingProfiles",
            $"POST SearchRoutingProfiles by name prefix over {worlds.Count} instances × {worlds[0].ProfileIds.Count} profiles",
            worker => new Script(k =>
            {
                var (account, body) = bodies[(int)((worker * 7919 + k) % bodies.Length)];
                return new RequestSpec("POST", "/search-routing-profiles", null, body, account, Region);
            }));
    }

    /// <summary>GetCurrentUserData filtered to one agent, a different agent each request.</summary>
    public static Workload CurrentUserData(AgentWorld world, string point) => new(
        $"GetCurrentUserData ({point})",
        $"POST GetCurrentUserData filtered to one of {world.UserIds.Count:N0} agents, with {world.ContactIds.Count:N0} contacts started",
        worker => new Script(k => new RequestSpec("POST", $"/metrics/userdata/{world.InstanceId}", null,
            Body.Json($$$"""{"Filters":{"Agents":["{{{PickAgent(world, worker, k)}}}"]}}"""), world.AccountId, Region)));

    /// <summary>PutUserStatus Available again (the status it has) on one agent, a different agent each request.</summary>
    public static Workload PutUserStatus(AgentWorld world, string point) => new(
        $"PutUserStatus ({point})",
        $"PUT PutUserStatus on one of {world.UserIds.Count:N0} agents, with {world.ContactIds.Count:N0} contacts started",
        worker => new Script(k => new RequestSpec("PUT", $"/users/{world.InstanceId}/{PickAgent(world, worker, k)}/status", null,
            Body.Json($$"""{"AgentStatusId":"{{world.AvailableStatusId}}"}"""), world.AccountId, Region)));

    /// <summary>DescribeContact of one of the contacts started, a different one each request.</summary>
    public static Workload DescribeContact(AgentWorld world, string point) => new(
        $"DescribeContact ({point})",
        $"GET DescribeContact of one of {world.ContactIds.Count:N0} contacts, with {world.UserIds.Count:N0} agents",
        worker => new Script(k => new RequestSpec("GET", $"/contacts/{world.InstanceId}/{world.ContactIds[(int)((worker * 7919 + k) % world.ContactIds.Count)]}",
            null, Body.Empty, world.AccountId, Region)));

    private static string PickAgent(AgentWorld world, int worker, long k) => world.UserIds[(int)((worker * 31 + k) % world.UserIds.Count)];

    public static Workload DescribeInstance(string accountId, string instanceId) => new(
        "DescribeInstance",
        "GET DescribeInstance of one instance",
        worker => new Script(_ => new RequestSpec("GET", "/instance/" + instanceId, null, Body.Empty, accountId, Region)));

    /// <summary>
    /// CreateInstance with a fresh alias and ClientToken each time (SDKs always send one). Every worker of every run
    /// takes its own block of 12-digit accounts and moves to the next account every 90 instances: ConnectLocal allows
    /// 100 instances per account and Region.
    /// </summary>
    public static Workload CreateInstance() => new(
        "CreateInstance",
        "PUT CreateInstance (CONNECT_MANAGED, unique alias, ClientToken), a new account every 90 instances",
        _ =>
        {
            var block = Interlocked.Increment(ref _accountBlocks);
            return new Script(k =>
            {
                var account = (600_000_000_000L + (block * 10_000L) + (k / 90)).ToString(CultureInfo.InvariantCulture);
                var body = Body.Json($$"""{"IdentityManagementType":"CONNECT_MANAGED","InstanceAlias":"ci-{{block}}-{{k}}","InboundCallsEnabled":true,"OutboundCallsEnabled":true,"ClientToken":"{{Guid.NewGuid()}}"}""");
                return new RequestSpec("PUT", "/instance", null, body, account, Region);
            });
        });

    /// <summary>What the bare Kestrel endpoint gets: a DescribeRoutingProfile-shaped signed GET.</summary>
    public static Workload Ceiling() => new(
        "Bare Kestrel {}",
        "the same generator and a signed GET of DescribeRoutingProfile's shape; the endpoint answers {} to anything",
        worker => new Script(_ => new RequestSpec(
            "GET", "/routing-profiles/11111111-2222-3333-4444-555555555555/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", null, Body.Empty, "111111111111", Region)));

    private static string Pick(ProfileWorld world, int worker, long k) => world.ProfileIds[(int)((worker * 31 + k) % world.ProfileIds.Count)];

    private static RequestSpec UpdateConcurrencyRequest(ProfileWorld world, string profileId, long k) => new(
        "POST", $"/routing-profiles/{world.InstanceId}/{profileId}/concurrency", null, ConcurrencyBodies[k % 2], world.AccountId, Region);

    private static RequestSpec DescribeProfileRequest(ProfileWorld world, string profileId) => new(
        "GET", $"/routing-profiles/{world.InstanceId}/{profileId}", null, Body.Empty, world.AccountId, Region);

    private sealed class Script(Func<long, RequestSpec> next) : IWorkerScript
    {
        private long _k;

        public RequestSpec Next() => next(_k++);
    }

    /// <summary>Follows NextToken (read straight from the body: tokens are base64url, never escaped).</summary>
    private sealed class PaginatingScript(ProfileWorld world) : IWorkerScript
    {
        private static readonly byte[] TokenKey = Encoding.UTF8.GetBytes("\"NextToken\":\"");
        private string? _nextToken;

        public RequestSpec Next() => new(
            "GET",
            $"/routing-profiles-summary/{world.InstanceId}",
            _nextToken is null ? null : "nextToken=" + SigV4Signer.Encode(_nextToken),
            Body.Empty,
            world.AccountId,
            Region);

        public void Observe(in HttpResult result)
        {
            var body = result.Body.Span;
            var at = body.IndexOf(TokenKey);
            if (!result.IsSuccess || at < 0)
            {
                _nextToken = null;
                return;
            }

            var rest = body[(at + TokenKey.Length)..];
            _nextToken = Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)'"')]);
        }
    }
}
