using ConnectLocal.Core.Ports;
using ConnectLocal.Storage.Postgres;
using ConnectLocal.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ConnectLocal.Tests.Storage;

/// <summary>The contract on SQLite in memory (--in-memory).</summary>
public sealed class SqliteInMemoryStoreTests : StoreContract
{
    protected override IConnectStore OpenStore() => SqliteStore.OpenInMemory();

    protected override IConnectStore OpenFreshStore() => SqliteStore.OpenInMemory();
}

/// <summary>The contract on a SQLite file (the default), one temporary directory per test.</summary>
public sealed class SqliteFileStoreTests : SharedStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "connectlocal-store-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _others = [];

    protected override int CurrentSchemaVersion => SqliteStore.SchemaVersion;

    protected override IConnectStore OpenStore() => SqliteStore.OpenFile(_directory);

    protected override IConnectStore OpenFreshStore()
    {
        var other = _directory + "-" + _others.Count;
        _others.Add(other);
        return SqliteStore.OpenFile(other);
    }

    protected override IConnectStore OpenSecondNode() => SqliteStore.OpenFile(_directory);

    protected override void SetStoredSchemaVersion(int version) =>
        Execute($"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'");

    protected override void CreateSchemaVersion1WithOneProbe() => Execute("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE resources (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
            id TEXT NOT NULL, name TEXT, data TEXT NOT NULL,
            PRIMARY KEY (account, region, kind, parent, id)) WITHOUT ROWID;
        INSERT INTO meta VALUES ('schema_version', '1');
        INSERT INTO resources VALUES ('111111111111', 'us-east-1', 'probe', 'instance-1', 'p-1', NULL, '{"Id":"p-1","Counter":7}');
        """);

    [BackendFact]
    public void Durability_setting_is_the_connection_synchronous_pragma()
    {
        foreach (var (durability, expected) in new[] { (SqliteDurability.Fast, 0L), (SqliteDurability.Normal, 1L), (SqliteDurability.Full, 2L) })
        {
            using var store = SqliteStore.OpenFile(_directory, durability);
            Assert.Equal(expected, store.Pragma("synchronous"));
            Assert.Equal("wal", store.Pragma("journal_mode"));
        }
    }

    [BackendFact]
    public void Concurrent_writes_under_full_durability_are_committed_in_groups()
    {
        using var store = SqliteStore.OpenFile(_directory, SqliteDurability.Full);
        store.Write(s =>
        {
            s.Put(Scope, P("counter"));
            return 0;
        });

        // Sixteen writers of their own (the thread pool of a 2-core machine would start with two, and two writers
        // alternate: each commit holds the other's write alone).
        using var start = new Barrier(16);
        var writers = Enumerable.Range(0, 16).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 20; i++)
            {
                Increment(store, "counter");
            }
        })).ToList();
        writers.ForEach(t => t.Start());
        writers.ForEach(t => t.Join());

        var (writes, commits) = store.CommitCounts;
        Assert.Equal(1 + (16 * 20), writes);
        Assert.True(commits < writes, $"{writes} writes took {commits} commits: no group was formed");
        Assert.Equal(16 * 20, store.Read(s => s.Get<Probe>(Scope, "counter"))!.Counter);
    }

    private void Execute(string sql)
    {
        Directory.CreateDirectory(_directory);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteStore.DatabasePath(_directory), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var directory in _others.Append(_directory))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}

/// <summary>
/// The contract on PostgreSQL: the server named by CONNECTLOCAL_TEST_POSTGRES (scripts/test.sh starts a private
/// one), a new database for each test, dropped afterwards.
/// </summary>
[RequiresEnvironment(TestDatabase.Variable)]
public sealed class PostgresStoreTests : SharedStoreContract
{
    private readonly List<TestDatabase> _databases = [];
    private TestDatabase? _main;

    private TestDatabase Main => _main ??= NewDatabase();

    protected override int CurrentSchemaVersion => PostgresStore.SchemaVersion;

    /// <summary>Several nodes write one database, so each node's routing engine must see the others' changes.</summary>
    [BackendFact]
    public void Change_feed_of_one_node_shows_the_writes_of_another_node()
    {
        var feed = (IStoreChangeFeed)Store;
        var start = feed.Latest;
        var second = Track(OpenSecondNode());
        second.Write(s =>
        {
            s.Put(Scope, P("from-second"));
            return 0;
        });
        Store.Write(s =>
        {
            s.Put(Scope, P("from-first"));
            return 0;
        });

        Assert.Equal("from-second from-first", string.Join(" ", feed.Since(start)!.Select(c => c.Id)));
        Assert.Equal(feed.Latest, ((IStoreChangeFeed)second).Latest);
    }

    protected override IConnectStore OpenStore() => PostgresStore.Open(Main.ConnectionString);

    protected override IConnectStore OpenFreshStore() => PostgresStore.Open(NewDatabase().ConnectionString);

    protected override IConnectStore OpenSecondNode() => PostgresStore.Open(Main.ConnectionString);

    protected override void SetStoredSchemaVersion(int version) =>
        Main.Execute($"UPDATE connectlocal_meta SET value = '{version}' WHERE key = 'schema_version'");

    protected override void CreateSchemaVersion1WithOneProbe() => Main.Execute("""
        CREATE TABLE connectlocal_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE connectlocal_secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL);
        CREATE TABLE connectlocal_resources (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
            id TEXT COLLATE "C" NOT NULL, name TEXT, data TEXT NOT NULL,
            PRIMARY KEY (account, region, kind, parent, id));
        INSERT INTO connectlocal_meta VALUES ('schema_version', '1');
        INSERT INTO connectlocal_resources VALUES ('111111111111', 'us-east-1', 'probe', 'instance-1', 'p-1', NULL, '{"Id":"p-1","Counter":7}');
        """);

    private TestDatabase NewDatabase()
    {
        var database = new TestDatabase();
        _databases.Add(database);
        return database;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

/// <summary>A database of its own on the test server, created through the admin connection and dropped when disposed.</summary>
public sealed class TestDatabase : IDisposable
{
    public const string Variable = "CONNECTLOCAL_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name = "connectlocal_test_" + Guid.NewGuid().ToString("N");

    public TestDatabase()
    {
        _admin = Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set");
        ExecuteOn(_admin, $"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ToString();
    }

    public string ConnectionString { get; }

    public void Execute(string sql) => ExecuteOn(ConnectionString, sql);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        ExecuteOn(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static void ExecuteOn(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
