using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The embedded backend. One connection, one transaction at a time: SQLite has a single writer anyway, and
/// serialising reads with writes keeps every request's view consistent. The database is in WAL mode; how hard a
/// commit is pushed to disk is the <see cref="SqliteDurability"/> (default synchronous=NORMAL).
/// Writes that arrive while a commit is running are committed together in the next transaction (group commit),
/// each inside its own savepoint: a write that throws is rolled back alone, the others commit, and none is
/// acknowledged before the commit that holds it has returned. Under <see cref="SqliteDurability.Full"/> this turns
/// one fsync per write into one fsync per group, so throughput grows with the number of concurrent clients.
/// LIMITATIONS: one serving process per database file (a second process, e.g. <c>connectlocal export</c>, may
/// share it briefly: it waits for the lock); several nodes need the PostgreSQL backend.
/// </summary>
public sealed class SqliteStore : IConnectStore, IStoreArchive, IDisposable
{
    /// <summary>1: resources, secrets, meta. 2: a version per resource.</summary>
    public const int SchemaVersion = 2;

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
    ];

    private readonly SqliteConnection _connection;
    private readonly Lock _connectionGate = new();
    private readonly Lock _queueGate = new();
    private readonly List<PendingWrite> _queue = [];
    private bool _committing;
    private long _writes;
    private long _commits;

    private SqliteStore(SqliteConnection connection, SqliteDurability durability)
    {
        _connection = connection;
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
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=10000;");
            Migrate(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteStore(connection, durability);
    }

    public static string DatabasePath(string directory) => Path.Combine(directory, "connectlocal.db");

    /// <summary>A store that lives only as long as this object (--in-memory).</summary>
    public static SqliteStore OpenInMemory()
    {
        var connection = new SqliteConnection($"Data Source=connectlocal-{Guid.NewGuid():N};Mode=Memory;Cache=Private");
        connection.Open();
        Migrate(connection);
        return new SqliteStore(connection, SqliteDurability.Normal);
    }

    public T Read<T>(Func<IStoreSession, T> work)
    {
        lock (_connectionGate)
        {
            Execute(_connection, "BEGIN");
            try
            {
                var result = work(new Session(_connection));
                Execute(_connection, "COMMIT");
                return result;
            }
            catch
            {
                Execute(_connection, "ROLLBACK");
                throw;
            }
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

    public void Dispose() => _connection.Dispose();

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
            Execute(_connection, "BEGIN IMMEDIATE");
        }
        catch (Exception e)
        {
            FailAll(group, e);
            return;
        }

        var session = new Session(_connection);
        try
        {
            foreach (var item in group)
            {
                // A lone write needs no savepoint: the transaction is its own.
                var savepoint = group.Count > 1;
                if (savepoint)
                {
                    Execute(_connection, "SAVEPOINT w");
                }

                try
                {
                    item.Result = item.Work(session);
                    if (savepoint)
                    {
                        Execute(_connection, "RELEASE w");
                    }
                }
                catch (Exception e) when (savepoint && e is not SqliteException)
                {
                    Execute(_connection, "ROLLBACK TO w; RELEASE w");
                    item.Error = ExceptionDispatchInfo.Capture(e);
                }
            }

            Execute(_connection, "COMMIT");
            Interlocked.Add(ref _writes, group.Count(i => i.Error is null));
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            // A lone write's own failure, a database error or a failed commit: nothing of the group is kept.
            try
            {
                Execute(_connection, "ROLLBACK");
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

    private sealed class Session(SqliteConnection connection) : IStoreSession
    {
        private const string Key = "account=$a AND region=$r AND kind=$k AND parent=$p";

        public T? Get<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} AND id=$id");
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
        }

        public T? GetByName<T>(ResourceScope scope, string name)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} AND name=$name ORDER BY id LIMIT 1");
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
        }

        public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} AND id > $after ORDER BY id LIMIT $limit");
            command.Parameters.AddWithValue("$after", afterId ?? string.Empty);
            command.Parameters.AddWithValue("$limit", limit);
            return ReadAll<T>(command);
        }

        public IReadOnlyList<T> All<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} ORDER BY id");
            return ReadAll<T>(command);
        }

        public int Count<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT COUNT(*) FROM resources WHERE {Key}");
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public void Put<T>(ResourceScope scope, T resource)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope,
                "INSERT INTO resources (account, region, kind, parent, id, name, data, version) VALUES ($a, $r, $k, $p, $id, $name, $data, 1) " +
                "ON CONFLICT (account, region, kind, parent, id) DO UPDATE SET name = excluded.name, data = excluded.data, version = resources.version + 1");
            AddResource(command, resource);
            command.ExecuteNonQuery();
        }

        public long Version<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT version FROM resources WHERE {Key} AND id=$id");
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() is long version ? version : 0;
        }

        public bool PutIfVersion<T>(ResourceScope scope, T resource, long expectedVersion)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, expectedVersion == 0
                ? "INSERT INTO resources (account, region, kind, parent, id, name, data, version) VALUES ($a, $r, $k, $p, $id, $name, $data, 1) ON CONFLICT DO NOTHING"
                : $"UPDATE resources SET name = $name, data = $data, version = version + 1 WHERE {Key} AND id = $id AND version = $expected");
            AddResource(command, resource);
            command.Parameters.AddWithValue("$expected", expectedVersion);
            return command.ExecuteNonQuery() == 1;
        }

        public void Delete<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"DELETE FROM resources WHERE {Key} AND id=$id");
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }

        public void DeleteChildren(string accountId, string region, string parent)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM resources WHERE account=$a AND region=$r AND parent=$p";
            command.Parameters.AddWithValue("$a", accountId);
            command.Parameters.AddWithValue("$r", region);
            command.Parameters.AddWithValue("$p", parent);
            command.ExecuteNonQuery();
        }

        public byte[] Secret(string name)
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT value FROM secrets WHERE name=$n";
            read.Parameters.AddWithValue("$n", name);
            if (read.ExecuteScalar() is byte[] existing)
            {
                return existing;
            }

            var secret = RandomNumberGenerator.GetBytes(32);
            using var write = connection.CreateCommand();
            write.CommandText = "INSERT INTO secrets (name, value) VALUES ($n, $v)";
            write.Parameters.AddWithValue("$n", name);
            write.Parameters.AddWithValue("$v", secret);
            write.ExecuteNonQuery();
            return secret;
        }

        public StoreSnapshot Export(RecordFilter filter, bool withSecrets)
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT account, region, kind, parent, id, name, version, data FROM resources " +
                "WHERE ($a IS NULL OR account=$a) AND ($r IS NULL OR region=$r) AND ($k IS NULL OR kind=$k) AND ($p IS NULL OR parent=$p) AND ($id IS NULL OR id=$id) " +
                "ORDER BY account, region, kind, parent, id";
            command.Parameters.AddWithValue("$a", (object?)filter.AccountId ?? DBNull.Value);
            command.Parameters.AddWithValue("$r", (object?)filter.Region ?? DBNull.Value);
            command.Parameters.AddWithValue("$k", (object?)filter.Kind ?? DBNull.Value);
            command.Parameters.AddWithValue("$p", (object?)filter.Parent ?? DBNull.Value);
            command.Parameters.AddWithValue("$id", (object?)filter.Id ?? DBNull.Value);
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
                using var read = connection.CreateCommand();
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
            if (replaceAccounts is null)
            {
                Execute(connection, "DELETE FROM resources");
            }
            else
            {
                foreach (var account in replaceAccounts)
                {
                    using var delete = connection.CreateCommand();
                    delete.CommandText = "DELETE FROM resources WHERE account=$a";
                    delete.Parameters.AddWithValue("$a", account);
                    delete.ExecuteNonQuery();
                }
            }

            foreach (var record in snapshot.Records)
            {
                using var insert = connection.CreateCommand();
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
                using var secret = connection.CreateCommand();
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
            command.Parameters.AddWithValue("$id", resource.Id);
            command.Parameters.AddWithValue("$name", (object?)resource.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("$data", ResourceSerializer.Serialize(resource));
        }

        private SqliteCommand Command<T>(ResourceScope scope, string sql)
            where T : class, IResource<T>
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$a", scope.AccountId);
            command.Parameters.AddWithValue("$r", scope.Region);
            command.Parameters.AddWithValue("$k", T.Kind);
            command.Parameters.AddWithValue("$p", scope.Parent);
            return command;
        }

        private static List<T> ReadAll<T>(SqliteCommand command)
        {
            var result = new List<T>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(ResourceSerializer.Deserialize<T>(reader.GetString(0)));
            }

            return result;
        }
    }
}
