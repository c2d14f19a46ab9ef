using System.Text.Json;
using ConnectLocal.Core.Common;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Handlers;
using ConnectLocal.Server.Routing;
using ConnectLocal.Storage.Postgres;
using ConnectLocal.Storage.Sqlite;
using ConnectLocal.Tests.Storage;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// A data-plane call costs what its answer costs, not what the instance holds: counted as the resources read from
/// the store per call (a timing-free measure). At 8,001 users GetCurrentUserData once took 209–385 ms and
/// PutUserStatus 106–161 ms, because every call read the instance's whole routing configuration.
/// </summary>
public abstract class RoutingCostTests : IDisposable
{
    private readonly IConnectStore _inner;
    private readonly CountingStore _store;
    private readonly InProcessInvoker _api;
    private string _instanceId = string.Empty;
    private string _profileId = string.Empty;
    private string _securityId = string.Empty;
    private string _available = string.Empty;
    private int _users;
    private readonly List<string> _userIds = [];

    protected RoutingCostTests(IConnectStore inner)
    {
        _inner = inner;
        _store = new CountingStore(inner);
        _api = new InProcessInvoker(new ConnectApi(_store, new ConnectSettings(), new RoutingHost(_store, TimeProvider.System)), new DomainErrorTranslator());
    }

