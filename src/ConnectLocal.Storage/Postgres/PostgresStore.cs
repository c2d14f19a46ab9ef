using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using Npgsql;

namespace ConnectLocal.Storage.Postgres;

/// <summary>
/// The backend for several ConnectLocal nodes sharing one database. Writes from all nodes are applied one at a
/// time: each write transaction first takes the table lock on <c>connectlocal_writer</c> (before its snapshot, so
/// it sees every write committed before it got the lock), then runs SERIALIZABLE. Reads run REPEATABLE READ and
/// never wait. So the nodes behave like one server with one writer, as the SQLite backend does: no lost update, no
/// torn resource, no duplicate name or ClientToken. [choice] one lock rather than optimistic retries alone: with
/// SERIALIZABLE only, PostgreSQL's page-level predicate locks made writes to different resources conflict, and 16
/// concurrent writers exhausted 20 retries (docs/storage.md). Serialization failures and deadlocks are still
/// retried from the start; the work given to <see cref="Write{T}"/> only touches the session, so running it again
/// is safe.
/// The change feed (<see cref="IStoreChangeFeed"/>) is a table every write transaction appends to: its sequence
/// numbers are taken while the writer lock is held, so they are in commit order across all nodes, and a node's
/// routing engine sees the other nodes' writes as well as its own. Rolled-back writes leave gaps, which readers
/// skip; the oldest changes are pruned past <see cref="StoreChangeLog.Capacity"/> and a floor says how far back the
/// table still reaches.
/// </summary>
public sealed class PostgresStore : IConnectStore, IStoreArchive, IStoreChangeFeed, IDisposable
{
    /// <summary>1: resources, secrets, meta. 2: a version per resource, the writer lock table. 3: the change feed.</summary>
    public const int SchemaVersion = 3;
    private const int MaxAttempts = 20;

    /// <summary>Every this many changes a write prunes the feed down to <see cref="StoreChangeLog.Capacity"/>.</summary>
    private const int PruneEvery = 4_096;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    public static PostgresStore Open(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            Migrate(dataSource);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }

