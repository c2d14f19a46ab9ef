using System.Runtime.ExceptionServices;
using ConnectLocal.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ConnectLocal.Storage.Sqlite;

/// <summary>
/// The writer queue. Writes go through one connection, one transaction at a time (SQLite has a single writer
/// anyway). Writes that arrive while a commit is running are committed together in the next transaction (group
/// commit), each inside its own savepoint: a write that throws is rolled back alone, the others commit, and none is
/// acknowledged before the commit that holds it has returned. Under <see cref="SqliteDurability.Full"/> this turns
/// one fsync per write into one fsync per group, so throughput grows with the number of concurrent clients.
/// There is no writer thread: the first caller to find no commit running leads the group, and hands the lead to the
/// first write queued meanwhile.
/// </summary>
/// <param name="statements">The writer connection's statements.</param>
/// <param name="connectionGate">Held while the writer connection is in use; shared with whatever else uses it.</param>
internal sealed class GroupCommit(StatementCache statements, Lock connectionGate, StoreChangeLog changeLog)
{
    private readonly Lock _queueGate = new();
    private readonly List<PendingWrite> _queue = [];
    private bool _committing;
    private long _writes;
    private long _commits;

    /// <summary>Writes acknowledged and transactions committed for them (group commit makes the second smaller).</summary>
    public (long Writes, long Commits) Counts => (Interlocked.Read(ref _writes), Interlocked.Read(ref _commits));

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
            lock (connectionGate)
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
            statements.Execute("BEGIN IMMEDIATE");
        }
        catch (Exception e)
        {
            FailAll(group, e);
            return;
        }

        var session = new SqliteSession(statements, writer: null, remember: false) { Changes = [] };
        try
        {
            foreach (var item in group)
            {
                var mark = session.Changes.Count;
                // A lone write needs no savepoint: the transaction is its own.
                var savepoint = group.Count > 1;
                if (savepoint)
                {
                    statements.Execute("SAVEPOINT w");
                }

                try
                {
                    item.Result = item.Work(session);
                    if (savepoint)
                    {
                        statements.Execute("RELEASE w");
                    }
                }
                catch (Exception e) when (savepoint && e is not SqliteException)
                {
                    statements.Execute("ROLLBACK TO w; RELEASE w");
                    session.Changes.RemoveRange(mark, session.Changes.Count - mark);
                    item.Error = ExceptionDispatchInfo.Capture(e);
                }
            }

            statements.Execute("COMMIT");
            changeLog.Publish(session.Changes);
            Interlocked.Add(ref _writes, group.Count(i => i.Error is null));
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            // A lone write's own failure, a database error or a failed commit: nothing of the group is kept.
            try
            {
                statements.Execute("ROLLBACK");
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
}
