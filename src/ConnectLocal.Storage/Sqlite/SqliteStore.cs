using ConnectLocal.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The embedded backend. Writes go through one connection, one transaction at a time, committed in groups
/// (<see cref="GroupCommit"/>); reads of a file store run on a small pool of read-only connections beside it
/// (<see cref="SqliteReadPool"/>), each in its own transaction, which WAL gives a consistent snapshot of the last
/// commit (an in-memory store reads on the writer's connection). Every connection keeps its statements prepared
/// (<see cref="StatementCache"/>). The database is in WAL mode, checkpointed beside the writer
/// (<see cref="WalCheckpointer"/>); how hard a commit is pushed to disk is the <see cref="SqliteDurability"/>
/// (default synchronous=NORMAL).
/// LIMITATIONS: one serving process per database file (a second process, e.g. <c>connectlocal export</c>, may
/// share it briefly: it waits for the lock); several nodes need the PostgreSQL backend.
/// </summary>
public sealed class SqliteStore : IConnectStore, IStoreArchive, IStoreChangeFeed, IDisposable
{
    /// <summary>The schema version this build reads and writes (what each version added: <see cref="SqliteSchema"/>).</summary>
    public const int SchemaVersion = SqliteSchema.Version;

    /// <summary>[choice] Read connections of a file store: two per core, enough to keep every core reading.</summary>
    private static readonly int ReadConnections = Math.Max(2, Environment.ProcessorCount * 2);

    private readonly SqliteConnection _connection;
    private readonly StatementCache _statements;
    private readonly SqliteReadPool? _readers;
    private readonly WalCheckpointer? _checkpointer;

    // Held while the writer's connection is in use: by a group commit, by reads of an in-memory store, by Pragma.
    private readonly Lock _connectionGate = new();
    private readonly GroupCommit _writer;
    private readonly StoreChangeLog _changeLog = new();

    private SqliteStore(SqliteConnection connection, SqliteDurability durability, SqliteReadPool? readers, WalCheckpointer? checkpointer)
    {
        _connection = connection;
        _statements = new StatementCache(connection);
        _readers = readers;
        _checkpointer = checkpointer;
        _writer = new GroupCommit(_statements, _connectionGate, _changeLog);
        Durability = durability;
    }

    public SqliteDurability Durability { get; }

    /// <summary>Writes acknowledged and transactions committed for them since the store was opened (group commit makes the second smaller).</summary>
    public (long Writes, long Commits) CommitCounts => _writer.Counts;

    /// <summary>A store in <paramref name="directory"/>/connectlocal.db, created or migrated as needed.</summary>
    public static SqliteStore OpenFile(string directory, SqliteDurability durability = SqliteDurability.Normal)
    {
        Directory.CreateDirectory(directory);
        var path = DatabasePath(directory);
        var connection = SqliteConnections.OpenWriter(path, durability);
        try
        {
            SqliteSchema.Migrate(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteStore(connection, durability, new SqliteReadPool(path, ReadConnections), new WalCheckpointer(path));
    }

    public static string DatabasePath(string directory) => Path.Combine(directory, "connectlocal.db");

    /// <summary>A store that lives only as long as this object (--in-memory).</summary>
    public static SqliteStore OpenInMemory()
    {
        var connection = SqliteConnections.OpenInMemory();
        SqliteSchema.Migrate(connection);
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
            return ReadOn(reader, work, _writer);
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    public T Write<T>(Func<IStoreSession, T> work) => _writer.Write(work);

    public StoreSnapshot Export(RecordFilter filter, bool withSecrets) => Read(session => ((SqliteSession)session).Export(filter, withSecrets));

    public int Import(IEnumerable<StoredRecord> records, IReadOnlyDictionary<string, byte[]> secrets, IReadOnlyList<string>? replaceAccounts) =>
        Write(session => ((SqliteSession)session).Import(records, secrets, replaceAccounts));

    public void Dispose()
    {
        _checkpointer?.Dispose();
        _readers?.Dispose();
        _statements.Dispose();
        _connection.Dispose();
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

    /// <summary>
    /// One read transaction. On a pooled read-only connection (file stores) it runs beside the writer and the other
    /// readers — WAL gives each a consistent snapshot of the last commit — so reads never wait for a commit.
    /// </summary>
    private static T ReadOn<T>(StatementCache statements, Func<IStoreSession, T> work, GroupCommit? writer)
    {
        statements.Execute("BEGIN");
        try
        {
            var result = work(new SqliteSession(statements, writer, remember: true));
            statements.Execute("COMMIT");
            return result;
        }
        catch
        {
            statements.Execute("ROLLBACK");
            throw;
        }
    }
}
