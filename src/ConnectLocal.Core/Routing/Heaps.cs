namespace ConnectLocal.Core.Routing;

/// <summary>
/// The agents of one routing profile, in one Region, available on one channel, ordered by how long they have been
/// idle (then by engine index, so ties are deterministic); the first is the agent to offer to.
///
/// An agent almost always comes back with its idle clock restarted just now, i.e. after every agent already here:
/// those go to the end of a linked list that is therefore always in order, so reading the first, adding and removing
/// cost O(1) whatever the number of idle agents. The rare agent that comes back with an older idle time (the
/// TIME_SINCE_LAST_INBOUND timer after an outbound call, a status set in the past) goes to a heap beside the list;
/// the first agent is the better of the two heads.
/// </summary>
internal sealed class AgentPool(int channel)
{
    private readonly AgentHeap _late = new(channel);
    private RoutedAgent? _head;
    private RoutedAgent? _tail;

    public int Count { get; private set; }

    public RoutedAgent Peek()
    {
        if (_late.Count == 0)
        {
            return _head!;
        }

        var late = _late.Peek();
        return _head is null || AgentHeap.Before(late, _head) ? late : _head;
    }

    public void Insert(RoutedAgent agent)
    {
        Count++;
        if (_tail is not null && AgentHeap.Before(agent, _tail))
        {
            _late.Insert(agent);
            return;
        }

        agent.InList[channel] = true;
        agent.Prev[channel] = _tail;
        agent.Next[channel] = null;
        if (_tail is null)
        {
            _head = agent;
        }
        else
        {
            _tail.Next[channel] = agent;
        }

        _tail = agent;
    }

    public void Remove(RoutedAgent agent)
    {
        Count--;
        if (!agent.InList[channel])
        {
            _late.Remove(agent);
            return;
        }

        agent.InList[channel] = false;
        var prev = agent.Prev[channel];
        var next = agent.Next[channel];
        if (prev is null)
        {
            _head = next;
        }
        else
        {
            prev.Next[channel] = next;
        }

        if (next is null)
        {
            _tail = prev;
        }
        else
        {
            next.Prev[channel] = prev;
        }

        agent.Prev[channel] = null;
        agent.Next[channel] = null;
    }

    /// <summary>Restores the order after the agent's key changed.</summary>
    public void Update(RoutedAgent agent)
    {
        Remove(agent);
        Insert(agent);
    }

    /// <summary>
    /// The first agent in idle order that satisfies the expression (a contact's routing criteria), or null: the first
    /// match in the list, compared with the best match among the late agents. Costs a walk, so only contacts with
    /// criteria ask.
    /// </summary>
    public RoutedAgent? First(RoutingExpression requirement)
    {
        RoutedAgent? best = null;
        for (var agent = _head; agent is not null; agent = agent.Next[channel])
        {
            if (requirement.Holds(agent))
            {
                best = agent;
                break;
            }
        }

        for (var i = 0; i < _late.Count; i++)
        {
            var late = _late.At(i);
            if ((best is null || AgentHeap.Before(late, best)) && requirement.Holds(late))
            {
                best = late;
            }
        }

        return best;
    }
}

/// <summary>A binary min-heap of agents by idle key; positions per channel in <see cref="RoutedAgent.PoolSlot"/>.</summary>
internal sealed class AgentHeap(int channel)
{
    private RoutedAgent[] _items = new RoutedAgent[8];

    public int Count { get; private set; }

    public RoutedAgent Peek() => _items[0];

    /// <summary>The agent at a heap position (0 to Count - 1), in no particular order.</summary>
    public RoutedAgent At(int slot) => _items[slot];

    public static bool Before(RoutedAgent a, RoutedAgent b) =>
        a.KeyTicks < b.KeyTicks || (a.KeyTicks == b.KeyTicks && a.Index < b.Index);

    public void Insert(RoutedAgent agent)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        _items[Count] = agent;
        agent.PoolSlot[channel] = Count;
        Count++;
        Up(Count - 1);
    }

    public void Remove(RoutedAgent agent)
    {
        var slot = agent.PoolSlot[channel];
        agent.PoolSlot[channel] = -1;
        Count--;
        if (slot == Count)
        {
            _items[Count] = null!;
            return;
        }

        var last = _items[Count];
        _items[Count] = null!;
        _items[slot] = last;
        last.PoolSlot[channel] = slot;
        Update(last);
    }

    /// <summary>Restores the order after the agent's key changed.</summary>
    public void Update(RoutedAgent agent)
    {
        var slot = agent.PoolSlot[channel];
        if (slot > 0 && Before(agent, _items[(slot - 1) / 2]))
        {
            Up(slot);
        }
        else
        {
            Down(slot);
        }
    }

    private void Up(int slot)
    {
        var item = _items[slot];
        while (slot > 0)
        {
            var parent = (slot - 1) / 2;
            if (!Before(item, _items[parent]))
            {
                break;
            }

            _items[slot] = _items[parent];
            _items[slot].PoolSlot[channel] = slot;
            slot = parent;
        }

        _items[slot] = item;
        item.PoolSlot[channel] = slot;
    }

    private void Down(int slot)
    {
        var item = _items[slot];
        while (true)
        {
            var child = (2 * slot) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Before(_items[child + 1], _items[child]))
            {
                child++;
            }

            if (!Before(_items[child], item))
            {
                break;
            }

            _items[slot] = _items[child];
            _items[slot].PoolSlot[channel] = slot;
            slot = child;
        }

        _items[slot] = item;
        item.PoolSlot[channel] = slot;
    }
}

