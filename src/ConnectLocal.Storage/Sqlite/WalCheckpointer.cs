using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// Moves committed pages from the WAL into the database file on a thread of its own, every
/// <see cref="Interval"/>, in PASSIVE mode: it never waits for (nor blocks) the writer or the readers, and the
/// writer starts the WAL over once a checkpoint has caught up. The WAL, not the database file, is what makes a
/// commit durable, so durability is unchanged.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection _connection;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public WalCheckpointer(string path)
    {
        _connection = SqliteConnections.OpenCheckpointer(path);
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
