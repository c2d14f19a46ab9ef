using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// How each connection of the SQLite backend is opened and set up: the writer (which owns the journal mode and the
/// durability), the read-only connections of the read pool, the checkpointer's, and the in-memory store's one.
/// None is pooled by Microsoft.Data.Sqlite: each is owned by one component for the life of the store.
/// </summary>
internal static class SqliteConnections
{
    // Another process (e.g. `connectlocal export`) may hold the database for a while; wait for it rather than fail.
    private const string BusyTimeout = "PRAGMA busy_timeout=10000";

    /// <summary>The writer's connection to the database at <paramref name="path"/>, in WAL mode, at <paramref name="durability"/>.</summary>
    public static SqliteConnection OpenWriter(string path, SqliteDurability durability)
    {
        var synchronous = durability switch
        {
            SqliteDurability.Fast => "OFF",
            SqliteDurability.Full => "FULL",
            _ => "NORMAL",
        };
        // wal_autocheckpoint=0: the commit that crossed 1,000 WAL pages used to copy them into the database and
        // sync it itself, stalling every write queued behind it for tens of milliseconds; the checkpointer
        // thread does that work beside the writer instead.
        return Open(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false },
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; {BusyTimeout}; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;");
    }

    /// <summary>A read-only connection to the database at <paramref name="path"/> (the read pool's).</summary>
    public static SqliteConnection OpenReader(string path) =>
        Open(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }, BusyTimeout);

    /// <summary>A connection to the database at <paramref name="path"/> for the checkpointer.</summary>
    public static SqliteConnection OpenCheckpointer(string path) =>
        Open(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }, BusyTimeout);

    /// <summary>A private in-memory database that lives as long as the connection.</summary>
    public static SqliteConnection OpenInMemory()
    {
        var connection = new SqliteConnection($"Data Source=connectlocal-{Guid.NewGuid():N};Mode=Memory;Cache=Private");
        connection.Open();
        return connection;
    }

    private static SqliteConnection Open(SqliteConnectionStringBuilder settings, string setup)
    {
        var connection = new SqliteConnection(settings.ToString());
        try
        {
            connection.Open();
            connection.Execute(setup);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
