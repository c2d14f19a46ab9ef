using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The embedded backend. Writes go through one connection, one transaction at a time (SQLite has a single writer
/// anyway); reads of a file store run on a small pool of read-only connections beside it, each in its own
/// transaction, which WAL gives a consistent snapshot of the last commit (an in-memory store reads on the writer's
/// connection). Every connection keeps its statements prepared. The database is in WAL mode; how hard a
/// commit is pushed to disk is the <see cref="SqliteDurability"/> (default synchronous=NORMAL).
/// Writes that arrive while a commit is running are committed together in the next transaction (group commit),
/// each inside its own savepoint: a write that throws is rolled back alone, the others commit, and none is
/// acknowledged before the commit that holds it has returned. Under <see cref="SqliteDurability.Full"/> this turns
/// one fsync per write into one fsync per group, so throughput grows with the number of concurrent clients.
/// LIMITATIONS: one serving process per database file (a second process, e.g. <c>connectlocal export</c>, may
/// share it briefly: it waits for the lock); several nodes need the PostgreSQL backend.
/// </summary>
public sealed class SqliteStore : IConnectStore, IStoreArchive, IStoreChangeFeed, IDisposable
{
    /// <summary>1: resources, secrets, meta. 2: a version per resource. 3: resource counts kept by triggers.</summary>
    public const int SchemaVersion = 3;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS resources (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
            id TEXT NOT NULL, name TEXT, data TEXT NOT NULL,
            PRIMARY KEY (account, region, kind, parent, id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS resources_by_name ON resources (account, region, kind, parent, name);
        CREATE INDEX IF NOT EXISTS resources_by_parent ON resources (account, region, parent);
        """,
        "ALTER TABLE resources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",

        // Quota checks count a kind under a parent before every create; COUNT(*) walked the index range, so creating
        // the 100,000th routing profile read 99,999 index entries. The triggers keep the counts in the same
        // transaction as the rows (an upsert that updates fires neither; an update changes no key).
        """
        CREATE TABLE IF NOT EXISTS resource_counts (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (account, region, kind, parent)) WITHOUT ROWID;
        INSERT INTO resource_counts (account, region, kind, parent, n)
            SELECT account, region, kind, parent, COUNT(*) FROM resources GROUP BY account, region, kind, parent;
        CREATE TRIGGER IF NOT EXISTS resources_counted_in AFTER INSERT ON resources BEGIN
            INSERT INTO resource_counts (account, region, kind, parent, n) VALUES (NEW.account, NEW.region, NEW.kind, NEW.parent, 1)
            ON CONFLICT (account, region, kind, parent) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS resources_counted_out AFTER DELETE ON resources BEGIN
            UPDATE resource_counts SET n = n - 1
            WHERE account = OLD.account AND region = OLD.region AND kind = OLD.kind AND parent = OLD.parent;
        END;
        """,
    ];

    private readonly SqliteConnection _connection;
    private readonly StatementCache _statements;
    private readonly ReadPool? _readers;
    private readonly Checkpointer? _checkpointer;
    private readonly Lock _connectionGate = new();
    private readonly Lock _queueGate = new();
    private readonly StoreChangeLog _changeLog = new();
    private readonly List<PendingWrite> _queue = [];
    private bool _committing;
    private long _writes;
    private long _commits;

    private SqliteStore(SqliteConnection connection, SqliteDurability durability, ReadPool? readers, Checkpointer? checkpointer)
    {
        _connection = connection;
        _statements = new StatementCache(connection);
        _readers = readers;
        _checkpointer = checkpointer;
        Durability = durability;
    }

    public SqliteDurability Durability { get; }

    /// <summary>Writes acknowledged and transactions committed for them since the store was opened (group commit makes the second smaller).</summary>
    public (long Writes, long Commits) CommitCounts => (Interlocked.Read(ref _writes), Interlocked.Read(ref _commits));

    /// <summary>A store in <paramref name="directory"/>/connectlocal.db, created or migrated as needed.</summary>
    public static SqliteStore OpenFile(string directory, SqliteDurability durability = SqliteDurability.Normal)
    {
        Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath(directory), Pooling = false }.ToString());
        try
        {
            connection.Open();
            var synchronous = durability switch
            {
                SqliteDurability.Fast => "OFF",
                SqliteDurability.Full => "FULL",
                _ => "NORMAL",
            };
            // wal_autocheckpoint=0: the commit that crossed 1,000 WAL pages used to copy them into the database and
            // sync it itself, stalling every write queued behind it for tens of milliseconds; the checkpointer
            // thread does that work beside the writer instead.
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;");
            Migrate(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteStore(connection, durability, new ReadPool(DatabasePath(directory), ReadConnections), new Checkpointer(DatabasePath(directory)));
    }

    /// <summary>[choice] Read connections of a file store: two per core, enough to keep every core reading.</summary>
    private static readonly int ReadConnections = Math.Max(2, Environment.ProcessorCount * 2);

    public static string DatabasePath(string directory) => Path.Combine(directory, "connectlocal.db");

    /// <summary>A store that lives only as long as this object (--in-memory).</summary>
    public static SqliteStore OpenInMemory()
    {
        var connection = new SqliteConnection($"Data Source=connectlocal-{Guid.NewGuid():N};Mode=Memory;Cache=Private");
        connection.Open();
        Migrate(connection);
        return new SqliteStore(connection, SqliteDurability.Normal, readers: null, checkpointer: null);
    }

    public long Latest => _changeLog.Latest;

    public IReadOnlyList<StoreChange>? Since(long after) => _changeLog.Since(after);

    public T Read<T>(Func<IStoreSession, T> work)
    {
        if (_readers is null)
        {
            lock (_connectionGate)
            {
                return ReadOn(_statements, work, writer: null);
            }
        }

        var reader = _readers.Take();
        try
        {
            return ReadOn(reader, work, this);
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    public T Write<T>(Func<IStoreSession, T> work)
    {
        var item = new PendingWrite(session => work(session));
        bool lead;
        lock (_queueGate)
        {
            _queue.Add(item);
            lead = !_committing;
            _committing = true;
        }

        if (!lead)
        {
            // Woken either because a leader committed this write, or to lead the next group.
            item.WaitForSignal();
        }

        if (!item.Finished)
        {
            LeadGroup();
        }

        item.Error?.Throw();
        return (T)item.Result!;
    }

    public StoreSnapshot Export(RecordFilter filter, bool withSecrets) => Read(session => ((Session)session).Export(filter, withSecrets));

    public void Import(StoreSnapshot snapshot, IReadOnlyList<string>? replaceAccounts) =>
        Write(session => ((Session)session).Import(snapshot, replaceAccounts));

    public void Dispose()
    {
        _checkpointer?.Dispose();
        _readers?.Dispose();
        _statements.Dispose();
        _connection.Dispose();
    }

    /// <summary>
    /// One read transaction. On a pooled read-only connection (file stores) it runs beside the writer and the other
    /// readers — WAL gives each a consistent snapshot of the last commit — so reads never wait for a commit.
    /// </summary>
    private static T ReadOn<T>(StatementCache statements, Func<IStoreSession, T> work, SqliteStore? writer)
    {
        statements.Execute("BEGIN");
        try
        {
            var result = work(new Session(statements, writer, remember: true));
            statements.Execute("COMMIT");
            return result;
        }
        catch
        {
            statements.Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>The value of a PRAGMA on the store's connection (for tests of the settings).</summary>
    internal object? Pragma(string name)
    {
        lock (_connectionGate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return command.ExecuteScalar();
        }
    }

    /// <summary>Commits every queued write in one transaction, then hands the lead to the first write queued meanwhile.</summary>
    private void LeadGroup()
    {
        List<PendingWrite> group;
        lock (_queueGate)
        {
            group = [.. _queue];
            _queue.Clear();
        }

        try
        {
            lock (_connectionGate)
            {
                CommitGroup(group);
            }
        }
        catch (Exception e)
        {
            FailAll(group, e);
        }
        finally
        {
            foreach (var item in group)
            {
                item.Finished = true;
            }

            PendingWrite? next = null;
            lock (_queueGate)
            {
                if (_queue.Count > 0)
                {
                    next = _queue[0];
                }
                else
                {
                    _committing = false;
                }
            }

            foreach (var item in group)
            {
                item.Signal();
            }

            next?.Signal();
        }
    }

    private void CommitGroup(List<PendingWrite> group)
    {
        try
        {
            _statements.Execute("BEGIN IMMEDIATE");
        }
        catch (Exception e)
        {
            FailAll(group, e);
            return;
        }

        var session = new Session(_statements, writer: null, remember: false) { Changes = [] };
        try
        {
            foreach (var item in group)
            {
                var mark = session.Changes.Count;
                // A lone write needs no savepoint: the transaction is its own.
                var savepoint = group.Count > 1;
                if (savepoint)
                {
                    _statements.Execute("SAVEPOINT w");
                }

                try
                {
                    item.Result = item.Work(session);
                    if (savepoint)
                    {
                        _statements.Execute("RELEASE w");
                    }
                }
                catch (Exception e) when (savepoint && e is not SqliteException)
                {
                    _statements.Execute("ROLLBACK TO w; RELEASE w");
                    session.Changes.RemoveRange(mark, session.Changes.Count - mark);
                    item.Error = ExceptionDispatchInfo.Capture(e);
                }
            }

            _statements.Execute("COMMIT");
            _changeLog.Publish(session.Changes);
            Interlocked.Add(ref _writes, group.Count(i => i.Error is null));
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            // A lone write's own failure, a database error or a failed commit: nothing of the group is kept.
            try
            {
                _statements.Execute("ROLLBACK");
            }
            catch (SqliteException)
            {
                // no transaction left to roll back (SQLite already rolled it back)
            }

            FailAll(group, e);
        }
    }

    private static void FailAll(List<PendingWrite> group, Exception e)
    {
        var error = ExceptionDispatchInfo.Capture(e);
        foreach (var item in group)
        {
            item.Result = null;
            item.Error = group.Count == 1 || item.Error is null ? error : item.Error;
        }
    }

    /// <summary>Brings the schema up to <see cref="SchemaVersion"/>; refuses, changing nothing, a database written by a newer version.</summary>
    private static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            var stored = read.ExecuteScalar() is string text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            if (stored > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The database {connection.DataSource} was written by a newer ConnectLocal (schema {stored}; this version understands up to {SchemaVersion}). Upgrade ConnectLocal or use another --data-dir.");
            }

            for (var version = stored + 1; version <= SchemaVersion; version++)
            {
                Execute(connection, Migrations[version - 1]);
            }

            Execute(connection, $"INSERT INTO meta (key, value) VALUES ('schema_version', '{SchemaVersion}') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            Execute(connection, "COMMIT");
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A write waiting for its group commit; its caller waits on the monitor of <c>_signalGate</c>.</summary>
    private sealed class PendingWrite(Func<IStoreSession, object?> work)
    {
        private readonly object _signalGate = new();
        private bool _signalled;

        public Func<IStoreSession, object?> Work { get; } = work;

        public object? Result { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }

        /// <summary>Set (by the leader, before it signals) once the write is committed or has failed.</summary>
        public bool Finished { get; set; }

        public void WaitForSignal()
        {
            lock (_signalGate)
            {
                while (!_signalled)
                {
                    Monitor.Wait(_signalGate);
                }

                _signalled = false;
            }
        }

        public void Signal()
        {
            lock (_signalGate)
            {
                _signalled = true;
                Monitor.PulseAll(_signalGate);
            }
        }
    }

    /// <summary>
    /// A transaction's view of the store. <paramref name="writer"/> is set on pooled read-only connections: the one
    /// write a read may need (a secret made on first use) goes through the store's writer. <paramref name="remember"/>:
    /// a read transaction, whose point reads may keep what they deserialize (<see cref="ResourceSerializer"/>).
    /// </summary>
    private sealed class Session(StatementCache statements, SqliteStore? writer, bool remember) : IStoreSession
    {
        private const string Key = "account=$a AND region=$r AND kind=$k AND parent=$p";

        /// <summary>A write transaction's changes, published once it commits (<see cref="StoreChangeLog"/>).</summary>
        public List<StoreChange>? Changes { get; init; }

        public T? Get<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} AND id=$id");
            Set(command, "$id", id);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json, remember) : null;
        }

        public T? GetByName<T>(ResourceScope scope, string name)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} AND name=$name ORDER BY id LIMIT 1");
            Set(command, "$name", name);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json, remember) : null;
        }

        public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} AND id > $after ORDER BY id LIMIT $limit");
            Set(command, "$after", afterId ?? string.Empty);
            Set(command, "$limit", limit);
            return ReadAll<T>(command);
        }

        public IReadOnlyList<T> All<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} ORDER BY id");
            return ReadAll<T>(command);
        }

        public int Count<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, "SELECT n FROM resource_counts WHERE account=$a AND region=$r AND kind=$k AND parent=$p");
            return command.ExecuteScalar() is long n ? checked((int)n) : 0;
        }

        public void Put<T>(ResourceScope scope, T resource)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope,
                "INSERT INTO resources (account, region, kind, parent, id, name, data, version) VALUES ($a, $r, $k, $p, $id, $name, $data, 1) " +
                "ON CONFLICT (account, region, kind, parent, id) DO UPDATE SET name = excluded.name, data = excluded.data, version = resources.version + 1");
            AddResource(command, resource);
            command.ExecuteNonQuery();
            Changes?.Add(Change<T>(scope, resource.Id));
        }

        public long Version<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, $"SELECT version FROM resources WHERE {Key} AND id=$id");
            Set(command, "$id", id);
            return command.ExecuteScalar() is long version ? version : 0;
        }

        public bool PutIfVersion<T>(ResourceScope scope, T resource, long expectedVersion)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, expectedVersion == 0
                ? "INSERT INTO resources (account, region, kind, parent, id, name, data, version) VALUES ($a, $r, $k, $p, $id, $name, $data, 1) ON CONFLICT DO NOTHING"
                : $"UPDATE resources SET name = $name, data = $data, version = version + 1 WHERE {Key} AND id = $id AND version = $expected");
            AddResource(command, resource);
            Set(command, "$expected", expectedVersion);
            if (command.ExecuteNonQuery() != 1)
            {
                return false;
            }

            Changes?.Add(Change<T>(scope, resource.Id));
            return true;
        }

        public void Delete<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            var command = Command<T>(scope, $"DELETE FROM resources WHERE {Key} AND id=$id");
            Set(command, "$id", id);
            command.ExecuteNonQuery();
            Changes?.Add(Change<T>(scope, id));
        }

        public void DeleteChildren(string accountId, string region, string parent)
        {
            var command = statements.Get("DELETE FROM resources WHERE account=$a AND region=$r AND parent=$p");
            Set(command, "$a", accountId);
            Set(command, "$r", region);
            Set(command, "$p", parent);
            command.ExecuteNonQuery();
            Changes?.Add(new StoreChange(0, accountId, region, string.Empty, parent, null));
        }

        private static StoreChange Change<T>(ResourceScope scope, string id)
            where T : class, IResource<T> => new(0, scope.AccountId, scope.Region, T.Kind, scope.Parent, id);

        public byte[] Secret(string name)
        {
            var read = statements.Get("SELECT value FROM secrets WHERE name=$n");
            Set(read, "$n", name);
            if (read.ExecuteScalar() is byte[] existing)
            {
                return existing;
            }

            if (writer is not null)
            {
                // A read-only connection cannot make it; the writer makes it (or finds the one another request made).
                return writer.Write(session => session.Secret(name));
            }

            var secret = RandomNumberGenerator.GetBytes(32);
            var write = statements.Get("INSERT INTO secrets (name, value) VALUES ($n, $v)");
            Set(write, "$n", name);
            Set(write, "$v", secret);
            write.ExecuteNonQuery();
            return secret;
        }

        public StoreSnapshot Export(RecordFilter filter, bool withSecrets)
        {
            using var command = statements.Connection.CreateCommand();
            command.CommandText =
                "SELECT account, region, kind, parent, id, name, version, data FROM resources " +
                "WHERE ($a IS NULL OR account=$a) AND ($r IS NULL OR region=$r) AND ($k IS NULL OR kind=$k) AND ($p IS NULL OR parent=$p) AND ($id IS NULL OR id=$id) " +
                "ORDER BY account, region, kind, parent, id";
            Set(command, "$a", filter.AccountId);
            Set(command, "$r", filter.Region);
            Set(command, "$k", filter.Kind);
            Set(command, "$p", filter.Parent);
            Set(command, "$id", filter.Id);
            var records = new List<StoredRecord>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    records.Add(new StoredRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetString(7)));
                }
            }

            var secrets = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            if (withSecrets)
            {
                using var read = statements.Connection.CreateCommand();
                read.CommandText = "SELECT name, value FROM secrets";
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    secrets[reader.GetString(0)] = (byte[])reader.GetValue(1);
                }
            }

            return new StoreSnapshot(records, secrets);
        }

        public int Import(StoreSnapshot snapshot, IReadOnlyList<string>? replaceAccounts)
        {
            // Anything may have changed: readers of the feed read everything again.
            Changes?.Add(new StoreChange(0, string.Empty, string.Empty, "*", string.Empty, null));
            if (replaceAccounts is null)
            {
                statements.Execute("DELETE FROM resources");
            }
            else
            {
                foreach (var account in replaceAccounts)
                {
                    using var delete = statements.Connection.CreateCommand();
                    delete.CommandText = "DELETE FROM resources WHERE account=$a";
                    delete.Parameters.AddWithValue("$a", account);
                    delete.ExecuteNonQuery();
                }
            }

            foreach (var record in snapshot.Records)
            {
                using var insert = statements.Connection.CreateCommand();
                insert.CommandText = "INSERT INTO resources (account, region, kind, parent, id, name, data, version) VALUES ($a, $r, $k, $p, $id, $name, $data, $version)";
                insert.Parameters.AddWithValue("$a", record.AccountId);
                insert.Parameters.AddWithValue("$r", record.Region);
                insert.Parameters.AddWithValue("$k", record.Kind);
                insert.Parameters.AddWithValue("$p", record.Parent);
                insert.Parameters.AddWithValue("$id", record.Id);
                insert.Parameters.AddWithValue("$name", (object?)record.Name ?? DBNull.Value);
                insert.Parameters.AddWithValue("$data", record.Data);
                insert.Parameters.AddWithValue("$version", record.Version);
                insert.ExecuteNonQuery();
            }

            foreach (var (name, value) in snapshot.Secrets)
            {
                using var secret = statements.Connection.CreateCommand();
                secret.CommandText = "INSERT INTO secrets (name, value) VALUES ($n, $v) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
                secret.Parameters.AddWithValue("$n", name);
                secret.Parameters.AddWithValue("$v", value);
                secret.ExecuteNonQuery();
            }

            return snapshot.Records.Count;
        }

        private static void AddResource<T>(SqliteCommand command, T resource)
            where T : class, IResource<T>
        {
            Set(command, "$id", resource.Id);
            Set(command, "$name", resource.Name);
            Set(command, "$data", ResourceSerializer.Serialize(resource));
        }

        private SqliteCommand Command<T>(ResourceScope scope, string sql)
            where T : class, IResource<T>
        {
            var command = statements.Get(sql);
            Set(command, "$a", scope.AccountId);
            Set(command, "$r", scope.Region);
            Set(command, "$k", T.Kind);
            Set(command, "$p", scope.Parent);
            return command;
        }

        private static List<T> ReadAll<T>(SqliteCommand command)
        {
            var result = new List<T>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(ResourceSerializer.Deserialize<T>(reader.GetString(0), remember: false));
            }

            return result;
        }

        private static void Set(SqliteCommand command, string name, object? value)
        {
            var index = command.Parameters.IndexOf(name);
            if (index < 0)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            else
            {
                command.Parameters[index].Value = value ?? DBNull.Value;
            }
        }
    }

    /// <summary>
    /// The commands of one connection, prepared once and reused (SQLite compiles a statement on first execution and
    /// keeps it while the command lives; compiling was a fixed cost of every call). Used by one thread at a time.
    /// </summary>
    private sealed class StatementCache(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteConnection Connection => connection;

        public SqliteCommand Get(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }

            return command;
        }

        public void Execute(string sql) => Get(sql).ExecuteNonQuery();

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }
    }

    /// <summary>
    /// Moves committed pages from the WAL into the database file on a thread of its own, every
    /// <see cref="Interval"/>, in PASSIVE mode: it never waits for (nor blocks) the writer or the readers, and the
    /// writer starts the WAL over once a checkpoint has caught up. The WAL, not the database file, is what makes a
    /// commit durable, so durability is unchanged.
    /// </summary>
    private sealed class Checkpointer : IDisposable
    {
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

        private readonly SqliteConnection _connection;
        private readonly ManualResetEventSlim _stop = new();
        private readonly Thread _thread;

        public Checkpointer(string path)
        {
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            _connection.Open();
            Execute(_connection, "PRAGMA busy_timeout=10000");
            _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop.Set();
            _thread.Join();
            _connection.Dispose();
            _stop.Dispose();
        }

        private void Run()
        {
            using var checkpoint = _connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (!_stop.Wait(Interval))
            {
                try
                {
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // busy or a transient I/O failure: the WAL keeps every commit, the next round tries again
                }
            }
        }
    }

    /// <summary>
    /// Read-only connections to a file store's database, opened on demand up to a bound and kept for reuse; a read
    /// waits when all are busy.
    /// </summary>
    private sealed class ReadPool(string path, int size) : IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<StatementCache> _idle = [];
        private readonly SemaphoreSlim _slots = new(size, size);
        private readonly List<StatementCache> _all = [];

        public StatementCache Take()
        {
            _slots.Wait();
            if (_idle.TryTake(out var reader))
            {
                return reader;
            }

            try
            {
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = path,
                    Mode = SqliteOpenMode.ReadOnly,
                    Pooling = false,
                }.ToString());
                connection.Open();
                var statements = new StatementCache(connection);
                statements.Execute("PRAGMA busy_timeout=10000");
                lock (_all)
                {
                    _all.Add(statements);
                }

                return statements;
            }
            catch
            {
                _slots.Release();
                throw;
            }
        }

        public void Return(StatementCache reader)
        {
            _idle.Add(reader);
            _slots.Release();
        }

        public void Dispose()
        {
            lock (_all)
            {
                foreach (var statements in _all)
                {
                    statements.Dispose();
                    statements.Connection.Dispose();
                }

                _all.Clear();
            }
        }
    }
}