    public void Dispose()
    {
        (_inner as IDisposable)?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    [BackendFact]
    public void PutUserStatus_and_GetCurrentUserData_read_as_many_records_at_500_users_as_at_20()
    {
        SetUp();
        AssertAgentCallsCostTheSameAt20And500Users();
    }

    [BackendFact]
    public void On_a_replicated_instance_PutUserStatus_and_GetCurrentUserData_read_as_many_records_at_500_users_as_at_20()
    {
        // A replicated instance used to read its whole routing configuration (both Regions) before every call.
        SetUp();
        Call("ReplicateInstance", new() { ["InstanceId"] = _instanceId, ["ReplicaRegion"] = "us-west-2", ["ReplicaAlias"] = "cost-west" });
        Assert.Equal("us-west-2", Call("DescribeInstance", new() { ["InstanceId"] = _instanceId })
            .GetProperty("ReplicationConfiguration").GetProperty("ReplicationStatusSummaryList")
            .EnumerateArray().Select(r => r.GetProperty("Region").GetString()).Single(r => r != "us-east-1"));
        AssertAgentCallsCostTheSameAt20And500Users();
    }

    private void AssertAgentCallsCostTheSameAt20And500Users()
    {
        AddUsers(20);
        var small = ReadsPerAgentCall(_users - 1);

        AddUsers(480);
        var large = ReadsPerAgentCall(_users - 1);

        Assert.Equal(small, large);
        Assert.True(large.PutUserStatus < 20 && large.GetCurrentUserData < 20, $"{large}");
    }

    [BackendFact]
    public void Control_operations_read_as_many_records_at_500_users_as_at_20()
    {
        // Control operations too must cost what their answer costs: each is counted at both sizes, on its own user.
        SetUp();
        var queueId = Call("ListQueues", new() { ["InstanceId"] = _instanceId, ["QueueTypes"] = new[] { "STANDARD" } })
            .GetProperty("QueueSummaryList")[0].GetProperty("Id").GetString()!;
        var calls = new (string Name, Func<string, Dictionary<string, object?>> Input)[]
        {
            ("DescribeUser", user => new() { ["InstanceId"] = _instanceId, ["UserId"] = user }),
            ("UpdateUserRoutingProfile", user => new() { ["InstanceId"] = _instanceId, ["UserId"] = user, ["RoutingProfileId"] = _profileId }),
            ("UpdateUserIdentityInfo", user => new() { ["InstanceId"] = _instanceId, ["UserId"] = user, ["IdentityInfo"] = new Dictionary<string, object?> { ["FirstName"] = "Renamed", ["LastName"] = "Cost" } }),
            ("UpdateUserPhoneConfig", user => new() { ["InstanceId"] = _instanceId, ["UserId"] = user, ["PhoneConfig"] = new Dictionary<string, object?> { ["PhoneType"] = "SOFT_PHONE", ["AutoAccept"] = true } }),
            ("ListUsers", _ => new() { ["InstanceId"] = _instanceId, ["MaxResults"] = 10 }),
            ("DescribeRoutingProfile", _ => new() { ["InstanceId"] = _instanceId, ["RoutingProfileId"] = _profileId }),
            ("UpdateRoutingProfileConcurrency", _ => new() { ["InstanceId"] = _instanceId, ["RoutingProfileId"] = _profileId, ["MediaConcurrencies"] = new[] { new Dictionary<string, object?> { ["Channel"] = "VOICE", ["Concurrency"] = 1 } } }),
            ("DescribeQueue", _ => new() { ["InstanceId"] = _instanceId, ["QueueId"] = queueId }),
            ("DescribeInstance", _ => new() { ["InstanceId"] = _instanceId }),
            ("GetCurrentMetricData", _ => new()
            {
                ["InstanceId"] = _instanceId,
                ["Filters"] = new Dictionary<string, object?> { ["Queues"] = new[] { queueId }, ["Channels"] = new[] { "VOICE" } },
                ["CurrentMetrics"] = new[] { new Dictionary<string, object?> { ["Name"] = "CONTACTS_IN_QUEUE", ["Unit"] = "COUNT" } },
            }),
        };

        Dictionary<string, long> ReadsPerCall()
        {
            var userId = UserId(_users - 1);
            var reads = new Dictionary<string, long>();
            foreach (var (name, input) in calls)
            {
                Call(name, input(userId));
                var before = _store.Reads;
                Call(name, input(userId));
                reads[name] = _store.Reads - before;
            }

            return reads;
        }

        AddUsers(20);
        var small = ReadsPerCall();
        AddUsers(480);
        var large = ReadsPerCall();

        Assert.Equal(small, large);
        Assert.All(large, r => Assert.True(r.Value < 20, $"{r.Key} read {r.Value} records"));
    }

    [BackendFact]
    public void DescribeContact_reads_as_many_records_at_400_contacts_as_at_10()
    {
        // issue 13 asks for 100,000 contacts (the load harness's RoutingScaling point); here the same property is
        // counted in stored records, at a size the test command can afford.
        SetUp();
        AddUsers(2);
        var flowId = Call("ListContactFlows", new() { ["InstanceId"] = _instanceId, ["ContactFlowTypes"] = new[] { "CONTACT_FLOW" }, ["MaxResults"] = 100 })
            .GetProperty("ContactFlowSummaryList").EnumerateArray()
            .First(f => f.GetProperty("Name").GetString() == "Sample inbound flow (first contact experience)").GetProperty("Id").GetString()!;
        var contacts = new List<string>();
        void StartTasks(int count)
        {
            for (var i = 0; i < count; i++)
            {
                contacts.Add(Call("StartTaskContact", new() { ["InstanceId"] = _instanceId, ["ContactFlowId"] = flowId, ["Name"] = $"task {contacts.Count}" })
                    .GetProperty("ContactId").GetString()!);
            }
        }

        long ReadsToDescribe(string contactId)
        {
            Call("DescribeContact", new() { ["InstanceId"] = _instanceId, ["ContactId"] = contactId });
            var before = _store.Reads;
            var contact = Call("DescribeContact", new() { ["InstanceId"] = _instanceId, ["ContactId"] = contactId });
            Assert.Equal(contactId, contact.GetProperty("Contact").GetProperty("Id").GetString());
            return _store.Reads - before;
        }

        StartTasks(10);
        var small = ReadsToDescribe(contacts[^1]);

        StartTasks(390);
        var large = ReadsToDescribe(contacts[^1]);

        Assert.Equal(small, large);
        Assert.True(large < 20, $"{large} records read");
    }

    private string UserId(int index) => _userIds[index];

    private (long PutUserStatus, long GetCurrentUserData) ReadsPerAgentCall(int index)
    {
        var userId = UserId(index);
        Call("GetCurrentUserData", new() { ["InstanceId"] = _instanceId, ["Filters"] = new Dictionary<string, object?> { ["Agents"] = new[] { userId } } });

        var before = _store.Reads;
        Call("PutUserStatus", new() { ["InstanceId"] = _instanceId, ["UserId"] = userId, ["AgentStatusId"] = _available });
        var put = _store.Reads - before;

        before = _store.Reads;
        var data = Call("GetCurrentUserData", new() { ["InstanceId"] = _instanceId, ["Filters"] = new Dictionary<string, object?> { ["Agents"] = new[] { userId } } });
        var get = _store.Reads - before;

        Assert.Equal(userId, data.GetProperty("UserDataList")[0].GetProperty("User").GetProperty("Id").GetString());
        return (put, get);
    }

    private void SetUp()
    {
        _instanceId = Call("CreateInstance", new() { ["IdentityManagementType"] = "SAML", ["InstanceAlias"] = "cost", ["InboundCallsEnabled"] = true, ["OutboundCallsEnabled"] = true })
            .GetProperty("Id").GetString()!;
        _profileId = First("ListRoutingProfiles", "RoutingProfileSummaryList");
        _securityId = First("ListSecurityProfiles", "SecurityProfileSummaryList");
        _available = Call("ListAgentStatuses", new() { ["InstanceId"] = _instanceId }).GetProperty("AgentStatusSummaryList").EnumerateArray()
            .First(s => s.GetProperty("Type").GetString() == "ROUTABLE").GetProperty("Id").GetString()!;
    }

    private void AddUsers(int count)
    {
        for (var i = 0; i < count; i++, _users++)
        {
            var id = Call("CreateUser", new()
            {
                ["InstanceId"] = _instanceId,
                ["Username"] = $"u-{_users:D5}",
                ["IdentityInfo"] = new Dictionary<string, object?> { ["FirstName"] = "Agent", ["LastName"] = "Cost" },
                ["PhoneConfig"] = new Dictionary<string, object?> { ["PhoneType"] = "SOFT_PHONE" },
                ["SecurityProfileIds"] = new[] { _securityId },
                ["RoutingProfileId"] = _profileId,
            }).GetProperty("UserId").GetString()!;
            _userIds.Add(id);
            Call("PutUserStatus", new() { ["InstanceId"] = _instanceId, ["UserId"] = id, ["AgentStatusId"] = _available });
        }
    }

    private string First(string operation, string list) =>
        Call(operation, new() { ["InstanceId"] = _instanceId }).GetProperty(list)[0].GetProperty("Id").GetString()!;

    private JsonElement Call(string operationName, Dictionary<string, object?> input)
    {
        var operation = OperationTable.All.Single(o => o.Name == operationName);
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(input));
        var context = new OperationContext(operation.Name, "000000000000", "us-east-1", Guid.NewGuid().ToString(), "AKIDEXAMPLE", DateTimeOffset.UtcNow);
        var output = _api.Invoke(operation, context, document.RootElement);
        return output.Length == 0 ? default : JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>The store, counting every resource its sessions hand out; its change feed passes through.</summary>
    private sealed class CountingStore(IConnectStore inner) : IConnectStore, IStoreChangeFeed
    {
        private long _reads;

        public long Reads => Interlocked.Read(ref _reads);

        public long Latest => ((IStoreChangeFeed)inner).Latest;

        public IReadOnlyList<StoreChange>? Since(long after) => ((IStoreChangeFeed)inner).Since(after);

        public T Read<T>(Func<IStoreSession, T> work) => inner.Read(session => work(new Counting(session, this)));

        public T Write<T>(Func<IStoreSession, T> work) => inner.Write(session => work(new Counting(session, this)));

        private sealed class Counting(IStoreSession inner, CountingStore counts) : IStoreSession
        {
            public T? Get<T>(ResourceScope scope, string id)
                where T : class, IResource<T> => Count(inner.Get<T>(scope, id));

            public T? GetByName<T>(ResourceScope scope, string name)
                where T : class, IResource<T> => Count(inner.GetByName<T>(scope, name));

            public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
                where T : class, IResource<T> => CountAll(inner.Page<T>(scope, afterId, limit));

            public IReadOnlyList<T> All<T>(ResourceScope scope)
                where T : class, IResource<T> => CountAll(inner.All<T>(scope));

            public int Count<T>(ResourceScope scope)
                where T : class, IResource<T> => inner.Count<T>(scope);

            public void Put<T>(ResourceScope scope, T resource)
                where T : class, IResource<T> => inner.Put(scope, resource);

            public long Version<T>(ResourceScope scope, string id)
                where T : class, IResource<T> => inner.Version<T>(scope, id);

            public bool PutIfVersion<T>(ResourceScope scope, T resource, long expectedVersion)
                where T : class, IResource<T> => inner.PutIfVersion(scope, resource, expectedVersion);

            public void Delete<T>(ResourceScope scope, string id)
                where T : class, IResource<T> => inner.Delete<T>(scope, id);

            public void DeleteChildren(string accountId, string region, string parent) => inner.DeleteChildren(accountId, region, parent);

            public byte[] Secret(string name) => inner.Secret(name);

            private T? Count<T>(T? found)
                where T : class
            {
                if (found is not null)
                {
                    Interlocked.Increment(ref counts._reads);
                }

                return found;
            }

            private IReadOnlyList<T> CountAll<T>(IReadOnlyList<T> found)
            {
                Interlocked.Add(ref counts._reads, found.Count);
                return found;
            }
        }
    }
}

/// <summary>The counts on SQLite in memory, whose change feed is the process's own commits.</summary>
public sealed class SqliteRoutingCostTests() : RoutingCostTests(SqliteStore.OpenInMemory());

/// <summary>
/// The counts on PostgreSQL, whose change feed is a table every node appends to (CONNECTLOCAL_TEST_POSTGRES; a
/// database of its own). Before the feed, routing there read the whole configuration before every call.
/// </summary>
[RequiresEnvironment(TestDatabase.Variable)]
public sealed class PostgresRoutingCostTests : RoutingCostTests
{
    private readonly TestDatabase _database;

    public PostgresRoutingCostTests()
        : this(new TestDatabase())
    {
    }

    private PostgresRoutingCostTests(TestDatabase database)
        : base(PostgresStore.Open(database.ConnectionString))
    {
        _database = database;
    }

    protected override void Dispose(bool disposing) => _database.Dispose();
}
