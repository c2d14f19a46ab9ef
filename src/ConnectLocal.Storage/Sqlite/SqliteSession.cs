using ConnectLocal.Core.Ports;
using ConnectLocal.Core.Resources;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// A transaction's view of the store. <paramref name="writer"/> is set on pooled read-only connections: the one
/// write a read may need (a secret made on first use) goes through the store's writer. <paramref name="remember"/>:
/// a read transaction, whose point reads may keep what they deserialize (<see cref="ResourceSerializer"/>).
/// </summary>
internal sealed class SqliteSession(StatementCache statements, GroupCommit? writer, bool remember) : IStoreSession
{
    private const string Key = "account=$a AND region=$r AND kind=$k AND parent=$p";

    // The parameters of a record's columns in StoreArchive's order: its key (what a RecordFilter matches), then
    // name, data and version (what an import writes).
    private static readonly string[] RecordParameters = ["$a", "$r", "$k", "$p", "$id", "$name", "$data", "$version"];

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
        return ResourceSerializer.ReadAll<T>(command);
    }

    public IReadOnlyList<T> All<T>(ResourceScope scope)
        where T : class, IResource<T>
    {
        var command = Command<T>(scope, $"SELECT data FROM resources WHERE {Key} ORDER BY id");
        return ResourceSerializer.ReadAll<T>(command);
    }

    public int Count<T>(ResourceScope scope)
        where T : class, IResource<T>
    {
        var command = Command<T>(scope, "SELECT n FROM resource_counts WHERE account=$a AND region=$r AND kind=$k AND parent=$p");
        return command.ExecuteScalar() is long n ? checked((int)n) : 0;
    }

    /// <summary>A write transaction's changes, published once it commits (<see cref="StoreChangeLog"/>).</summary>
    public List<StoreChange>? Changes { get; init; }

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

        var secret = StoreSecrets.Create();
        var write = statements.Get("INSERT INTO secrets (name, value) VALUES ($n, $v)");
        Set(write, "$n", name);
        Set(write, "$v", secret);
        write.ExecuteNonQuery();
        return secret;
    }

    public StoreSnapshot Export(RecordFilter filter, bool withSecrets)
    {
        using var records = statements.Connection.CreateCommand();
        records.CommandText =
            "SELECT " + StoreArchive.ExportColumns + " FROM resources " +
            "WHERE ($a IS NULL OR account=$a) AND ($r IS NULL OR region=$r) AND ($k IS NULL OR kind=$k) AND ($p IS NULL OR parent=$p) AND ($id IS NULL OR id=$id) " +
            "ORDER BY account, region, kind, parent, id";
        var values = StoreArchive.FilterValues(filter);
        for (var i = 0; i < values.Length; i++)
        {
            Set(records, RecordParameters[i], values[i]);
        }

        using var secrets = withSecrets ? statements.Connection.CreateCommand() : null;
        if (secrets is not null)
        {
            secrets.CommandText = "SELECT name, value FROM secrets";
        }

        return StoreArchive.ReadSnapshot(records, secrets);
    }

    public int Import(IEnumerable<StoredRecord> records, IReadOnlyDictionary<string, byte[]> secrets, IReadOnlyList<string>? replaceAccounts)
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

        // One prepared insert for every record; the records are read one at a time from the caller's enumeration.
        using var insert = statements.Connection.CreateCommand();
        insert.CommandText = "INSERT INTO resources (" + StoreArchive.ImportColumns + ") VALUES ($a, $r, $k, $p, $id, $name, $data, $version)";
        var count = 0;
        foreach (var record in records)
        {
            var values = StoreArchive.ImportValues(record);
            for (var i = 0; i < values.Length; i++)
            {
                Set(insert, RecordParameters[i], values[i]);
            }

            insert.ExecuteNonQuery();
            count++;
        }

        StoreArchive.WriteSecrets(statements.Connection,
            "INSERT INTO secrets (name, value) VALUES ($n, $v) ON CONFLICT (name) DO UPDATE SET value = excluded.value", "$n", "$v", secrets);
        return count;
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
