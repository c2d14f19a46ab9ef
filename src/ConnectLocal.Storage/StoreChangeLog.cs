using ConnectLocal.Core.Ports;

namespace ConnectLocal.Storage;

/// <summary>
/// The last <see cref="Capacity"/> committed changes of one store object, numbered from 1 (<see cref="IStoreChangeFeed"/>).
/// A transaction collects its changes and publishes them only once it has committed.
/// </summary>
internal sealed class StoreChangeLog
{
    public const int Capacity = 65_536;

    private readonly StoreChange[] _ring = new StoreChange[Capacity];
    private readonly object _gate = new();
    private long _latest;

    public long Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public void Publish(IReadOnlyList<StoreChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var change in changes)
            {
                _latest++;
                _ring[_latest % Capacity] = change with { Sequence = _latest };
            }
        }
    }

    public IReadOnlyList<StoreChange>? Since(long after)
    {
        lock (_gate)
        {
            if (after > _latest || _latest - after > Capacity)
            {
                return null;
            }

            var changes = new List<StoreChange>((int)(_latest - after));
            for (var sequence = after + 1; sequence <= _latest; sequence++)
            {
                changes.Add(_ring[sequence % Capacity]);
            }

            return changes;
        }
    }
}
