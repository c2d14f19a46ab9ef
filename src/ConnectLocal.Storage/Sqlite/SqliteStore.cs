using System.Collections.Concurrent;
using System.Security.Cryptography;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The embedded backend. One writer connection, one write transaction at a time (SQLite has a single writer
/// anyway); reads run on a small pool of read-only connections, each in its own transaction, so they neither wait
/// for writes nor for each other — in WAL mode every read transaction sees the database as of its start, and a
/// write is visible to every request that starts after it committed. The database is in WAL mode with
/// synchronous=NORMAL (a power loss can lose the last transactions, a process crash cannot).
/// Every statement is prepared once per connection and reused (re-preparing cost more than running it).
/// In-memory stores (--in-memory) have one connection for everything: a private in-memory database is per connection.
/// LIMITATIONS: one process per database file; several nodes need the PostgreSQL backend.
/// </summary>
public sealed partial class SqliteStore : IConnectStore, IDisposable
{
    /// <summary>1: resources, secrets, meta. 2: resource_counts and its triggers (opening a schema-1 database migrates it).</summary>
    public const int SchemaVersion = 2;

    private readonly StoreConnection _writer;
    private readonly Lock _writeGate = new();
    private readonly string? _readerConnectionString;
    private readonly ConcurrentBag<StoreConnection> _readers = [];
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);

    private SqliteStore(SqliteConnection writer, string? readerConnectionString)
    {
        _writer = new StoreConnection(this, writer);
        _readerConnectionString = readerConnectionString;
    }

    /// <summary>A store in <paramref name="directory"/>/connectlocal.db, created or migrated as needed.</summary>
    public static SqliteStore OpenFile(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "connectlocal.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        var readers = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString();
        return Initialise(connection, readers);
    }

    /// <summary>A store that lives only as long as this object (--in-memory).</summary>
    public static SqliteStore OpenInMemory()
    {
        var connection = new SqliteConnection($"Data Source=connectlocal-{Guid.NewGuid():N};Mode=Memory;Cache=Private");
        connection.Open();
        return Initialise(connection, readerConnectionString: null);
    }

    public T Read<T>(Func<IStoreSession, T> work)
    {
        if (_readerConnectionString is null)
        {
            return RunOnWriter(work, "BEGIN");
        }

        if (!_readers.TryTake(out var reader))
        {
            var connection = new SqliteConnection(_readerConnectionString);
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout=5000;");
            reader = new StoreConnection(this, connection);
        }

        try
        {
            return reader.Run(work, "BEGIN");
        }
        finally
        {
            _readers.Add(reader);
        }
    }

    public T Write<T>(Func<IStoreSession, T> work) => RunOnWriter(work, "BEGIN IMMEDIATE");

    public void Dispose()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _writer.Dispose();
    }

    private T RunOnWriter<T>(Func<IStoreSession, T> work, string begin)
    {
        lock (_writeGate)
        {
            return _writer.Run(work, begin);
        }
    }

    /// <summary>
    /// Secrets never change once created, so they are read once per store. A secret first needed inside a read
    /// transaction (a page token on a reader connection) is created on the writer in a transaction of its own.
    /// </summary>
    private byte[] Secret(string name, StoreConnection asking)
    {
        if (_secrets.TryGetValue(name, out var known))
        {
            return known;
        }

        byte[] secret;
        if (ReferenceEquals(asking, _writer))
        {
            secret = _writer.ReadOrCreateSecret(name);
        }
        else
        {
            lock (_writeGate)
            {
                secret = _writer.Run(_ => _writer.ReadOrCreateSecret(name), "BEGIN IMMEDIATE");
            }
        }

        return _secrets.GetOrAdd(name, secret);
    }

    private static SqliteStore Initialise(SqliteConnection connection, string? readerConnectionString)
    {
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS resources (
                account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
                id TEXT NOT NULL, name TEXT, data TEXT NOT NULL,
                PRIMARY KEY (account, region, kind, parent, id)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS resources_by_name ON resources (account, region, kind, parent, name);
            CREATE INDEX IF NOT EXISTS resources_by_parent ON resources (account, region, parent);
            """);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var stored = read.ExecuteScalar() is string text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if (stored > SchemaVersion)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"The database was written by a newer ConnectLocal (schema {stored}; this version understands up to {SchemaVersion}). Upgrade ConnectLocal or use another --data-dir.");
        }

        if (stored != SchemaVersion)
        {
            // Schema 2 counts resources per kind and scope in resource_counts, kept by triggers in the same
            // transaction as the change, so quota checks (Count) read one row instead of scanning every resource
            // of the scope: CreateRoutingProfile into an instance holding 100,000 profiles went from O(n) to O(1).
            // A schema-1 database is counted once here.
            Execute(connection, $"""
                BEGIN IMMEDIATE;
                CREATE TABLE IF NOT EXISTS resource_counts (
                    account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL, n INTEGER NOT NULL,
                    PRIMARY KEY (account, region, kind, parent)) WITHOUT ROWID;
                DELETE FROM resource_counts;
                INSERT INTO resource_counts (account, region, kind, parent, n)
                    SELECT account, region, kind, parent, COUNT(*) FROM resources GROUP BY account, region, kind, parent;
                CREATE TRIGGER IF NOT EXISTS resources_counted_insert AFTER INSERT ON resources BEGIN
                    INSERT OR IGNORE INTO resource_counts (account, region, kind, parent, n) VALUES (new.account, new.region, new.kind, new.parent, 0);
                    UPDATE resource_counts SET n = n + 1
                        WHERE account = new.account AND region = new.region AND kind = new.kind AND parent = new.parent;
                END;
                CREATE TRIGGER IF NOT EXISTS resources_counted_delete AFTER DELETE ON resources BEGIN
                    UPDATE resource_counts SET n = n - 1
                        WHERE account = old.account AND region = old.region AND kind = old.kind AND parent = old.parent;
                END;
                INSERT INTO meta (key, value) VALUES ('schema_version', '{SchemaVersion}')
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
                COMMIT;
                """);
        }

        return new SqliteStore(connection, readerConnectionString);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One SQLite connection and its prepared statements, used by one transaction at a time (the caller sees to
    /// that: the writer under the store's lock, a reader taken out of the pool).
    /// </summary>
    private sealed partial class StoreConnection(SqliteStore store, SqliteConnection connection) : IDisposable
    {
        private const string Scope = "account=$a AND region=$r AND kind=$k AND parent=$p";

        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public T Run<T>(Func<IStoreSession, T> work, string begin)
        {
            Command(begin).ExecuteNonQuery();
            try
            {
                var result = work(new Session(store, this));
                Command("COMMIT").ExecuteNonQuery();
                return result;
            }
            catch
            {
                Command("ROLLBACK").ExecuteNonQuery();
                throw;
            }
        }

        public byte[] ReadOrCreateSecret(string name)
        {
            var read = Command("SELECT value FROM secrets WHERE name=$n");
            read.Parameters["$n"].Value = name;
            if (read.ExecuteScalar() is byte[] existing)
            {
                return existing;
            }

            var secret = RandomNumberGenerator.GetBytes(32);
            var write = Command("INSERT INTO secrets (name, value) VALUES ($n, $v)");
            write.Parameters["$n"].Value = name;
            write.Parameters["$v"].Value = secret;
            write.ExecuteNonQuery();
            return secret;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }

        /// <summary>
        /// The prepared command for <paramref name="sql"/>, created on first use with one parameter per <c>$name</c>
        /// in the text; callers set the values by name.
        /// </summary>
        private SqliteCommand Command(string sql)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                return command;
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in ParameterNames().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands[sql] = command;
            return command;
        }

        /// <summary>A command over one resource kind in one scope (parameters $a $r $k $p set here).</summary>
        private SqliteCommand Scoped<T>(ResourceScope scope, string sql)
            where T : class, IResource<T>
        {
            var command = Command(sql);
            command.Parameters["$a"].Value = scope.AccountId;
            command.Parameters["$r"].Value = scope.Region;
            command.Parameters["$k"].Value = T.Kind;
            command.Parameters["$p"].Value = scope.Parent;
            return command;
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"\$[a-z]+")]
        private static partial System.Text.RegularExpressions.Regex ParameterNames();

        private sealed class Session(SqliteStore store, StoreConnection connection) : IStoreSession
        {
            private StoreConnection Connection { get; } = connection;

            public T? Get<T>(ResourceScope scope, string id)
                where T : class, IResource<T>
            {
                var command = Connection.Scoped<T>(scope, $"SELECT data FROM resources WHERE {StoreConnection.Scope} AND id=$id");
                command.Parameters["$id"].Value = id;
                return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
            }

            public T? GetByName<T>(ResourceScope scope, string name)
                where T : class, IResource<T>
            {
                var command = Connection.Scoped<T>(scope, $"SELECT data FROM resources WHERE {StoreConnection.Scope} AND name=$name LIMIT 1");
                command.Parameters["$name"].Value = name;
                return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
            }

            public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
                where T : class, IResource<T>
            {
                var command = Connection.Scoped<T>(scope, $"SELECT data FROM resources WHERE {StoreConnection.Scope} AND id > $after ORDER BY id LIMIT $limit");
                command.Parameters["$after"].Value = afterId ?? string.Empty;
                command.Parameters["$limit"].Value = limit;
                return ReadAll<T>(command);
            }

            public IReadOnlyList<T> All<T>(ResourceScope scope)
                where T : class, IResource<T>
            {
                return ReadAll<T>(Connection.Scoped<T>(scope, $"SELECT data FROM resources WHERE {StoreConnection.Scope} ORDER BY id"));
            }

            public int Count<T>(ResourceScope scope)
                where T : class, IResource<T>
            {
                // Kept by the triggers of schema 2; no row means none were ever stored.
                var command = Connection.Scoped<T>(scope, $"SELECT n FROM resource_counts WHERE {StoreConnection.Scope}");
                return command.ExecuteScalar() is long n ? (int)n : 0;
            }

            public void Put<T>(ResourceScope scope, T resource)
                where T : class, IResource<T>
            {
                var command = Connection.Scoped<T>(scope,
                    "INSERT INTO resources (account, region, kind, parent, id, name, data) VALUES ($a, $r, $k, $p, $id, $name, $data) "
                    + "ON CONFLICT (account, region, kind, parent, id) DO UPDATE SET name=excluded.name, data=excluded.data");
                command.Parameters["$id"].Value = resource.Id;
                command.Parameters["$name"].Value = (object?)resource.Name ?? DBNull.Value;
                command.Parameters["$data"].Value = ResourceSerializer.Serialize(resource);
                command.ExecuteNonQuery();
            }

            public void Delete<T>(ResourceScope scope, string id)
                where T : class, IResource<T>
            {
                var command = Connection.Scoped<T>(scope, $"DELETE FROM resources WHERE {StoreConnection.Scope} AND id=$id");
                command.Parameters["$id"].Value = id;
                command.ExecuteNonQuery();
            }

            public void DeleteChildren(string accountId, string region, string parent)
            {
                var command = Connection.Command("DELETE FROM resources WHERE account=$a AND region=$r AND parent=$p");
                command.Parameters["$a"].Value = accountId;
                command.Parameters["$r"].Value = region;
                command.Parameters["$p"].Value = parent;
                command.ExecuteNonQuery();
            }

            public byte[] Secret(string name) => store.Secret(name, Connection);

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
}
