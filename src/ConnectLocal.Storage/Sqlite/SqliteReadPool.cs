using System.Collections.Concurrent;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// Read-only connections to a file store's database, opened on demand up to a bound and kept for reuse; a read
/// waits when all are busy.
/// </summary>
internal sealed class SqliteReadPool(string path, int size) : IDisposable
{
    private readonly ConcurrentBag<StatementCache> _idle = [];
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
            var statements = new StatementCache(SqliteConnections.OpenReader(path));
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