/// <summary>
/// The contacts waiting in one queue, in one Region, on one channel, oldest first (then by arrival sequence). A
/// contact an agent rejected goes back with its original arrival time, so it keeps its place.
/// </summary>
internal sealed class ContactHeap
{
    private RoutedContact[] _items = new RoutedContact[8];

    public int Count { get; private set; }

    public RoutedContact? Peek() => Count == 0 ? null : _items[0];

    public IEnumerable<RoutedContact> Items => _items.Take(Count);

    /// <summary>The contact at a heap position (0 to Count - 1), in no particular order.</summary>
    public RoutedContact At(int slot) => _items[slot];

    /// <summary>Routing order in a queue: lower contact priority first, then the greater routing age, then arrival order.</summary>
    internal static bool Before(RoutedContact a, RoutedContact b) =>
        a.Priority < b.Priority
        || (a.Priority == b.Priority && (a.RoutingTicks < b.RoutingTicks || (a.RoutingTicks == b.RoutingTicks && a.Sequence < b.Sequence)));

    public void Insert(RoutedContact contact)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        _items[Count] = contact;
        contact.HeapSlot = Count;
        Count++;
        Up(Count - 1);
    }

    public void Remove(RoutedContact contact)
    {
        var slot = contact.HeapSlot;
        contact.HeapSlot = -1;
        Count--;
        if (slot == Count)
        {
            _items[Count] = null!;
            return;
        }

        var last = _items[Count];
        _items[Count] = null!;
        _items[slot] = last;
        last.HeapSlot = slot;
        if (slot > 0 && Before(last, _items[(slot - 1) / 2]))
        {
            Up(slot);
        }
        else
        {
            Down(slot);
        }
    }

    private void Up(int slot)
    {
        var item = _items[slot];
        while (slot > 0)
        {
            var parent = (slot - 1) / 2;
            if (!Before(item, _items[parent]))
            {
                break;
            }

            _items[slot] = _items[parent];
            _items[slot].HeapSlot = slot;
            slot = parent;
        }

        _items[slot] = item;
        item.HeapSlot = slot;
    }

    private void Down(int slot)
    {
        var item = _items[slot];
        while (true)
        {
            var child = (2 * slot) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Before(_items[child + 1], _items[child]))
            {
                child++;
            }

            if (!Before(_items[child], item))
            {
                break;
            }

            _items[slot] = _items[child];
            _items[slot].HeapSlot = slot;
            slot = child;
        }

        _items[slot] = item;
        item.HeapSlot = slot;
    }
}

/// <summary>
/// A min-heap of timed entries ordered by (time, insertion sequence): equal times come out in the order they went
/// in, so a run is the same on every machine. Four children per node: half the depth of a binary heap, and the
/// children of a node sit side by side in memory. Used for the engine's timers and the simulator's event list.
/// </summary>
public sealed class EventHeap<T>
{
    private Entry[] _items = new Entry[16];
    private long _sequence;

    public int Count { get; private set; }

    public long PeekTime => _items[0].Time;

    public void Push(long time, T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
        }

        var entry = new Entry(time, _sequence++, item);
        var slot = Count++;
        while (slot > 0)
        {
            var parent = (slot - 1) >> 2;
            if (!Before(entry, _items[parent]))
            {
                break;
            }

            _items[slot] = _items[parent];
            slot = parent;
        }

        _items[slot] = entry;
    }

    public T Pop(out long time)
    {
        var items = _items;
        var top = items[0];
        time = top.Time;
        var count = --Count;
        var last = items[count];
        items[count] = default;
        if (count > 0)
        {
            var slot = 0;
            while (true)
            {
                var first = (slot << 2) + 1;
                if (first >= count)
                {
                    break;
                }

                var best = first;
                var stop = Math.Min(first + 4, count);
                for (var child = first + 1; child < stop; child++)
                {
                    if (Before(items[child], items[best]))
                    {
                        best = child;
                    }
                }

                if (!Before(items[best], last))
                {
                    break;
                }

                items[slot] = items[best];
                slot = best;
            }

            items[slot] = last;
        }

        return top.Item;
    }

    private static bool Before(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);

    private readonly record struct Entry(long Time, long Sequence, T Item);
}
