using System.Text.Json;
using ConnectLocal.Core.Common;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Model.Metadata;
using ConnectLocal.Protocol;
using ConnectLocal.Server.Handlers;
using ConnectLocal.Server.Routing;
using ConnectLocal.Storage.Sqlite;

namespace ConnectLocal.Tests.Routing;

/// <summary>
/// A data-plane call costs what its answer costs, not what the instance holds: counted as the resources read from
/// the store per call (a timing-free measure). At 8,001 users GetCurrentUserData once took 209–385 ms and
/// PutUserStatus 106–161 ms, because every call read the instance's whole routing configuration.
/// </summary>
public sealed class RoutingCostTests : IDisposable
{
    private readonly SqliteStore _sqlite = SqliteStore.OpenInMemory();
    private readonly CountingStore _store;
    private readonly InProcessInvoker _api;
    private string _instanceId = string.Empty;
    private string _profileId = string.Empty;
    private string _securityId = string.Empty;
    private string _available = string.Empty;
    private int _users;

    public RoutingCostTests()
    {
        _store = new CountingStore(_sqlite);
        _api = new InProcessInvoker(new ConnectApi(_store, new ConnectSettings(), new RoutingHost(_store, TimeProvider.System)), new DomainErrorTranslator());
    }

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public void PutUserStatus_and_GetCurrentUserData_read_as_many_records_at_500_users_as_at_20()
    {
        SetUp();
        AddUsers(20);
        var small = ReadsPerAgentCall(_users - 1);

        AddUsers(480);
        var large = ReadsPerAgentCall(_users - 1);

        Assert.Equal(small, large);
        Assert.True(large.PutUserStatus < 20 && large.GetCurrentUserData < 20, $"{large}");
    }

    [Fact]
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

    private (long PutUserStatus, long GetCurrentUserData) ReadsPerAgentCall(int index)
    {
        var user = $"u-{index:D5}";
        var userId = Call("ListUsers", new() { ["InstanceId"] = _instanceId, ["MaxResults"] = 1000 })
            .GetProperty("UserSummaryList").EnumerateArray().Single(u => u.GetProperty("Username").GetString() == user).GetProperty("Id").GetString()!;
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
        _instanceId = Call("CreateInstance", new() { ["IdentityManagementType"] = "CONNECT_MANAGED", ["InstanceAlias"] = "cost", ["InboundCallsEnabled"] = true, ["OutboundCallsEnabled"] = true })
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
                ["Password"] = "Password-1",
                ["IdentityInfo"] = new Dictionary<string, object?> { ["FirstName"] = "Agent", ["LastName"] = "Cost" },
                ["PhoneConfig"] = new Dictionary<string, object?> { ["PhoneType"] = "SOFT_PHONE" },
                ["SecurityProfileIds"] = new[] { _securityId },
                ["RoutingProfileId"] = _profileId,
            }).GetProperty("UserId").GetString()!;
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
    private sealed class CountingStore(SqliteStore inner) : IConnectStore, IStoreChangeFeed
    {
        private long _reads;

        public long Reads => Interlocked.Read(ref _reads);

        public long Latest => inner.Latest;

        public IReadOnlyList<StoreChange>? Since(long after) => inner.Since(after);

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