        return new PostgresStore(dataSource);
    }

    public T Read<T>(Func<IStoreSession, T> work) => Run(work, "BEGIN ISOLATION LEVEL REPEATABLE READ");

    // LOCK TABLE takes no snapshot; the transaction's snapshot is taken by its first query, after the lock is held
    // (https://www.postgresql.org/docs/current/sql-lock.html). EXCLUSIVE conflicts with itself, not with SELECT.
    public T Write<T>(Func<IStoreSession, T> work) =>
        Run(work, "BEGIN ISOLATION LEVEL SERIALIZABLE; LOCK TABLE connectlocal_writer IN EXCLUSIVE MODE");

    public void Dispose() => _dataSource.Dispose();

    private T Run<T>(Func<IStoreSession, T> work, string begin)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var connection = _dataSource.OpenConnection();
            Execute(connection, begin);
            try
            {
                var result = work(new Session(connection));
                Execute(connection, "COMMIT");
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                                              && attempt < MaxAttempts)
            {
                TryRollback(connection);
                Thread.Sleep(Random.Shared.Next(1, 5 * attempt));
            }
            catch
            {
                TryRollback(connection);
                throw;
            }
        }
    }

    private static void TryRollback(NpgsqlConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (NpgsqlException)
        {
            // the connection is broken; disposing it discards the transaction
        }
    }

    private static readonly SchemaMigrations Migrations = new(
        SchemaVersion,
        metaTable: "connectlocal_meta",
        begin: "BEGIN",
        upgradeAdvice: "Upgrade every node.",
        """
        CREATE TABLE IF NOT EXISTS connectlocal_secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL);
        CREATE TABLE IF NOT EXISTS connectlocal_resources (
            account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
            id TEXT COLLATE "C" NOT NULL, name TEXT, data TEXT NOT NULL,
            PRIMARY KEY (account, region, kind, parent, id));
        CREATE INDEX IF NOT EXISTS connectlocal_resources_by_name ON connectlocal_resources (account, region, kind, parent, name);
        CREATE INDEX IF NOT EXISTS connectlocal_resources_by_parent ON connectlocal_resources (account, region, parent);
        """,
        """
        ALTER TABLE connectlocal_resources ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 1;
        CREATE TABLE IF NOT EXISTS connectlocal_writer (holder INT);
        """,
        """
        CREATE TABLE IF NOT EXISTS connectlocal_changes (
            seq BIGSERIAL PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL,
            parent TEXT NOT NULL, id TEXT);
        CREATE TABLE IF NOT EXISTS connectlocal_changes_floor (floor BIGINT NOT NULL);
        INSERT INTO connectlocal_changes_floor (floor) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM connectlocal_changes_floor);
        """);

    /// <summary>The sequence of the last committed change, as this node can see it now.</summary>
    public long Latest => Read(session => ((Session)session).LatestChange());

    /// <summary>The committed changes after <paramref name="after"/>; null when the table no longer reaches back that far.</summary>
    public IReadOnlyList<StoreChange>? Since(long after) => Read(session => ((Session)session).ChangesSince(after));

    /// <summary>Brings the schema up to <see cref="SchemaVersion"/>; refuses, changing nothing, a database written by a newer version.</summary>
    private static void Migrate(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        // One node migrates at a time; the others wait on the lock and then find the schema in place.
        Execute(connection, "SELECT pg_advisory_lock(4570)");
        try
        {
            Migrations.Apply(connection, connection.Database, static c => TryRollback((NpgsqlConnection)c));
        }
        finally
        {
            Execute(connection, "SELECT pg_advisory_unlock(4570)");
        }
    }

    public StoreSnapshot Export(RecordFilter filter, bool withSecrets) => Read(session => ((Session)session).Export(filter, withSecrets));

    public int Import(IEnumerable<StoredRecord> records, IReadOnlyDictionary<string, byte[]> secrets, IReadOnlyList<string>? replaceAccounts) =>
        Write(session => ((Session)session).Import(records, secrets, replaceAccounts));

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class Session(NpgsqlConnection connection) : IStoreSession
    {
        private const string Where = "account=$1 AND region=$2 AND kind=$3 AND parent=$4";

        public T? Get<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM connectlocal_resources WHERE {Where} AND id=$5", id);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
        }

        public T? GetByName<T>(ResourceScope scope, string name)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM connectlocal_resources WHERE {Where} AND name=$5 LIMIT 1", name);
            return command.ExecuteScalar() is string json ? ResourceSerializer.Deserialize<T>(json) : null;
        }

        public IReadOnlyList<T> Page<T>(ResourceScope scope, string? afterId, int limit)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM connectlocal_resources WHERE {Where} AND id > $5 ORDER BY id LIMIT $6", afterId ?? string.Empty, limit);
            return ResourceSerializer.ReadAll<T>(command);
        }

        public IReadOnlyList<T> All<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT data FROM connectlocal_resources WHERE {Where} ORDER BY id");
            return ResourceSerializer.ReadAll<T>(command);
        }

        public int Count<T>(ResourceScope scope)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT COUNT(*) FROM connectlocal_resources WHERE {Where}");
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Put<T>(ResourceScope scope, T resource)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope,
                "INSERT INTO connectlocal_resources (account, region, kind, parent, id, name, data, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) " +
                "ON CONFLICT (account, region, kind, parent, id) DO UPDATE SET name = excluded.name, data = excluded.data, version = connectlocal_resources.version + 1",
                resource.Id, (object?)resource.Name ?? DBNull.Value, ResourceSerializer.Serialize(resource));
            command.ExecuteNonQuery();
            Changed(scope.AccountId, scope.Region, T.Kind, scope.Parent, resource.Id);
        }

        public long Version<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"SELECT version FROM connectlocal_resources WHERE {Where} AND id=$5", id);
            return command.ExecuteScalar() is long version ? version : 0;
        }

        public bool PutIfVersion<T>(ResourceScope scope, T resource, long expectedVersion)
            where T : class, IResource<T>
        {
            using var command = expectedVersion == 0
                ? Command<T>(scope,
                    "INSERT INTO connectlocal_resources (account, region, kind, parent, id, name, data, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT DO NOTHING",
                    resource.Id, (object?)resource.Name ?? DBNull.Value, ResourceSerializer.Serialize(resource))
                : Command<T>(scope,
                    $"UPDATE connectlocal_resources SET name = $6, data = $7, version = version + 1 WHERE {Where} AND id = $5 AND version = $8",
                    resource.Id, (object?)resource.Name ?? DBNull.Value, ResourceSerializer.Serialize(resource), expectedVersion);
            if (command.ExecuteNonQuery() != 1)
            {
                return false;
            }

            Changed(scope.AccountId, scope.Region, T.Kind, scope.Parent, resource.Id);
            return true;
        }

        public void Delete<T>(ResourceScope scope, string id)
            where T : class, IResource<T>
        {
            using var command = Command<T>(scope, $"DELETE FROM connectlocal_resources WHERE {Where} AND id=$5", id);
            command.ExecuteNonQuery();
            Changed(scope.AccountId, scope.Region, T.Kind, scope.Parent, id);
        }

        public void DeleteChildren(string accountId, string region, string parent)
        {
            using var command = new NpgsqlCommand("DELETE FROM connectlocal_resources WHERE account=$1 AND region=$2 AND parent=$3", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = accountId });
            command.Parameters.Add(new NpgsqlParameter { Value = region });
            command.Parameters.Add(new NpgsqlParameter { Value = parent });
            command.ExecuteNonQuery();
            Changed(accountId, region, string.Empty, parent, null);
        }

        public byte[] Secret(string name)
        {
            using (var insert = new NpgsqlCommand("INSERT INTO connectlocal_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = name });
                insert.Parameters.Add(new NpgsqlParameter { Value = StoreSecrets.Create() });
                insert.ExecuteNonQuery();
            }

            using var read = new NpgsqlCommand("SELECT value FROM connectlocal_secrets WHERE name=$1", connection);
            read.Parameters.Add(new NpgsqlParameter { Value = name });
            return (byte[])read.ExecuteScalar()!;
        }

        public StoreSnapshot Export(RecordFilter filter, bool withSecrets)
        {
            using var records = new NpgsqlCommand(
                "SELECT " + StoreArchive.ExportColumns + " FROM connectlocal_resources " +
                "WHERE ($1::text IS NULL OR account=$1) AND ($2::text IS NULL OR region=$2) AND ($3::text IS NULL OR kind=$3) " +
                "AND ($4::text IS NULL OR parent=$4) AND ($5::text IS NULL OR id=$5) " +
                "ORDER BY account COLLATE \"C\", region COLLATE \"C\", kind COLLATE \"C\", parent COLLATE \"C\", id",
                connection);
            foreach (var value in StoreArchive.FilterValues(filter))
            {
                records.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            }

            using var secrets = withSecrets ? new NpgsqlCommand("SELECT name, value FROM connectlocal_secrets", connection) : null;
            return StoreArchive.ReadSnapshot(records, secrets);
        }

        public int Import(IEnumerable<StoredRecord> records, IReadOnlyDictionary<string, byte[]> secrets, IReadOnlyList<string>? replaceAccounts)
        {
            // Anything may have changed: readers of the feed read everything again.
            Changed(string.Empty, string.Empty, "*", string.Empty, null);
            if (replaceAccounts is null)
            {
                Execute(connection, "DELETE FROM connectlocal_resources");
            }
            else
            {
                using var delete = new NpgsqlCommand("DELETE FROM connectlocal_resources WHERE account = ANY($1)", connection);
                delete.Parameters.Add(new NpgsqlParameter { Value = replaceAccounts.ToArray() });
                delete.ExecuteNonQuery();
            }

            // COPY would be faster; a snapshot is a fixture or a backup of a test organisation, so batches of inserts
            // suffice. Batches of a bounded size, so that an import read as it streams never holds all its records.
            const int BatchSize = 500;
            var count = 0;
            var batch = new NpgsqlBatch(connection);
            try
            {
                foreach (var r in records)
                {
                    var insert = new NpgsqlBatchCommand(
                        "INSERT INTO connectlocal_resources (" + StoreArchive.ImportColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
                    foreach (var value in StoreArchive.ImportValues(r))
                    {
                        insert.Parameters.Add(new NpgsqlParameter { Value = value });
                    }

                    batch.BatchCommands.Add(insert);
                    count++;
                    if (batch.BatchCommands.Count == BatchSize)
                    {
                        batch.ExecuteNonQuery();
                        batch.Dispose();
                        batch = new NpgsqlBatch(connection);
                    }
                }

                if (batch.BatchCommands.Count > 0)
                {
                    batch.ExecuteNonQuery();
                }
            }
            finally
            {
                batch.Dispose();
            }

            StoreArchive.WriteSecrets(connection,
                "INSERT INTO connectlocal_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value", null, null, secrets);
            return count;
        }

        /// <summary>Appends a change to the feed (inside the write transaction, under the writer lock), pruning now and then.</summary>
        private void Changed(string accountId, string region, string kind, string parent, string? id)
        {
            using var insert = new NpgsqlCommand(
                "INSERT INTO connectlocal_changes (account, region, kind, parent, id) VALUES ($1, $2, $3, $4, $5) RETURNING seq", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = accountId });
            insert.Parameters.Add(new NpgsqlParameter { Value = region });
            insert.Parameters.Add(new NpgsqlParameter { Value = kind });
            insert.Parameters.Add(new NpgsqlParameter { Value = parent });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            var sequence = (long)insert.ExecuteScalar()!;
            if (sequence % PruneEvery != 0 || sequence <= StoreChangeLog.Capacity)
            {
                return;
            }

            var floor = sequence - StoreChangeLog.Capacity;
            using var prune = new NpgsqlCommand(
                "DELETE FROM connectlocal_changes WHERE seq <= $1; UPDATE connectlocal_changes_floor SET floor = GREATEST(floor, $1)", connection);
            prune.Parameters.Add(new NpgsqlParameter { Value = floor });
            prune.ExecuteNonQuery();
        }

        public long LatestChange()
        {
            using var command = new NpgsqlCommand(
                "SELECT GREATEST((SELECT floor FROM connectlocal_changes_floor), COALESCE((SELECT MAX(seq) FROM connectlocal_changes), 0))", connection);
            return (long)command.ExecuteScalar()!;
        }

        public IReadOnlyList<StoreChange>? ChangesSince(long after)
        {
            if (after < Floor() || after > LatestChange())
            {
                return null;
            }

            using var command = new NpgsqlCommand(
                "SELECT seq, account, region, kind, parent, id FROM connectlocal_changes WHERE seq > $1 ORDER BY seq LIMIT $2", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            command.Parameters.Add(new NpgsqlParameter { Value = StoreChangeLog.Capacity + 1 });
            using var reader = command.ExecuteReader();
            var changes = new List<StoreChange>();
            while (reader.Read())
            {
                changes.Add(new StoreChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            // More than the feed keeps: the reader is too far behind to catch up change by change.
            return changes.Count > StoreChangeLog.Capacity ? null : changes;
        }

        private long Floor()
        {
            using var command = new NpgsqlCommand("SELECT floor FROM connectlocal_changes_floor", connection);
            return (long)command.ExecuteScalar()!;
        }

        private NpgsqlCommand Command<T>(ResourceScope scope, string sql, params object[] extra)
            where T : class, IResource<T>
        {
            var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = scope.AccountId });
            command.Parameters.Add(new NpgsqlParameter { Value = scope.Region });
            command.Parameters.Add(new NpgsqlParameter { Value = T.Kind });
            command.Parameters.Add(new NpgsqlParameter { Value = scope.Parent });
            foreach (var value in extra)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return command;
        }
    }
}
