using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using ConnectLocal.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Tests.Storage;

/// <summary>
/// The SQLite backend's own mechanics behind the storage port: counts kept by triggers (quota checks read one
/// row), migration of a schema-1 database, reads on pooled read-only connections.
/// </summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly ResourceScope InstanceA = new("111111111111", "us-east-1", "instance-a");
    private static readonly ResourceScope InstanceB = new("111111111111", "us-east-1", "instance-b");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connectlocal-store-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Count_follows_inserts_updates_deletes_and_deleted_children()
    {
        using var store = SqliteStore.OpenFile(_directory);
        store.Write(s =>
        {
            s.Put(InstanceA, Profile("p1"));
            s.Put(InstanceA, Profile("p2"));
            s.Put(InstanceA, Profile("p3"));
            s.Put(InstanceA, Profile("p2") with { Name = "renamed" }); // an update is not one more
            s.Put(InstanceB, Profile("p4"));
            return true;
        });
        Assert.Equal(3, store.Read(s => s.Count<RoutingProfile>(InstanceA)));

        store.Write(s =>
        {
            s.Delete<RoutingProfile>(InstanceA, "p1");
            s.Delete<RoutingProfile>(InstanceA, "missing");
            return true;
        });
        Assert.Equal(2, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
        Assert.Equal(0, store.Read(s => s.Count<Queue>(InstanceA)));

        store.Write(s =>
        {
            s.DeleteChildren(InstanceA.AccountId, InstanceA.Region, InstanceA.Parent);
            return true;
        });
        Assert.Equal(0, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
        Assert.Equal(1, store.Read(s => s.Count<RoutingProfile>(InstanceB)));
    }

    [Fact]
    public void A_write_that_fails_leaves_the_count_as_it_was()
    {
        using var store = SqliteStore.OpenFile(_directory);
        store.Write(s =>
        {
            s.Put(InstanceA, Profile("p1"));
            return true;
        });

        Assert.Throws<InvalidOperationException>(() => store.Write<bool>(s =>
        {
            s.Put(InstanceA, Profile("p2"));
            throw new InvalidOperationException("rolled back");
        }));

        Assert.Equal(1, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
    }

    [Fact]
    public void A_schema_1_database_is_counted_when_opened()
    {
        using (var store = SqliteStore.OpenFile(_directory))
        {
            store.Write(s =>
            {
                s.Put(InstanceA, Profile("p1"));
                s.Put(InstanceA, Profile("p2"));
                return true;
            });
        }

        // Back to what a schema-1 server left: no counts table, no triggers, version 1.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "connectlocal.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TRIGGER resources_counted_insert; DROP TRIGGER resources_counted_delete; DROP TABLE resource_counts;
                UPDATE meta SET value = '1' WHERE key = 'schema_version';
                """;
            command.ExecuteNonQuery();
        }

        using (var store = SqliteStore.OpenFile(_directory))
        {
            Assert.Equal(2, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
            store.Write(s =>
            {
                s.Put(InstanceA, Profile("p3"));
                return true;
            });
            Assert.Equal(3, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
        }
    }

    [Fact]
    public void A_database_of_a_newer_schema_is_refused()
    {
        using (SqliteStore.OpenFile(_directory))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "connectlocal.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE meta SET value = '{SqliteStore.SchemaVersion + 1}' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidOperationException>(() => SqliteStore.OpenFile(_directory));
        Assert.Contains("newer ConnectLocal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_on_pooled_connections_see_every_committed_write_and_share_secrets()
    {
        using var store = SqliteStore.OpenFile(_directory);

        // A secret first needed inside a read transaction is created once and is the same everywhere after.
        var first = store.Read(s => s.Secret("page-token"));
        Parallel.For(0, 8, _ => Assert.Equal(first, store.Read(s => s.Secret("page-token"))));
        Assert.Equal(first, store.Write(s => s.Secret("page-token")));

        Parallel.For(0, 200, i =>
        {
            var id = $"p{i}";
            store.Write(s =>
            {
                s.Put(InstanceA, Profile(id));
                return true;
            });
            Assert.Equal(id, store.Read(s => s.Get<RoutingProfile>(InstanceA, id))?.Id);
        });
        Assert.Equal(200, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
    }

    [Fact]
    public void An_in_memory_store_counts_too()
    {
        using var store = SqliteStore.OpenInMemory();
        store.Write(s =>
        {
            s.Put(InstanceA, Profile("p1"));
            return true;
        });
        Assert.Equal(1, store.Read(s => s.Count<RoutingProfile>(InstanceA)));
        Assert.NotEmpty(store.Read(s => s.Secret("page-token")));
    }

    private static RoutingProfile Profile(string id) => new()
    {
        Id = id,
        InstanceId = "instance",
        Arn = "arn:aws:connect:us-east-1:111111111111:instance/instance/routing-profile/" + id,
        Name = "name-" + id,
        Description = "d",
        DefaultOutboundQueueId = "q",
        LastModifiedTime = DateTimeOffset.UnixEpoch,
        LastModifiedRegion = "us-east-1",
    };
}
