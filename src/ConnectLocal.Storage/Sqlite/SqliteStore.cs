using System.Security.Cryptography;
using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The embedded backend. One connection, one transaction at a time: SQLite has a single writer anyway, and
/// serialising reads with writes keeps every request's view consistent. The database is in WAL mode with
/// synchronous=NORMAL (a power loss can lose the last transactions, a process crash cannot).
/// LIMITATIONS: one process per database file; several nodes need the PostgreSQL backend.
/// </summary>
public sealed class SqliteStore : IConnectStore, IDisposable
{
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private SqliteStore(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>A store in <paramref name="directory"/>/connectlocal.db, created or migrated as needed.</summary>
    public static SqliteStore OpenFile(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "connectlocal.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        return Initialise(connection);
    }

    /// <summary>A store that lives only as long as this object (--in-memory).</summary>
    public static SqliteStore OpenInMemory()
    {
        var connection = new SqliteConnection($"Data Source=connectlocal-{Guid.NewGuid():N};Mode=Memory;Cache=Private");
        connection.Open();
        return Initialise(connection);
    }

    public T Read<T>(Func<IStoreSession, T> work) => Run(work, "BEGIN");

    public T Write<T>(Func<IStoreSession, T> work) => Run(work, "BEGIN IMMEDIATE");

    public void Dispose() => _connection.Dispose();

    private T Run<T>(Func<IStoreSession, T> work, string begin)
    {
        lock (_gate)
        {
            Execute(_connection, begin);
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

    private static SqliteStore Initialise(SqliteConnection connection)
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
        var stored = read.ExecuteScalar() as string;
        if (stored is null)
        {
            Execute(connection, $"INSERT INTO meta (key, value) VALUES ('schema_version', '{SchemaVersion}')");
        }
        else if (int.Parse(stored, System.Globalization.CultureInfo.InvariantCulture) > SchemaVersion)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"The database was written by a newer ConnectLocal (schema {stored}; this version understands up to {SchemaVersion}). Upgrade ConnectLocal or use another --data-dir.");
        }

        return new SqliteStore(connection);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Session(SqliteConnection connection) : IStoreSession
    {
        public T? Get<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "SELECT data FROM resources WHERE account=$a AND region=$r AND kind=$k AND parent=$p AND id=$id");
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
        }

        public T? GetByName<T>(ResourceScope scope, string name)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "SELECT data FROM resources WHERE account=$a AND region=$r AND kind=$k AND parent=$p AND name=$name LIMIT 1");
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
        }

        public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "SELECT data FROM resources WHERE account=$a AND region=$r AND kind=$k AND parent=$p AND id > $after ORDER BY id LIMIT $limit");
            command.Parameters.AddWithValue("$after", afterId ?? string.Empty);
            command.Parameters.AddWithValue("$limit", limit);
            return ReadAll<T>(command);
        }

        public IReadOnlyList<T> All<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "SELECT data FROM resources WHERE account=$a AND region=$r AND kind=$k AND parent=$p ORDER BY id");
            return ReadAll<T>(command);
        }

        public int Count<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "SELECT COUNT(*) FROM resources WHERE account=$a AND region=$r AND kind=$k AND parent=$p");
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Put<T>(ResourceScope scope, T resource)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "INSERT INTO resources (account, region, kind, parent, id, name, data) VALUES ($a, $r, $k, $p, $id, $name, $data) ON CONFLICT (account, region, kind, parent, id) DO UPDATE SET name=excluded.name, data=excluded.data");
            command.Parameters.AddWithValue("$id", resource.Id);
            command.Parameters.AddWithValue("$name", (object?)resource.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("$data", ResourceSerializer.Serialize(resource));
            command.ExecuteNonQuery();
        }

        public void Delete<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, "DELETE FROM resources WHERE account=$a AND region=$r AND kind=$k AND parent=$p AND id=$id");
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
